/**
 * Dictionary encoding of a column's data: each distinct value gets a small integer code. Loaded
 * tables do not change, so the encoding of a data array is computed once and remembered (weakly):
 * grouping by a column then works on integers instead of hashing strings for every row.
 */
import { groupKey } from './grouping';

export interface Dictionary {
  /** codes[i] is the code of data[i]. */
  readonly codes: Int32Array;
  /** The value of each code (as in the data; objects by their first occurrence). */
  readonly values: readonly unknown[];
}

const cache = new WeakMap<object, Dictionary>();
/** Below this many rows encoding is not worth remembering. */
const minRows = 4096;

export function dictionaryOf(data: ArrayLike<unknown>): Dictionary {
  const hit = cache.get(data as object);
  if (hit) return hit;
  const n = data.length;
  const codes = new Int32Array(n);
  const values: unknown[] = [];
  const map = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    const v = data[i];
    const k = v !== null && typeof v === 'object' ? groupKey(v) : v === undefined ? null : v;
    let c = map.get(k);
    if (c === undefined) {
      c = values.length;
      map.set(k, c);
      values.push(v === undefined ? null : v);
    }
    codes[i] = c;
  }
  const dict = { codes, values };
  if (n >= minRows) cache.set(data as object, dict);
  return dict;
}
