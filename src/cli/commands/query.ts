/** `exo-audit query FILE|-e TEXT --data FILES...`: runs EXQ headless; `--to-kql` prints the Sentinel KQL. */
import { readFileSync } from 'node:fs';
import {
  bindDocument, LineMap, parseDocument, runQuery, toKql, type Diagnostic, type QueryResult,
} from '../../core/query';
import { catalogueSchema } from '../../core/query/schemaProvider';
import { loadInputs } from '../loadInputs';
import { renderTable } from '../textTable';
import { UsageError } from '../usageError';
import type { Command } from './command';

function formatDiagnostic(source: string, text: string, d: Diagnostic): string {
  const p = new LineMap(text).positionAt(d.range.start);
  const hint = d.suggestions?.length && !/did you mean/i.test(d.message) ? ` (did you mean ${d.suggestions.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}?)` : '';
  return `${source}:${p.line + 1}:${p.character + 1}: ${d.severity}: ${d.message}${hint}`;
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** datetime values are epoch ms inside; show them as ISO-8601 like Kusto does. */
function displayValue(v: unknown, type: string): unknown {
  if (type === 'datetime' && typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  return v;
}

function rowsOf(result: QueryResult, limit: number): unknown[][] {
  const names = result.columns.map((c) => c.name);
  const cols = names.map((n) => result.table.column(n) as unknown as ArrayLike<unknown> | undefined);
  const n = Math.min(limit, result.table.numRows());
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) rows.push(cols.map((c, j) => displayValue(c ? c[i] : null, result.columns[j]!.type)));
  return rows;
}

export const queryCommand: Command = {
  name: 'query',
  usage: 'query FILE|-e TEXT [--data FILES...] [--block N] [--to-kql] [--csv] [--limit N] [--json]',
  summary: 'run an EXQ query over audit exports and print a table (--json, --csv), or print its KQL for Sentinel (--to-kql)',
  options: {
    e: { type: 'string', short: 'e' }, data: { type: 'string', multiple: true }, block: { type: 'string' },
    'to-kql': { type: 'boolean', default: false }, csv: { type: 'boolean', default: false }, limit: { type: 'string' },
  },
  async run({ positionals, values, json, out }) {
    let text: string;
    let source: string;
    if (typeof values.e === 'string') {
      text = values.e;
      source = '<query>';
    } else {
      const file = positionals.shift();
      if (!file) throw new UsageError('query needs a FILE or -e "QUERY"');
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      source = file;
    }
    if (values['to-kql']) {
      const kql = toKql(text);
      for (const d of kql.diagnostics) process.stderr.write(`${formatDiagnostic(source, text, d)}\n`);
      if (!kql.ok) throw new UsageError(`${source}: the query has errors; no KQL written`, 1);
      out(json ? JSON.stringify({ kql: kql.kql, warnings: kql.diagnostics.map((d) => d.message) }, null, 2) : kql.kql);
      return;
    }
    const dataFiles = [...((values.data as string[] | undefined) ?? []), ...positionals];
    if (dataFiles.length === 0) throw new UsageError('query needs --data FILES... (audit exports to query)');
    const limit = values.limit === undefined ? (json || values.csv ? Infinity : 100) : Number(values.limit);
    if (!(limit >= 0)) throw new UsageError('--limit must be a number');

    // Check the whole document first: errors are reported without loading gigabytes.
    const binding = bindDocument(parseDocument(text), catalogueSchema());
    const errors = binding.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) process.stderr.write(`${formatDiagnostic(source, text, d)}\n`);
    if (errors.length) throw new UsageError(`${source}: ${errors.length} error(s) in the query`, 1);

    const ds = await loadInputs(dataFiles, { quiet: json || values.csv === true });
    const blocks = values.block !== undefined ? [Number(values.block)] : binding.blocks.map((b, i) => (b.query ? i : -1)).filter((i) => i >= 0);
    const results: object[] = [];
    for (const block of blocks) {
      const result = await runQuery(text, { tables: ds.tables }, { block });
      for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(source, text, d)}\n`);
      if (!result.ok) throw new UsageError(`${source}: block ${block + 1} did not run`, 1);
      const headers = result.columns.map((c) => c.name);
      const rows = rowsOf(result, limit);
      if (json) results.push({ block, columns: result.columns, rows: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]]))), rowCount: result.table.numRows(), render: result.render, elapsedMs: result.elapsedMs });
      else if (values.csv) {
        out(headers.map(csvCell).join(','));
        for (const r of rows) out(r.map(csvCell).join(','));
      } else {
        if (blocks.length > 1) out(`\n-- block ${block + 1}`);
        out(renderTable(headers, rows));
        const more = result.table.numRows() - rows.length;
        out(`(${result.table.numRows()} row${result.table.numRows() === 1 ? '' : 's'}${more > 0 ? `, ${more} not shown: --limit N or --csv` : ''}; ${result.elapsedMs.toFixed(1)} ms)`);
      }
    }
    if (json) out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  },
};
