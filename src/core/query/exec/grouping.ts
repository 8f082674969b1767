/** Assigning rows to groups by key values (summarize by, distinct). */
import type { Grouping } from '../functions';
import type { Checkpoint } from './checkpoint';
import type { RowFn } from './values';

/** A Map key for a value: objects by their JSON text, undefined/NaN as null. */
export function groupKey(v: unknown): unknown {
  if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (v !== null && typeof v === 'object') return `\u0000${JSON.stringify(v)}`;
  return v;
}

export interface GroupResult extends Grouping {
  /** The first row of each group (where its key values are read). */
  readonly firstRow: Int32Array;
}

type Nested = Map<unknown, number | Nested>;

export async function groupRows(cp: Checkpoint, keys: readonly RowFn[], n: number, direct?: ArrayLike<unknown>): Promise<GroupResult> {
  const groupOf = new Int32Array(n);
  const first: number[] = [];
  if (keys.length === 0) {
    return { groupOf, nGroups: 1, nRows: n, firstRow: Int32Array.of(n > 0 ? 0 : -1) };
  }
  if (keys.length === 1) {
    const map = new Map<unknown, number>();
    const key = keys[0]!;
    await cp.chunks(n, (from, to) => {
      if (direct) {
        for (let r = from; r < to; r++) {
          let v = direct[r];
          if (v !== null && typeof v === 'object') v = groupKey(v);
          let g = map.get(v);
          if (g === undefined) {
            g = first.length;
            map.set(v, g);
            first.push(r);
          }
          groupOf[r] = g;
        }
        return;
      }
      for (let r = from; r < to; r++) {
        const v = groupKey(key(r));
        let g = map.get(v);
        if (g === undefined) {
          g = first.length;
          map.set(v, g);
          first.push(r);
        }
        groupOf[r] = g;
      }
    });
    return { groupOf, nGroups: first.length, nRows: n, firstRow: Int32Array.from(first) };
  }
  const root: Nested = new Map();
  const last = keys.length - 1;
  await cp.chunks(n, (from, to) => {
    for (let r = from; r < to; r++) {
      let level = root;
      for (let k = 0; k < last; k++) {
        const v = groupKey(keys[k]!(r));
        let next = level.get(v) as Nested | undefined;
        if (!next) {
          next = new Map();
          level.set(v, next);
        }
        level = next;
      }
      const v = groupKey(keys[last]!(r));
      let g = level.get(v) as number | undefined;
      if (g === undefined) {
        g = first.length;
        level.set(v, g);
        first.push(r);
      }
      groupOf[r] = g;
    }
  });
  return { groupOf, nGroups: first.length, nRows: n, firstRow: Int32Array.from(first) };
}
