/**
 * Shared machinery of the MailItemsAccessed rules: rows in time order (one
 * native sort of packed keys, not a comparator per pair), small integer codes
 * for the interned actor / mailbox / app strings, item weights, and grouping.
 */
import type { ColumnTable } from 'arquero';
import { numbers, type Selection } from '../columns';
import { codesOf, flagsOf } from '../columnCodes';
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

/** How many items one record stands for: a Sync counts as a whole folder. */
export function itemWeights(sel: Selection, burst: BurstSettings): Float64Array {
  const t = sel.source;
  const access = codesOf(t, 'MailAccessType');
  const isSync = flagsOf(access, (v) => /^sync$/i.test(v));
  const items = numbers(t, 'ItemCount');
  const ops = numbers(t, 'OperationCount');
  const w = new Float64Array(t.numRows());
  const rows = sel.rows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (isSync[access.codes[r]!]) w[r] = burst.syncItemWeight;
    else {
      const n = items[r] ?? 0;
      const o = ops[r] ?? 0;
      w[r] = n > 0 ? n : o > 0 ? o : 1;
    }
  }
  return w;
}

/** Per-row Sync flag of a table (MailAccessType = Sync). */
export function syncFlags(t: ColumnTable): (row: number) => boolean {
  const access = codesOf(t, 'MailAccessType');
  const isSync = flagsOf(access, (v) => /^sync$/i.test(v));
  return (row) => isSync[access.codes[row]!] === 1;
}

const DENSE_LIMIT = 1 << 23;

/**
 * Splits time-ordered rows into groups by a per-row integer key (0 <= key < keySpace),
 * each group keeping time order. Counting sort: no per-row array growth.
 */
export function groupRows(ordered: ArrayLike<number>, keyOf: (row: number) => number, keySpace = Infinity): number[][] {
  const n = ordered.length;
  const groupOf = new Int32Array(n);
  let groups = 0;
  if (keySpace <= DENSE_LIMIT) {
    const slot = new Int32Array(keySpace).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keyOf(ordered[i]!);
      let g = slot[k]!;
      if (g < 0) slot[k] = g = groups++;
      groupOf[i] = g;
    }
  } else {
    const slot = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = keyOf(ordered[i]!);
      let g = slot.get(k);
      if (g === undefined) slot.set(k, (g = groups++));
      groupOf[i] = g;
    }
  }
  const counts = new Int32Array(groups);
  for (let i = 0; i < n; i++) counts[groupOf[i]!]!++;
  const out: number[][] = Array.from({ length: groups }, (_, g) => new Array<number>(counts[g]!));
  const fill = new Int32Array(groups);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    out[g]![fill[g]!++] = ordered[i]!;
  }
  return out;
}

/**
 * Sliding-window episodes: runs of rows (time-ordered) covered by some window of
 * `windowMs` whose total weight reaches `threshold`. Episodes closer than the
 * window merge. `weights` is indexed by row (null: every row weighs 1).
 */
export function windowEpisodes(rows: readonly number[], times: ArrayLike<number | null>, weights: Float64Array | null, windowMs: number, threshold: number): number[][] {
  const n = rows.length;
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = times[rows[i]!] as number;
    w[i] = weights ? weights[rows[i]!]! : 1;
  }
  const marked = new Uint8Array(n);
  let sum = 0;
  let left = 0;
  let markedTo = -1;
  let any = false;
  for (let right = 0; right < n; right++) {
    sum += w[right]!;
    const tr = t[right]!;
    while (tr - t[left]! >= windowMs) sum -= w[left++]!;
    if (sum >= threshold) {
      for (let i = left > markedTo + 1 ? left : markedTo + 1; i <= right; i++) marked[i] = 1;
      markedTo = right;
      any = true;
    }
  }
  const episodes: number[][] = [];
  if (!any) return episodes;
  let cur: number[] | null = null;
  let lastTime = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!marked[i]) continue;
    if (!cur || t[i]! - lastTime > windowMs) episodes.push((cur = []));
    cur.push(rows[i]!);
    lastTime = t[i]!;
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

/**
 * The app behind each record: the calling client (ClientAppId) when AppId is one of
 * Microsoft's own front doors, else AppId. Computed once per distinct pair.
 */
export function callingApp(t: ColumnTable, isKnownApp: (app: string) => boolean): (row: number) => string {
  const a = codesOf(t, 'AppId');
  const c = codesOf(t, 'ClientAppId');
  const memo = new Map<number, string>();
  return (row) => {
    const key = a.codes[row]! * c.size + c.codes[row]!;
    let v = memo.get(key);
    if (v === undefined) {
      const app = a.names[a.codes[row]!]!;
      const client = c.names[c.codes[row]!]!;
      v = client && isKnownApp(app) ? client : app || client;
      memo.set(key, v);
    }
    return v;
  };
}
