/**
 * Assigning rows to groups by key values (summarize by, distinct). Each key is first turned into
 * integer codes (plain columns through their remembered dictionary, computed keys through a map),
 * then the codes of all keys are combined into a group number, in order of first appearance.
 */
import type { Grouping } from '../functions';
import type { Checkpoint } from './checkpoint';
import type { Scratch } from './scratch';
import { dictionaryOf } from './dictionary';
import type { FrameColumn } from './frame';
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

/** A grouping key: a row function, and the plain column it reads, or the bin(x, size) it computes. */
export interface GroupKey {
  readonly fn: RowFn;
  readonly column?: FrameColumn;
  /**
   * bin(value, size) with a constant size: codes are computed arithmetically. `column` is the
   * plain column the value is, when it is one (read straight from its array: no boxed numbers).
   */
  readonly bin?: { readonly value: RowFn; readonly size: number; readonly column?: FrameColumn };
}

/** Most bins of one bin() key coded arithmetically (beyond that, a map is used). */
const maxBins = 1 << 22;

interface Coded {
  readonly codes: Int32Array;
  readonly cardinality: number;
}

/**
 * Every row's code for one key. The arrays made here are scratch for one query: each one is n
 * integers, and large queries on a big heap pay for every megabyte allocated in garbage collection.
 */
async function encode(cp: Checkpoint, key: GroupKey, n: number, scratch: Scratch | undefined): Promise<Coded> {
  const col = key.column;
  if (col && !col.constant && Array.isArray(col.data)) {
    const dict = dictionaryOf(col.data);
    const base = dict.codes;
    const idx = col.index;
    const nullCode = dict.values.length;
    // Read-only from here on: the column's own codes serve when every row is there in order.
    if (!idx && base.length === n) return { codes: base, cardinality: nullCode + 1 };
    const codes = int32(scratch, n);
    await cp.chunks(n, (from, to) => {
      if (!idx) codes.set(base.subarray(from, to), from);
      else for (let r = from; r < to; r++) { const i = idx[r]!; codes[r] = i < 0 ? nullCode : base[i]!; }
    });
    return { codes, cardinality: nullCode + 1 };
  }
  const codes = int32(scratch, n);
  if (key.bin && key.bin.size > 0) {
    const numbers = key.bin.column && !key.bin.column.constant && key.bin.column.data instanceof Float64Array ? key.bin.column : undefined;
    const coded = numbers
      ? await encodeColumnBins(cp, numbers.data as Float64Array, numbers.index, key.bin.size, n, codes)
      : await encodeBins(cp, key.bin.value, key.bin.size, n, codes);
    if (coded) return coded;
  }
  const map = new Map<unknown, number>();
  const fn = key.fn;
  await cp.chunks(n, (from, to) => {
    for (let r = from; r < to; r++) {
      const v = groupKey(fn(r));
      let c = map.get(v);
      if (c === undefined) {
        c = map.size;
        map.set(v, c);
      }
      codes[r] = c;
    }
  });
  return { codes, cardinality: Math.max(1, map.size) };
}

/** A bucket number no bin can have: the row's value is null. */
const NULL_BUCKET = -(2 ** 31);

/**
 * encodeBins over a column of numbers (NaN or an index of -1 is null), without a call per row.
 * Bucket numbers that fit in 32 bits (an hour of epoch ms is about 480,000) are divided out once
 * and kept in `codes`, then shifted to start at 0; smaller bins fall back to dividing twice.
 */
async function encodeColumnBins(
  cp: Checkpoint, data: Float64Array, index: Int32Array | undefined, size: number, n: number, codes: Int32Array,
): Promise<Coded | undefined> {
  let min = Infinity;
  let max = -Infinity;
  await cp.chunks(n, (from, to) => {
    let lo = min;
    let hi = max;
    for (let r = from; r < to; r++) {
      const i = index ? index[r]! : r;
      const v = i < 0 ? NaN : data[i]!;
      if (v === v) {
        const b = Math.floor(v / size);
        if (b < lo) lo = b;
        if (b > hi) hi = b;
        codes[r] = b;
      } else {
        codes[r] = NULL_BUCKET;
      }
    }
    min = lo;
    max = hi;
  });
  const span = max >= min ? max - min + 1 : 0;
  if (span > maxBins) return undefined;
  const nullCode = span;
  if (span === 0 || (min > NULL_BUCKET && max < 2 ** 31)) {
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        const b = codes[r]!;
        codes[r] = b === NULL_BUCKET ? nullCode : b - min;
      }
    });
  } else {
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        const i = index ? index[r]! : r;
        const v = i < 0 ? NaN : data[i]!;
        codes[r] = v === v ? Math.floor(v / size) - min : nullCode;
      }
    });
  }
  return { codes, cardinality: span + 1 };
}

/** bin(value, size): code = bucket - first bucket; nulls get the last code. Undefined when there are too many buckets. */
async function encodeBins(cp: Checkpoint, value: RowFn, size: number, n: number, codes: Int32Array): Promise<Coded | undefined> {
  // Two passes over the values (the range, then the codes) instead of keeping every bucket.
  let min = Infinity;
  let max = -Infinity;
  await cp.chunks(n, (from, to) => {
    for (let r = from; r < to; r++) {
      const v = value(r);
      if (typeof v === 'number' && v === v) {
        const b = Math.floor(v / size);
        if (b < min) min = b;
        if (b > max) max = b;
      }
    }
  });
  const span = max >= min ? max - min + 1 : 0;
  if (span > maxBins) return undefined;
  const nullCode = span;
  await cp.chunks(n, (from, to) => {
    for (let r = from; r < to; r++) {
      const v = value(r);
      codes[r] = typeof v === 'number' && v === v ? Math.floor(v / size) - min : nullCode;
    }
  });
  return { codes, cardinality: span + 1 };
}

const int32 = (scratch: Scratch | undefined, n: number): Int32Array => scratch?.int32(n) ?? new Int32Array(n);

/** Rows into groups. Arrays from `scratch` (groupOf among them) live only as long as the query. */
export async function groupRows(cp: Checkpoint, keys: readonly GroupKey[], n: number, scratch?: Scratch): Promise<GroupResult> {
  const groupOf = int32(scratch, n);
  if (keys.length === 0) {
    return { groupOf, nGroups: 1, nRows: n, firstRow: Int32Array.of(n > 0 ? 0 : -1) };
  }
  const coded: Coded[] = [];
  for (const k of keys) coded.push(await encode(cp, k, n, scratch));
  // Combine the codes of the keys into one number per row.
  let space = 1;
  for (const c of coded) space *= c.cardinality;
  if (coded.length === 2 && space <= Math.max(8 * n, maxBins)) return groupPairs(cp, coded[0]!, coded[1]!, n, groupOf, int32(scratch, space));
  let combined: ArrayLike<number>;
  if (coded.length === 1) {
    combined = coded[0]!.codes;
  } else if (space <= 2 ** 52) {
    const out = space < 2 ** 31 ? int32(scratch, n) : scratch?.float64(n) ?? new Float64Array(n);
    const a = coded[0]!.codes;
    const b = coded[1]!.codes;
    const kb = coded[1]!.cardinality;
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) out[r] = a[r]! * kb + b[r]!;
      for (let k = 2; k < coded.length; k++) {
        const c = coded[k]!.codes;
        const kc = coded[k]!.cardinality;
        for (let r = from; r < to; r++) out[r] = out[r]! * kc + c[r]!;
      }
    });
    combined = out;
  } else {
    // Too many combinations for one number: number the distinct tuples with a map.
    const out = new Float64Array(n);
    const map = new Map<string, number>();
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        let key = '';
        for (const c of coded) key += `${c.codes[r]},`;
        let g = map.get(key);
        if (g === undefined) { g = map.size; map.set(key, g); }
        out[r] = g;
      }
    });
    combined = out;
    space = map.size;
  }
  // Group numbers in order of first appearance.
  const first: number[] = [];
  if (space <= Math.max(8 * n, maxBins)) {
    const table = int32(scratch, space).fill(-1);
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        const v = combined[r]!;
        let g = table[v]!;
        if (g < 0) { g = first.length; table[v] = g; first.push(r); }
        groupOf[r] = g;
      }
    });
  } else {
    const map = new Map<number, number>();
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        const v = combined[r]!;
        let g = map.get(v);
        if (g === undefined) { g = first.length; map.set(v, g); first.push(r); }
        groupOf[r] = g;
      }
    });
  }
  return { groupOf, nGroups: first.length, nRows: n, firstRow: Int32Array.from(first) };
}

/** Two keys whose combinations fit a table: each row's pair is looked up as it is combined (no array of combined codes). */
async function groupPairs(cp: Checkpoint, first: Coded, second: Coded, n: number, groupOf: Int32Array, table: Int32Array): Promise<GroupResult> {
  table.fill(-1);
  const a = first.codes;
  const b = second.codes;
  const kb = second.cardinality;
  const firstRows: number[] = [];
  await cp.chunks(n, (from, to) => {
    for (let r = from; r < to; r++) {
      const v = a[r]! * kb + b[r]!;
      let g = table[v]!;
      if (g < 0) { g = firstRows.length; table[v] = g; firstRows.push(r); }
      groupOf[r] = g;
    }
  });
  return { groupOf, nGroups: firstRows.length, nRows: n, firstRow: Int32Array.from(firstRows) };
}
