/**
 * Shared machinery of the MailItemsAccessed rules: rows in time order (one
 * native sort of packed keys, not a comparator per pair), small integer codes
 * for the interned actor / mailbox / app strings, item weights, and grouping.
 */
import { numbers, strings, type Selection } from '../columns';
import type { BurstSettings } from '../settings';

export const mailAccessQueryHead = `AuditLogs
| where Operation =~ "MailItemsAccessed"`;

const PACK = 2 ** 21;

/** Rows ordered by time (rows without a time dropped). Ties keep row order. */
export function rowsInTimeOrder(times: ArrayLike<number | null>, rows: Int32Array): Int32Array {
  const n = rows.length;
  let sorted = true;
  let prev = -Infinity;
  let finite = 0;
  let negative = false;
  for (let i = 0; i < n; i++) {
    const t = times[rows[i]!];
    if (typeof t !== 'number' || !Number.isFinite(t)) continue;
    finite++;
    if (t < 0) negative = true;
    if (t < prev) sorted = false;
    prev = t;
  }
  if (sorted && finite === n) return rows;
  const out = new Int32Array(finite);
  // Audit times have whole seconds: second * 2^21 + position fits a double exactly for up to 2M rows.
  if (n < PACK && !negative) {
    const keys = new Float64Array(finite);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const t = times[rows[i]!];
      if (typeof t === 'number' && Number.isFinite(t)) keys[k++] = Math.floor(t / 1000) * PACK + i;
    }
    keys.sort();
    for (let i = 0; i < finite; i++) out[i] = rows[keys[i]! % PACK]!;
    return out;
  }
  const list = Array.from(rows).filter((r) => { const t = times[r]; return typeof t === 'number' && Number.isFinite(t); });
  list.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  out.set(list);
  return out;
}

/** Maps each distinct string of a column (over the given rows) to a small integer. */
export class Codes {
  readonly names: string[] = [];
  readonly codes: Int32Array;
  private readonly byValue = new Map<string, number>();

  constructor(col: ArrayLike<string>, rows: Int32Array, fold?: (s: string) => string) {
    this.codes = new Int32Array(col.length === 0 ? 0 : col.length);
    let last: string | undefined;
    let lastCode = -1;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const v = col[r] ?? '';
      if (v !== last) {
        const key = fold ? fold(v) : v;
        let c = this.byValue.get(key);
        if (c === undefined) {
          c = this.names.length;
          this.names.push(v);
          this.byValue.set(key, c);
        }
        last = v;
        lastCode = c;
      }
      this.codes[r] = lastCode;
    }
  }

  get size(): number {
    return this.names.length;
  }
}

/** How many items one record stands for: a Sync counts as a whole folder. */
export function itemWeights(sel: Selection, burst: BurstSettings): Float64Array {
  const t = sel.source;
  const access = strings(t, 'MailAccessType');
  const items = numbers(t, 'ItemCount');
  const ops = numbers(t, 'OperationCount');
  const w = new Float64Array(t.numRows());
  for (const r of sel.rows) {
    if (/^sync$/i.test(access[r] ?? '')) w[r] = burst.syncItemWeight;
    else {
      const n = items[r] ?? 0;
      const o = ops[r] ?? 0;
      w[r] = n > 0 ? n : o > 0 ? o : 1;
    }
  }
  return w;
}

/** Splits time-ordered rows into groups by a per-row integer key, each group keeping time order. */
export function groupRows(ordered: Int32Array, keyOf: (row: number) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < ordered.length; i++) {
    const r = ordered[i]!;
    const k = keyOf(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  return groups;
}

/**
 * Sliding-window episodes: runs of rows (time-ordered) covered by some window of
 * `windowMs` whose total weight reaches `threshold`. Episodes closer than the
 * window merge. Returns row lists.
 */
export function windowEpisodes(rows: readonly number[], times: ArrayLike<number | null>, weight: (row: number) => number, windowMs: number, threshold: number): number[][] {
  const marked = new Uint8Array(rows.length);
  let sum = 0;
  let left = 0;
  let markedTo = -1;
  for (let right = 0; right < rows.length; right++) {
    const tr = times[rows[right]!] as number;
    sum += weight(rows[right]!);
    while (tr - (times[rows[left]!] as number) >= windowMs) sum -= weight(rows[left++]!);
    if (sum >= threshold) {
      for (let i = Math.max(left, markedTo + 1); i <= right; i++) marked[i] = 1;
      markedTo = right;
    }
  }
  const episodes: number[][] = [];
  let cur: number[] | null = null;
  let lastTime = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    if (!marked[i]) continue;
    const t = times[rows[i]!] as number;
    if (!cur || t - lastTime > windowMs) episodes.push((cur = []));
    cur.push(rows[i]!);
    lastTime = t;
  }
  return episodes;
}

/** The value occurring most often among rows. */
export function dominant(col: ArrayLike<string>, rows: readonly number[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let n = 0;
  for (const r of rows) {
    const v = col[r] ?? '';
    if (!v) continue;
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > n) [best, n] = [v, c];
  }
  return best;
}

export function distinct(col: ArrayLike<string>, rows: readonly number[]): string[] {
  const s = new Set<string>();
  for (const r of rows) if (col[r]) s.add(col[r]!);
  return [...s];
}
