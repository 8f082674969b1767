/**
 * Which row of a loaded table each result row was read from, when the executor knows it: the
 * result's Id and Time columns are that table's own arrays, read through one row selection.
 * The findings engine uses it to point evidence at loaded rows without looking Ids up.
 */
import type { ColumnTable } from 'arquero';
import type { Frame } from './frame';

export function sourceRowsIn(frame: Frame, table: ColumnTable): Int32Array | undefined {
  const id = frame.column('Id');
  const time = frame.column('Time');
  if (!id || !time || id.constant || time.constant || table.isFiltered() || table.isOrdered()) return undefined;
  if (id.data !== (table.column('Id') as unknown) || time.data !== (table.column('Time') as unknown) || id.index !== time.index) return undefined;
  if (!id.index) {
    if (id.data.length !== frame.length) return undefined;
    return Int32Array.from({ length: frame.length }, (_, r) => r);
  }
  // A copy: the index may be one of the query's scratch arrays, which the next query reuses.
  return id.index.slice(0, frame.length);
}
