// Running one notebook cell: every query block of its text, against the loaded tables (and the
// Findings / Stories tables when the text names them). No vscode import: the controller turns the
// outcome into cell outputs, and unit tests call it directly. Nothing here evaluates code: the
// text only ever reaches the EXQ parser, binder and executor.
import type { ColumnTable } from 'arquero';
import { derivedTables } from '../../core/findings';
import {
  bindDocument, catalogueSchema, extendSchema, isCancellation, lex, LineMap, listBlocks, parseDocument, QueryError, runQuery,
  schemaWithLoadedTables, type Diagnostic, type SchemaProvider, type TableInfo,
} from '../../core/query';
import type { QueryOutputPayload } from '../../protocol/notebook';
import { DEFAULT_LIMITS, queryPayload, type PayloadLimits } from './queryPayload';

export const DERIVED_TABLE_NAMES: readonly string[] = derivedTables.map((t) => t.name);

export interface CellRunEnv {
  /** The loaded tables; undefined when no audit data is loaded. */
  readonly tables: Readonly<Record<string, ColumnTable>> | undefined;
  /** The Findings and Stories tables, computed when first asked for. */
  readonly derived?: (signal: AbortSignal) => Promise<Readonly<Record<string, ColumnTable>>>;
  readonly limits?: PayloadLimits;
}

/** A diagnostic placed in the cell: 1-based line and column, as people read them. */
export interface CellError {
  readonly message: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Offsets into the cell text. */
  readonly start: number;
  readonly end: number;
  /** 'syntax' / 'semantic' errors are found before running; 'runtime' ones while running. */
  readonly phase: 'check' | 'runtime';
}

export type CellOutcome =
  | { readonly kind: 'results'; readonly results: readonly QueryOutputPayload[]; readonly errors: readonly CellError[] }
  | { readonly kind: 'noData'; readonly message: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'cancelled' };

export const NO_DATA_MESSAGE = 'No audit data is loaded. Open audit exports (exo-audit: Open Audit Export(s)), then run the cell again.';

function derivedSchemaTables(): TableInfo[] {
  return derivedTables.map((t) => ({ name: t.name, description: t.description, columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })) }));
}

function schemaFor(tables: Readonly<Record<string, ColumnTable>>): SchemaProvider {
  return schemaWithLoadedTables(extendSchema(catalogueSchema(), derivedSchemaTables()), tables);
}

/** Whether the text names Findings or Stories as a table (an identifier token, not inside a string). */
export function namesDerivedTables(text: string): boolean {
  return lex(text).tokens.some((t) => t.kind === 'ident' && DERIVED_TABLE_NAMES.includes(t.text));
}

export function cellError(text: string, d: Pick<Diagnostic, 'range' | 'message' | 'code'>, phase: CellError['phase'], lines = new LineMap(text)): CellError {
  const a = lines.positionAt(d.range.start);
  const b = lines.positionAt(Math.max(d.range.start, d.range.end));
  return {
    message: d.message, code: d.code, phase,
    line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1,
    start: d.range.start, end: Math.max(d.range.start, d.range.end),
  };
}

function warningText(lines: LineMap, d: Diagnostic): string {
  const p = lines.positionAt(d.range.start);
  return `line ${p.line + 1}, column ${p.character + 1}: ${d.message}`;
}

/** Errors of the whole cell found without running it (syntax and binding). */
function checkErrors(text: string, schema: SchemaProvider): CellError[] {
  const lines = new LineMap(text);
  return bindDocument(parseDocument(text), schema).diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => cellError(text, d, 'check', lines));
}

/**
 * Runs every block of the cell that holds a query, in order. Errors found before running stop
 * the cell (nothing runs); a run-time error stops at that block, keeping earlier results.
 */
export async function runCell(text: string, env: CellRunEnv, signal: AbortSignal): Promise<CellOutcome> {
  const blocks = listBlocks(parseDocument(text));
  if (blocks.length === 0) return { kind: 'empty' };
  const wantsDerived = namesDerivedTables(text);
  if (!env.tables) {
    const errors = checkErrors(text, schemaFor({}));
    return errors.length ? { kind: 'results', results: [], errors } : { kind: 'noData', message: NO_DATA_MESSAGE };
  }
  let tables = env.tables;
  const early = checkErrors(text, schemaFor(tables));
  if (early.length) return { kind: 'results', results: [], errors: early };
  const results: QueryOutputPayload[] = [];
  try {
    if (wantsDerived && env.derived) tables = { ...tables, ...(await env.derived(signal)) };
    if (signal.aborted) return { kind: 'cancelled' };
    const schema = schemaFor(tables);
    const lines = new LineMap(text);
    const multiple = blocks.length > 1;
    for (const [n, block] of blocks.entries()) {
      const r = await runQuery(text, { tables, schema }, { block: block.index, signal });
      if (!r.ok) {
        return { kind: 'results', results, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => cellError(text, d, 'check', lines)) };
      }
      const warnings = [...new Set(r.diagnostics.filter((d) => d.severity !== 'error').map((d) => warningText(lines, d)))];
      results.push(queryPayload(r, warnings, env.limits ?? DEFAULT_LIMITS, multiple ? n + 1 : undefined));
    }
    return { kind: 'results', results, errors: [] };
  } catch (e) {
    if (isCancellation(e) || signal.aborted) return { kind: 'cancelled' };
    if (e instanceof QueryError) return { kind: 'results', results, errors: [cellError(text, e.diagnostic, 'runtime')] };
    throw e;
  }
}

/** The error text of a cell: one line per error, then the first error's line with a caret under it. */
export function errorReport(text: string, errors: readonly CellError[]): { name: string; message: string; stack: string } {
  const first = errors[0]!;
  const name = first.phase === 'runtime' ? 'EXQ run-time error' : 'EXQ error';
  const message = errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`).join('\n');
  const sourceLine = text.split(/\r\n|\r|\n/)[first.line - 1] ?? '';
  const width = first.endLine === first.line ? Math.max(1, first.endColumn - first.column) : Math.max(1, sourceLine.length - first.column + 1);
  const gutter = String(first.line);
  const stack = `${gutter} | ${sourceLine}\n${' '.repeat(gutter.length)} | ${' '.repeat(first.column - 1)}${'^'.repeat(width)}`;
  return { name, message, stack };
}
