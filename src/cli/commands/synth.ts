/** `exo-audit synth`: writes the deterministic synthetic tenant's logs in any input format, with labels and model. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createSyntheticTenant, formatInfo, isSynthFormat, SYNTH_FORMAT_SETS, SYNTH_FORMATS, type SynthFormatId,
} from '../../core/synth';
import { progressBar } from '../progress';
import { UsageError } from '../usageError';
import type { Command } from './command';
import { writeChunks } from '../writeChunks';

function intOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number (got ${String(v)})`);
  return n;
}

export function resolveFormats(spec: string): SynthFormatId[] {
  const out = new Set<SynthFormatId>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part in SYNTH_FORMAT_SETS) for (const f of SYNTH_FORMAT_SETS[part as keyof typeof SYNTH_FORMAT_SETS]) out.add(f);
    else if (isSynthFormat(part)) out.add(part);
    else throw new UsageError(`unknown format "${part}" (formats: ${SYNTH_FORMATS.map((f) => f.id).join(', ')}; sets: ${Object.keys(SYNTH_FORMAT_SETS).join(', ')})`);
  }
  if (out.size === 0) throw new UsageError('--format is empty');
  return [...out];
}


export const synthCommand: Command = {
  name: 'synth',
  usage: 'synth [--seed N] [--days D] [--users U] [--records R] [--format F] [--benign] --out DIR',
  summary: 'write a deterministic synthetic tenant (logs in the chosen formats, labels.json, model.json)',
  options: {
    seed: { type: 'string' }, days: { type: 'string' }, users: { type: 'string' }, records: { type: 'string' },
    start: { type: 'string' }, format: { type: 'string', default: 'ual' }, out: { type: 'string' }, benign: { type: 'boolean', default: false },
  },
  async run({ values, json, out }) {
    const dir = values.out;
    if (typeof dir !== 'string' || dir === '') throw new UsageError('synth needs --out DIR');
    const formats = resolveFormats(String(values.format ?? 'ual'));
    let tenant;
    try {
      tenant = createSyntheticTenant({
        seed: values.seed === undefined ? undefined : String(values.seed),
        days: intOption(values, 'days'), users: intOption(values, 'users'), records: intOption(values, 'records'),
        start: typeof values.start === 'string' ? values.start : undefined, attacks: values.benign !== true,
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    mkdirSync(dir, { recursive: true });
    const written: Array<{ format: string; file: string; bytes: number; tables: readonly string[] }> = [];
    for (const format of formats) {
      const info = formatInfo(format);
      const file = path.join(dir, info.fileName);
      const bar = progressBar(1, !json && process.stderr.isTTY === true);
      const bytes = await writeChunks(file, tenant.write(format), (n) => bar.update(0.5, `${info.fileName} ${(n / 1e6).toFixed(0)} MB`));
      bar.finish();
      written.push({ format, file, bytes, tables: info.tables });
    }
    writeFileSync(path.join(dir, 'labels.json'), `${JSON.stringify(tenant.labels, null, 2)}\n`);
    writeFileSync(path.join(dir, 'model.json'), `${JSON.stringify(tenant.initialModel, null, 2)}\n`);
    const report = { seed: tenant.options.seed, days: tenant.options.days, users: tenant.options.users, attacks: tenant.options.attacks, counts: tenant.counts, files: written };
    if (json) out(JSON.stringify(report, null, 2));
    else {
      out(`synthetic tenant seed ${report.seed}: ${report.users} users, ${report.days} days, attacks ${report.attacks ? 'on' : 'off'}`);
      out(`records: ${Object.entries(tenant.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      for (const w of written) out(`  ${w.file} (${w.format}, ${(w.bytes / 1e6).toFixed(1)} MB)`);
      out(`  ${path.join(dir, 'labels.json')} (scenario -> record Ids), ${path.join(dir, 'model.json')} (the tenant model after setup)`);
    }
  },
};
