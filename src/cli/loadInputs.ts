/** Shared by every command that reads audit exports: expand paths, load with a progress bar. */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DatasetLoader, type Dataset } from '../core/ingest';
import { localInputFile, type LocalInputOptions } from '../connect/localFiles';
import { progressBar } from './progress';
import { UsageError } from './usageError';

// The tool's own outputs that sit beside logs (synth writes labels.json and model.json).
const SKIP = new Set(['labels.json', 'model.json', 'manifest.json', 'load-manifest.json']);

/** Files named, and the files inside named folders (recursively, sorted), never the loader's own outputs. */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new UsageError(`cannot read ${input}: no such file or folder`);
    }
    if (st.isDirectory()) {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir).sort()) {
          const p = path.join(dir, name);
          const s = statSync(p);
          if (s.isDirectory()) walk(p);
          else if (!SKIP.has(name) && !name.startsWith('.')) out.push(p);
        }
      };
      walk(input);
    } else out.push(input);
  }
  if (out.length === 0) throw new UsageError(`no files in ${inputs.join(', ')}`);
  return out;
}

export interface LoadInputsOptions {
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
  /** How large JSON-lines files are read on worker threads (default: next to the running bundle, 16 MB and up). */
  readonly parallel?: LocalInputOptions['parallel'];
}

export async function loadInputs(inputs: readonly string[], options: LoadInputsOptions = {}): Promise<Dataset> {
  const files = expandInputs(inputs);
  const total = files.reduce((a, f) => a + statSync(f).size, 0);
  const bar = progressBar(total, !options.quiet && process.stderr.isTTY === true);
  const loader = new DatasetLoader();
  let before = 0;
  for (const file of files) {
    const display = path.relative(process.cwd(), file) || file;
    await loader.load(localInputFile(file, display, { onBytes: (n) => bar.update(before + n, path.basename(file)), parallel: options.parallel }), { signal: options.signal });
    before += statSync(file).size;
  }
  bar.finish();
  return loader.finish();
}
