/**
 * Which row of a loaded table each result row was read from, when the executor knows it: the
 * result's Id and Time are that table's own arrays, read through one row selection. The findings
 * engine uses it to point evidence at loaded rows without looking Ids up, and, when every column
 * of the result is read that way, to read the loaded table at those rows instead of a copy.
 */
import type { ColumnTable } from 'arquero';
import { Frame, type FrameColumn } from './frame';

export interface SourceRows {
  /** The loaded row of each result row (-1 for none). */
  readonly rows: Int32Array;
  /** The result as the loaded table's columns at `rows` (set when every result column is one, unchanged). */
  readonly frame?: Frame;
}

function readsSource(c: FrameColumn, table: ColumnTable): boolean {
  return !c.constant && c.data === (table.column(c.name) as unknown);
}

export function sourceRowsIn(frame: Frame, table: ColumnTable): SourceRows | undefined {
  const id = frame.column('Id');
  const time = frame.column('Time');
  if (!id || !time || table.isFiltered() || table.isOrdered()) return undefined;
  if (!readsSource(id, table) || !readsSource(time, table) || id.index !== time.index) return undefined;
  let rows: Int32Array;
  if (!id.index) {
    if (id.data.length !== frame.length) return undefined;
    rows = Int32Array.from({ length: frame.length }, (_, r) => r);
  } else {
    // A copy: the index may be one of the query's scratch arrays, which the next query reuses.
    rows = id.index.slice(0, frame.length);
  }
  const names = new Set<string>();
  const only = frame.columns.every((c) => c.index === id.index && readsSource(c, table) && !names.has(c.name) && names.add(c.name));
  if (!only) return { rows };
  return { rows, frame: new Frame(frame.columns.map((c) => ({ name: c.name, type: c.type, data: c.data, index: rows })), frame.length) };
}
