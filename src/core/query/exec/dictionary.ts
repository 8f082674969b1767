/**
 * Dictionary encoding of a column's data: each distinct value gets a small integer code. Loaded
 * tables do not change, so the encoding of a data array is computed once and remembered (weakly):
 * grouping by a column then works on integers instead of hashing strings for every row.
 */
import type { Checkpoint } from './checkpoint';
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

class DictionaryBuilder {
  readonly codes: Int32Array;
  readonly values: unknown[] = [];
  private readonly map = new Map<unknown, number>();
  constructor(private readonly data: ArrayLike<unknown>) {
    this.codes = new Int32Array(data.length);
  }

  encode(from: number, to: number): void {
    const { data, codes, values, map } = this;
    for (let i = from; i < to; i++) {
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
  }

  done(): Dictionary {
    const dict = { codes: this.codes, values: this.values };
    if (this.data.length >= minRows) cache.set(this.data as object, dict);
    return dict;
  }
}

export function dictionaryOf(data: ArrayLike<unknown>): Dictionary {
  const hit = cache.get(data as object);
  if (hit) return hit;
  const builder = new DictionaryBuilder(data);
  builder.encode(0, data.length);
  return builder.done();
}

/** dictionaryOf, built in chunks between cancellation checks (a first query over a million rows). */
export async function dictionaryOfChunked(cp: Checkpoint, data: ArrayLike<unknown>): Promise<Dictionary> {
  const hit = cache.get(data as object);
  if (hit) return hit;
  const builder = new DictionaryBuilder(data);
  await cp.chunks(data.length, (from, to) => builder.encode(from, to));
  return builder.done();
}
