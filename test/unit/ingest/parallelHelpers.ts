/** Serial and parallel loads of the same files, and the check that they give the same dataset. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localInputFile } from '../../../src/connect/localFiles';
import { DatasetLoader, type Dataset, type InputFile, type SegmentChunk } from '../../../src/core/ingest';
import type { TableName } from '../../../src/core/schema/types';
import { assertLedgerAddsUp } from './helpers';

export const tableNames: readonly TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];

let dir = '';
before(function () {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exo-parallel-'));
});
after(function () {
  fs.rmSync(dir, { recursive: true, force: true });
});

export function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export interface Options {
  readonly segmentBytes?: number;
  readonly maxDetailsPerFile?: number;
}

export async function loadSerial(files: readonly string[], options: Options = {}): Promise<Dataset> {
  const loader = new DatasetLoader({ maxDetailsPerFile: options.maxDetailsPerFile });
  for (const f of files) await loader.load(localInputFile(f, path.basename(f), { hash: false, parallel: false }));
  const ds = loader.finish();
  assertLedgerAddsUp(ds);
  return ds;
}

/**
 * Loads through the worker threads, counting the chunks each file came in (0: it was read serially),
 * the JSON segments the workers handed back unencoded, and the CSV files read on serially from a segment.
 */
export async function loadParallel(files: readonly string[], options: Options = {}): Promise<{ ds: Dataset; chunks: number[]; raw: number; rest: number }> {
  const loader = new DatasetLoader({ maxDetailsPerFile: options.maxDetailsPerFile });
  const chunks: number[] = [];
  let raw = 0;
  let rest = 0;
  for (const f of files) {
    const input = localInputFile(f, path.basename(f), { hash: false, parallel: { minBytes: 0, segmentBytes: options.segmentBytes ?? 4096, workers: 2 } });
    let n = 0;
    const count = (source: AsyncIterable<SegmentChunk> | null): AsyncIterable<SegmentChunk> | null => source && (async function* (): AsyncGenerator<SegmentChunk> {
      for await (const c of source) {
        n++;
        if ('raw' in c) raw++;
        if ('rest' in c) rest++;
        yield c;
      }
    })();
    const counted: InputFile = {
      ...input,
      jsonLinesChunks: input.jsonLinesChunks && ((plan) => count(input.jsonLinesChunks!(plan))),
      csvChunks: input.csvChunks && ((plan) => count(input.csvChunks!(plan))),
    };
    await loader.load(counted);
    chunks.push(n);
  }
  const ds = loader.finish();
  assertLedgerAddsUp(ds);
  return { ds, chunks, raw, rest };
}

/** Every column of every table (values and their prototypes), every location, the ledger and the files. */
export function assertSameLoad(parallel: Dataset, serial: Dataset): void {
  for (const t of tableNames) {
    const p = parallel.tables[t];
    const s = serial.tables[t];
    assert.deepEqual(p.columnNames(), s.columnNames(), `${t}: columns`);
    assert.equal(p.numRows(), s.numRows(), `${t}: rows`);
    for (const c of s.columnNames()) {
      assert.deepStrictEqual(Array.from(p.array(c) as ArrayLike<unknown>), Array.from(s.array(c) as ArrayLike<unknown>), `${t}.${c}`);
    }
    for (let r = 0; r < s.numRows(); r++) assert.deepStrictEqual(parallel.locate(t, r), serial.locate(t, r), `${t} row ${r}: location`);
  }
  assert.deepStrictEqual(parallel.ledger, serial.ledger, 'ledger');
  assert.deepStrictEqual(parallel.files, serial.files, 'files');
}

