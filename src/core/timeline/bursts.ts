/**
 * Bursts of mail reads in one lane: the stretches where some sliding window (one hour by default)
 * holds at least `minRecords` records. Seed 003's bulk exports show as thousands of
 * MailItemsAccessed records in a few hours, against a handful per hour from a person.
 */

export interface Burst {
  readonly from: number;
  readonly to: number;
  /** Most records within one window inside the burst. */
  readonly peak: number;
  /** Some record in the burst was throttled (IsThrottled). */
  readonly throttled: boolean;
}

/** Bursts in the ascending `times[start, end)`. */
export function findBursts(
  times: Float64Array, throttled: Uint8Array, start: number, end: number, windowMs: number, minRecords: number,
): Burst[] {
  const bursts: Burst[] = [];
  if (end - start < minRecords) return bursts;
  let lo = start;
  let current: { from: number; to: number; peak: number; first: number; last: number } | null = null;
  for (let hi = start; hi < end; hi++) {
    const t = times[hi]!;
    while (times[lo]! <= t - windowMs) lo++;
    const count = hi - lo + 1;
    if (count < minRecords) continue;
    if (current && times[lo]! <= current.to) {
      current.to = t;
      current.last = hi;
      if (count > current.peak) current.peak = count;
    } else {
      if (current) bursts.push(close(current, throttled));
      current = { from: times[lo]!, to: t, peak: count, first: lo, last: hi };
    }
  }
  if (current) bursts.push(close(current, throttled));
  return bursts;
}

function close(b: { from: number; to: number; peak: number; first: number; last: number }, throttled: Uint8Array): Burst {
  let any = false;
  for (let i = b.first; i <= b.last && !any; i++) any = throttled[i] === 1;
  return { from: b.from, to: b.to, peak: b.peak, throttled: any };
}
