/** `exo-audit load FILES...`: what was loaded, from where, and what was not. */
import { summarizeDataset, type Dataset } from '../../core/ingest';
import { loadInputs } from '../loadInputs';
import { renderTable } from '../textTable';
import { UsageError } from '../usageError';
import type { Command } from './command';

export function isoOrEmpty(t: number | null): string {
  return t === null ? '' : new Date(t).toISOString();
}

export function loadReport(ds: Dataset): object {
  const summary = summarizeDataset(ds);
  return {
    ledger: {
      read: ds.ledger.read, loaded: ds.ledger.loaded, duplicates: ds.ledger.duplicates, rejected: ds.ledger.rejected,
      files: ds.ledger.files.map((f) => ({
        file: f.file, format: f.format, encoding: f.encoding, gzip: f.gzip, bytes: f.bytes, sha256: f.sha256,
        read: f.read, loaded: f.loaded, duplicates: f.duplicates, rejected: f.rejected, loadedByTable: f.loadedByTable,
        rejections: f.rejections, warnings: f.warnings, warningCount: f.warningCount,
      })),
    },
    tables: Object.fromEntries(Object.entries(summary).map(([name, s]) => [name, {
      rows: s.rows, from: isoOrEmpty(s.from), to: isoOrEmpty(s.to), operations: Object.fromEntries(s.operations.map((o) => [o.operation, o.count])),
    }])),
    manifest: ds.ledger.files.map((f) => ({ file: f.file, bytes: f.bytes, sha256: f.sha256, format: f.format, encoding: f.encoding, gzip: f.gzip })),
  };
}

export function printLoadSummary(ds: Dataset, out: (s: string) => void, topOperations = 15): void {
  const summary = summarizeDataset(ds);
  out(renderTable(['table', 'rows', 'from', 'to'], Object.entries(summary).map(([n, s]) => [n, s.rows, isoOrEmpty(s.from), isoOrEmpty(s.to)])));
  for (const [name, s] of Object.entries(summary)) {
    if (s.rows === 0 || s.operations.every((o) => o.operation === '')) continue;
    out(`\n${name}: top operations`);
    const more = s.operations.length > topOperations ? s.operations.length - topOperations : 0;
    out(renderTable(['operation', 'count'], s.operations.slice(0, topOperations).map((o) => [o.operation, o.count])));
    if (more) out(`(${more} more operations)`);
  }
  const l = ds.ledger;
  out(`\nledger: read ${l.read} = loaded ${l.loaded} + duplicates ${l.duplicates} + rejected ${l.rejected}`);
  out(renderTable(['file', 'format', 'read', 'loaded', 'dup', 'rejected', 'sha256'],
    l.files.map((f) => [f.file, f.format, f.read, f.loaded, f.duplicates, f.rejected, (f.sha256 ?? '').slice(0, 16)])));
  const rejections = l.files.flatMap((f) => f.rejections);
  if (rejections.length) {
    out('\nrejected records (first 20):');
    for (const r of rejections.slice(0, 20)) out(`  ${r.file}:${r.line}: ${r.reason}`);
  }
  const warnings = l.files.flatMap((f) => f.warnings);
  if (warnings.length) {
    out(`\nwarnings (${l.files.reduce((a, f) => a + f.warningCount, 0)}, first 10):`);
    for (const w of warnings.slice(0, 10)) out(`  ${w.file}:${w.line}: ${w.reason}`);
  }
}

export const loadCommand: Command = {
  name: 'load',
  usage: 'load FILES|FOLDERS... [--json]',
  summary: 'load audit exports and print what was loaded: rows per table and operation, time range, ledger, manifest',
  options: {},
  async run({ positionals, json, out }) {
    if (positionals.length === 0) throw new UsageError('load needs at least one file or folder');
    const ds = await loadInputs(positionals, { quiet: json });
    if (json) out(JSON.stringify(loadReport(ds), null, 2));
    else printLoadSummary(ds, out);
    if (ds.ledger.loaded === 0) throw new UsageError(`no records loaded from ${ds.ledger.files.length} file(s) (${ds.ledger.rejected} rejected)`, 1);
  },
};
