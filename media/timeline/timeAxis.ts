// Tick positions and labels for the time axis: the smallest "nice" step that leaves room for a label.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEPS = [
  SECOND, 5 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 364 * DAY,
];

export interface Tick {
  readonly time: number;
  readonly label: string;
  /** A day (or coarser) boundary: drawn stronger. */
  readonly major: boolean;
}

function label(t: number, step: number, first: boolean): string {
  const iso = new Date(t).toISOString();
  const day = iso.slice(0, 10);
  const hm = iso.slice(11, 16);
  if (step >= DAY) return day;
  if (step < MINUTE) return iso.slice(11, 19);
  return first || hm === '00:00' ? `${day.slice(5)} ${hm}` : hm;
}

/** Ticks for [from, to] drawn over `widthPx` pixels, at least `minGapPx` apart. */
export function ticks(from: number, to: number, widthPx: number, minGapPx = 90): Tick[] {
  if (!(to > from) || widthPx <= 0) return [];
  const msPerPx = (to - from) / widthPx;
  const step = STEPS.find((s) => s / msPerPx >= minGapPx) ?? STEPS[STEPS.length - 1]!;
  // Steps of a day or more align to UTC midnights from the epoch; weeks and longer to multiples of the step.
  const start = Math.ceil(from / step) * step;
  const out: Tick[] = [];
  for (let t = start, i = 0; t <= to && i < 1000; t += step, i++) {
    out.push({ time: t, label: label(t, step, i === 0), major: t % DAY === 0 });
  }
  return out;
}
