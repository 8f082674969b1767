/**
 * Finds a loaded table's row from a query result row. The loader keeps one record
 * per (Id, Time), so the pair names a row; Ids are nearly unique, so the index is
 * keyed by Id with the rare repeats kept in a list.
 */
import type { ColumnTable } from 'arquero';
import { numbers, strings } from './columns';

export class RowIndex {
  private readonly first = new Map<string, number>();
  private readonly more = new Map<string, number[]>();
  private readonly times: ArrayLike<number | null>;

  constructor(table: ColumnTable) {
    const ids = strings(table, 'Id');
    this.times = numbers(table, 'Time');
    for (let r = 0; r < ids.length; r++) {
      const id = ids[r] ?? '';
      if (!this.first.has(id)) this.first.set(id, r);
      else {
        let list = this.more.get(id);
        if (!list) this.more.set(id, (list = []));
        list.push(r);
      }
    }
  }

  private sameTime(row: number, time: unknown): boolean {
    const a = this.times[row];
    if (typeof a !== 'number' || !Number.isFinite(a)) return typeof time !== 'number' || !Number.isFinite(time);
    return a === time;
  }

  /** The loaded row with this Id and Time (-1 when none). */
  row(id: string, time: unknown): number {
    const r = this.first.get(id);
    if (r === undefined) return -1;
    if (this.sameTime(r, time)) return r;
    for (const x of this.more.get(id) ?? []) if (this.sameTime(x, time)) return x;
    return r;
  }

  /** Loaded rows of every row of a query result that kept Id and Time. */
  rowsOf(result: ColumnTable): Int32Array {
    const ids = strings(result, 'Id');
    const times = numbers(result, 'Time');
    const out = new Int32Array(result.numRows());
    for (let i = 0; i < out.length; i++) out[i] = this.row(ids[i] ?? '', times[i]);
    return out;
  }
}
