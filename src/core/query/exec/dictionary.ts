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
    let last: unknown = undefined;
    let lastCode = -1;
    for (let i = from; i < to; i++) {
      const v = data[i];
      // Neighbouring rows often repeat a value (interned strings: one comparison of references).
      if (v === last && lastCode >= 0 && typeof v !== 'object') {
        codes[i] = lastCode;
        continue;
      }
      const k = v !== null && typeof v === 'object' ? groupKey(v) : v === undefined ? null : v;
      let c = map.get(k);
      if (c === undefined) {
        c = values.length;
        map.set(k, c);
        values.push(v === undefined ? null : v);
      }
      codes[i] = c;
      last = v;
      lastCode = c;
    }
  }

  done(): Dictionary {
    const dict = { codes: this.codes, values: this.values };
    if (this.data.length >= minRows) cache.set(this.data as object, dict);
    return dict;
  }
}

/**
 * Gives a data array its dictionary, made elsewhere (the loader codes categorical columns as it
 * interns them). The codes must number values by first occurrence, as dictionaryOf does.
 */
export function rememberDictionary(data: ArrayLike<unknown>, dict: Dictionary): void {
  if (dict.codes.length !== data.length) throw new Error('a dictionary for another number of rows');
  cache.set(data as object, dict);
}

/** The data array's dictionary if one was made already (by the loader, or an earlier query). */
export function knownDictionary(data: ArrayLike<unknown>): Dictionary | undefined {
  return cache.get(data as object);
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
