/**
 * Column access for rules: plain arrays over the loaded arquero tables, scanned
 * by row number, and row selections computed once per distinct value of a
 * categorical column (the loader interns those strings, so there are few).
 */
import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';
import { codesOf, flagsOf } from './columnCodes';

/** Rows of one table a rule reads: `rows` index into `source`. */
export interface Selection {
  readonly table: TableName;
  /** The loaded table itself, or the result of the rule's query. */
  readonly source: ColumnTable;
  readonly rows: Int32Array;
  /** For a query result: the loaded table's row of each result row (-1 when not found). Absent when `source` is the loaded table. */
  readonly loaded?: Int32Array;
}

const empty: readonly unknown[] = [];

/** A column as an indexable array ([] when the table lacks it). The table must not be filtered or ordered. */
export function values(t: ColumnTable, name: string): ArrayLike<unknown> {
  const col = t.column(name) as unknown;
  if (col === undefined) return empty;
  if (Array.isArray(col) || ArrayBuffer.isView(col)) return col as ArrayLike<unknown>;
  return t.array(name) as ArrayLike<unknown>;
}

export function strings(t: ColumnTable, name: string): ArrayLike<string> {
  return values(t, name) as ArrayLike<string>;
}

export function numbers(t: ColumnTable, name: string): ArrayLike<number | null> {
  return values(t, name) as ArrayLike<number | null>;
}

/** Every row of a table. */
export function allRows(t: ColumnTable): Int32Array {
  const n = t.numRows();
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Rows whose `column` value passes `test`; the test runs once per distinct value. */
export function rowsWhere(t: ColumnTable, column: string, test: (value: string) => boolean): Int32Array {
  const c = codesOf(t, column);
  const pass = flagsOf(c, test);
  const codes = c.codes;
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (pass[codes[i]!]) n++;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < codes.length; i++) if (pass[codes[i]!]) out[k++] = i;
  return out;
}

/** Keeps the rows of `rows` that pass `test(row)`. */
export function filterRows(rows: Int32Array, test: (row: number) => boolean): Int32Array {
  const out = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (test(rows[i]!)) out[n++] = rows[i]!;
  return out.slice(0, n);
}

/** Operation names compared without case, a trailing period, or the kind of dash (Entra writes an en dash). */
export function operationKey(op: string): string {
  return op.trim().replace(/\.$/, '').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').toLowerCase();
}

/** Rows whose Operation is one of `names` (compared by operationKey). */
export function rowsWithOperation(t: ColumnTable, names: readonly string[]): Int32Array {
  const keys = new Set(names.map(operationKey));
  return rowsWhere(t, 'Operation', (op) => keys.has(operationKey(op)));
}

/** A cmdlet parameter from a Parameters bag, by name without case ('' when absent). */
export function param(bag: unknown, name: string): string {
  if (!bag || typeof bag !== 'object' || Array.isArray(bag)) return '';
  const o = bag as Record<string, unknown>;
  let v = o[name];
  if (v === undefined) {
    const lower = name.toLowerCase();
    for (const k of Object.keys(o)) {
      if (k.toLowerCase() === lower) {
        v = o[k];
        break;
      }
    }
  }
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Whether a Parameters bag names the parameter at all (a switch or an empty value counts). */
export function hasParam(bag: unknown, name: string): boolean {
  if (!bag || typeof bag !== 'object' || Array.isArray(bag)) return false;
  const lower = name.toLowerCase();
  return Object.keys(bag as object).some((k) => k.toLowerCase() === lower);
}

/** A time cell as epoch ms, or null (the loader writes NaN for records without a time). */
export function timeAt(times: ArrayLike<number | null>, row: number): number | null {
  const t = times[row];
  return typeof t === 'number' && Number.isFinite(t) ? t : null;
}
