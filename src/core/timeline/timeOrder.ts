/**
 * Orders event indices by time fast enough for a million events: each (time, index) pair is packed
 * into one float64 whose integer part keeps the index in its low bits, the packed keys are sorted
 * natively (no comparator), and a final insertion pass fixes the few pairs the packing's time
 * resolution left out of order.
 */

/** Indices of `times` (all finite) in time order; equal times keep index order. */
export function orderByTime(times: ArrayLike<number>): Int32Array {
  const n = times.length;
  const order = new Int32Array(n);
  if (n === 0) return order;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const indexSpace = 2 ** indexBits;
  const timeSpace = 2 ** (53 - indexBits);
  const resolution = Math.max(1, Math.ceil((max - min + 1) / timeSpace));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.floor((times[i]! - min) / resolution) * indexSpace + i;
  keys.sort();
  for (let i = 0; i < n; i++) order[i] = keys[i]! % indexSpace;
  if (resolution > 1) insertionFix(order, times);
  return order;
}

/** Insertion sort of an almost sorted permutation (linear when only neighbours are out of order). */
function insertionFix(order: Int32Array, times: ArrayLike<number>): void {
  for (let i = 1; i < order.length; i++) {
    const v = order[i]!;
    const t = times[v]!;
    let j = i - 1;
    while (j >= 0 && (times[order[j]!]! > t || (times[order[j]!]! === t && order[j]! > v))) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = v;
  }
}

/** First position in the sorted `times[from, to)` whose time is >= t. */
export function lowerBound(times: ArrayLike<number>, t: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
