/**
 * Timestamp parsing for every spelling seen in exports, to epoch milliseconds (NaN when
 * unreadable). Zone-less times are UTC (the Unified Audit Log writes UTC without a zone).
 *  - ISO 8601: 2023-09-20T04:05:03, ...03.1234567Z, ...03+00:00, 2023-09-20 04:05:03
 *  - US style: 9/20/2023 4:05:03 AM, 4/28/2021, 3:05:26.000 PM
 */

const ZERO = 48;

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Fraction of a second starting after the '.', any number of digits; returns [ms, index after]. */
function fraction(s: string, from: number): [number, number] {
  let i = from;
  let ms = 0;
  let scale = 100;
  while (i < s.length) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) break;
    ms += d * scale;
    scale /= 10;
    i++;
  }
  return [Math.floor(ms), i];
}

/** Zone suffix at i: '' | 'Z' | +hh:mm | -hhmm; returns offset minutes, or NaN when malformed. */
function zoneOffsetMinutes(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s[i];
  if ((c === 'Z' || c === 'z') && i === s.length - 1) return 0;
  if (c !== '+' && c !== '-') return NaN;
  const hh = digits(s, i + 1, 2);
  const j = s[i + 3] === ':' ? i + 4 : i + 3;
  const mm = digits(s, j, 2);
  if (hh < 0 || mm < 0 || j + 2 !== s.length) return NaN;
  const off = hh * 60 + mm;
  return c === '+' ? off : -off;
}

function parseIso(s: string): number {
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || s[4] !== '-' || s[7] !== '-') return NaN;
  if (s.length === 10) return Date.UTC(y, mo - 1, d);
  const sep = s[10];
  if (sep !== 'T' && sep !== ' ' && sep !== 't') return NaN;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s[13] !== ':') return NaN;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s[16] === ':') {
    sec = digits(s, 17, 2);
    if (sec < 0 || sec > 60) return NaN;
    i = 19;
    if (s[19] === '.' || s[19] === ',') [ms, i] = fraction(s, 20);
  }
  const off = zoneOffsetMinutes(s, i);
  if (Number.isNaN(off)) return NaN;
  return utcDay(y, mo, d) + ((h * 60 + mi) * 60 + sec) * 1000 + ms - off * 60_000;
}

/** Date.UTC of a day, remembered for the next record (records of a file mostly share their day). */
let lastDayKey = -1;
let lastDayMs = 0;
function utcDay(y: number, mo: number, d: number): number {
  const key = (y * 100 + mo) * 100 + d;
  if (key !== lastDayKey) {
    lastDayKey = key;
    lastDayMs = Date.UTC(y, mo - 1, d);
  }
  return lastDayMs;
}

const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)? ?([AaPp][Mm])?$/;

function parseUs(s: string): number {
  const m = US.exec(s);
  if (!m) return NaN;
  const mo = +m[1]!;
  const d = +m[2]!;
  let h = +m[4]!;
  const ampm = m[8]?.toUpperCase();
  if (ampm) {
    if (h < 1 || h > 12) return NaN;
    if (ampm === 'AM' && h === 12) h = 0;
    else if (ampm === 'PM' && h !== 12) h += 12;
  }
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || +m[5]! > 59) return NaN;
  return Date.UTC(+m[3]!, mo - 1, d, h, +m[5]!, m[6] ? +m[6] : 0, ms);
}

/** Parses a timestamp string or number (epoch ms) to epoch ms; NaN when it cannot. */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  if (s.length < 8) return NaN;
  const c = s.charCodeAt(4);
  if (c === 45 /* - */) return parseIso(s);
  return parseUs(s);
}
