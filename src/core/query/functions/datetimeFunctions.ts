/** Date and time functions over epoch-ms datetimes and ms timespans (all UTC). */
import { isNull, type RowFn } from '../exec/values';
import type { ScalarType } from '../types';
import { checkBinTypes, fn, notConstant, returnsType, type ScalarFunction } from './types';

const DAY = 86400000;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function binValue(v: unknown, size: unknown): number | null {
  const x = num(v);
  const s = num(size);
  if (x === null || s === null || s <= 0) return null;
  return Math.floor(x / s) * s;
}

function datePart(get: (d: Date) => number) {
  return ([a]: readonly RowFn[]): RowFn => (r) => {
    const x = num(a!(r));
    return x === null ? null : get(new Date(x));
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** format_datetime patterns: yyyy yy MM M dd d HH H hh h mm m ss s f..fffffff tt; other characters are copied. */
export function formatDatetimePattern(ms: number, pattern: string): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    let n = 1;
    while (pattern[i + n] === c) n++;
    const frac = ((ms % 1000) + 1000) % 1000;
    switch (c) {
      case 'y': out += n >= 4 ? pad(d.getUTCFullYear(), n) : pad(d.getUTCFullYear() % 100, Math.min(n, 2)); break;
      case 'M': out += pad(d.getUTCMonth() + 1, Math.min(n, 2)); break;
      case 'd': out += pad(d.getUTCDate(), Math.min(n, 2)); break;
      case 'H': out += pad(d.getUTCHours(), Math.min(n, 2)); break;
      case 'h': out += pad(d.getUTCHours() % 12 || 12, Math.min(n, 2)); break;
      case 'm': out += pad(d.getUTCMinutes(), Math.min(n, 2)); break;
      case 's': out += pad(d.getUTCSeconds(), Math.min(n, 2)); break;
      case 'f': case 'F': out += (pad(frac, 3) + '0000').slice(0, Math.min(n, 7)); break;
      case 't': out += (d.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, Math.min(n, 2)); break;
      default: out += c.repeat(n);
    }
    i += n;
  }
  return out;
}

const diffParts: Readonly<Record<string, (a: Date, b: Date) => number>> = {
  year: (a, b) => a.getUTCFullYear() - b.getUTCFullYear(),
  month: (a, b) => (a.getUTCFullYear() - b.getUTCFullYear()) * 12 + a.getUTCMonth() - b.getUTCMonth(),
  day: (a, b) => Math.floor(a.getTime() / DAY) - Math.floor(b.getTime() / DAY),
  hour: (a, b) => Math.floor(a.getTime() / 3600000) - Math.floor(b.getTime() / 3600000),
  minute: (a, b) => Math.floor(a.getTime() / 60000) - Math.floor(b.getTime() / 60000),
  second: (a, b) => Math.floor(a.getTime() / 1000) - Math.floor(b.getTime() / 1000),
  millisecond: (a, b) => a.getTime() - b.getTime(),
};

export const datetimeFunctions: readonly ScalarFunction[] = [
  fn({
    name: 'now', signature: 'now([offset: timespan]): datetime', description: 'The query time (UTC), optionally shifted by offset.',
    minArgs: 0, maxArgs: 1, params: ['timespan'], returns: returnsType('datetime'),
    compile: ([o], ctx) => (o ? (r) => { const x = num(o(r)); return x === null ? null : ctx.now + x; } : () => ctx.now),
  }),
  fn({
    name: 'ago', signature: 'ago(timespan: timespan): datetime', description: 'now() minus the timespan.',
    minArgs: 1, maxArgs: 1, params: ['timespan'], returns: returnsType('datetime'),
    compile: ([a], ctx) => (r) => { const x = num(a!(r)); return x === null ? null : ctx.now - x; },
  }),
  ...(['bin', 'floor'] as const).map((name) => fn({
    name, resultName: 'firstArgument', signature: `${name}(value: datetime | timespan | number, roundTo: timespan | number): same type as value`,
    description: 'Rounds down to a multiple of roundTo (bin(Time, 1h) groups by hour).',
    minArgs: 2, maxArgs: 2, params: ['any', 'any'],
    returns: (t: readonly ScalarType[]): ScalarType => t[0] ?? 'unknown',
    checkTypes: checkBinTypes,
    compile: ([v, s]) => (r) => binValue(v!(r), s!(r)),
  })),
  fn({
    name: 'startofday', resultName: 'firstArgument', signature: 'startofday(date: datetime [, offset: long]): datetime', description: 'Midnight (UTC) of the day, optionally offset by days.',
    minArgs: 1, maxArgs: 2, params: ['datetime', 'long'], returns: returnsType('datetime'),
    compile: ([a, o]) => (r) => {
      const x = num(a!(r));
      if (x === null) return null;
      return Math.floor(x / DAY) * DAY + (o ? (num(o(r)) ?? 0) * DAY : 0);
    },
  }),
  fn({
    name: 'endofday', signature: 'endofday(date: datetime): datetime', description: 'The last moment (UTC) of the day.',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('datetime'),
    compile: ([a]) => (r) => { const x = num(a!(r)); return x === null ? null : Math.floor(x / DAY) * DAY + DAY - 1; },
  }),
  fn({
    name: 'startofweek', signature: 'startofweek(date: datetime): datetime', description: 'Midnight (UTC) of the Sunday that starts the week.',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('datetime'),
    compile: ([a]) => (r) => {
      const x = num(a!(r));
      if (x === null) return null;
      const day0 = Math.floor(x / DAY) * DAY;
      return day0 - new Date(day0).getUTCDay() * DAY;
    },
  }),
  fn({
    name: 'startofmonth', signature: 'startofmonth(date: datetime): datetime', description: 'Midnight (UTC) of the first day of the month.',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('datetime'),
    compile: datePart((d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
  }),
  fn({
    name: 'hourofday', signature: 'hourofday(date: datetime): long', description: 'The hour (0-23, UTC).',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('long'),
    compile: datePart((d) => d.getUTCHours()),
  }),
  fn({
    name: 'dayofweek', signature: 'dayofweek(date: datetime): timespan', description: 'Days since the preceding Sunday, as a timespan (0d = Sunday, 1d = Monday).',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('timespan'),
    compile: datePart((d) => d.getUTCDay() * DAY),
  }),
  fn({
    name: 'dayofmonth', signature: 'dayofmonth(date: datetime): long', description: 'The day of the month (1-31, UTC).',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('long'),
    compile: datePart((d) => d.getUTCDate()),
  }),
  fn({
    name: 'getmonth', signature: 'getmonth(date: datetime): long', description: 'The month (1-12, UTC).',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('long'),
    compile: datePart((d) => d.getUTCMonth() + 1),
  }),
  fn({
    name: 'getyear', signature: 'getyear(date: datetime): long', description: 'The year (UTC).',
    minArgs: 1, maxArgs: 1, params: ['datetime'], returns: returnsType('long'),
    compile: datePart((d) => d.getUTCFullYear()),
  }),
  fn({
    name: 'format_datetime', resultName: 'firstArgument', signature: 'format_datetime(date: datetime, format: string): string',
    description: "The datetime as text in a format such as 'yyyy-MM-dd HH:mm:ss'.",
    minArgs: 2, maxArgs: 2, params: ['datetime', 'string'], returns: returnsType('string'),
    check: (consts) => {
      const f = consts[1];
      if (f === notConstant) return { arg: 1, message: 'The format must be a literal string.' };
      return f === '' ? { arg: 1, message: 'The format must not be empty.' } : undefined;
    },
    compile: ([a, f]) => (r) => {
      const x = num(a!(r));
      const pattern = f!(r);
      return x === null || typeof pattern !== 'string' ? '' : formatDatetimePattern(x, pattern);
    },
  }),
  fn({
    name: 'datetime_diff', signature: 'datetime_diff(period: string, datetime1: datetime, datetime2: datetime): long',
    description: 'How many period boundaries (year, month, day, hour, minute, second, millisecond) lie between datetime2 and datetime1.',
    minArgs: 3, maxArgs: 3, params: ['string', 'datetime', 'datetime'], returns: returnsType('long'),
    check: (consts) => {
      const p = consts[0];
      return typeof p === 'string' && !diffParts[p.toLowerCase()] ? { arg: 0, message: `Unknown period '${p}' (year, month, day, hour, minute, second, millisecond).` } : undefined;
    },
    compile: ([p, a, b]) => (r) => {
      const part = diffParts[String(p!(r)).toLowerCase()];
      const x = num(a!(r));
      const y = num(b!(r));
      return part === undefined || x === null || y === null || isNull(part) ? null : part(new Date(x), new Date(y));
    },
  }),
];
