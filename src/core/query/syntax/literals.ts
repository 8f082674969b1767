/** Reading datetime and timespan literal text (also used by todatetime/totimespan at run time). */

const MS = 1;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds per unit of a timespan literal suffix (1d, 30m, 100ms, 2hours, ...). */
const timespanUnits: ReadonlyMap<string, number> = new Map([
  ['d', DAY], ['day', DAY], ['days', DAY],
  ['h', HOUR], ['hr', HOUR], ['hrs', HOUR], ['hour', HOUR], ['hours', HOUR],
  ['m', MINUTE], ['min', MINUTE], ['minute', MINUTE], ['minutes', MINUTE],
  ['s', SECOND], ['sec', SECOND], ['second', SECOND], ['seconds', SECOND],
  ['ms', MS], ['milli', MS], ['millis', MS], ['millisecond', MS], ['milliseconds', MS],
  ['microsecond', MS / 1000], ['microseconds', MS / 1000],
  ['tick', MS / 10000], ['ticks', MS / 10000],
]);

export function timespanUnitMs(unit: string): number | undefined {
  return timespanUnits.get(unit);
}

/** Reads `1h`, `1.5d`, `-30m`, `00:30:00`, `1.02:03:04.5` as milliseconds; undefined when not a timespan. */
export function parseTimespanText(text: string): number | undefined {
  const s = text.trim();
  const unit = /^([+-]?)(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(s);
  if (unit) {
    const per = timespanUnits.get(unit[3]!.toLowerCase());
    if (per === undefined) return undefined;
    const v = Number(unit[2]) * per;
    return unit[1] === '-' ? -v : v;
  }
  const clock = /^([+-]?)(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(s);
  if (clock) {
    const days = clock[2] ? Number(clock[2]) : 0;
    const frac = clock[6] ? Number(`0.${clock[6]}`) * SECOND : 0;
    const v = days * DAY + Number(clock[3]) * HOUR + Number(clock[4]) * MINUTE + Number(clock[5] ?? 0) * SECOND + frac;
    return clock[1] === '-' ? -v : v;
  }
  if (/^[+-]?\d+(?:\.\d+)?$/.test(s)) return Number(s) * DAY; // timespan(2) is two days in Kusto
  return undefined;
}

const isoDate =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/** Reads a datetime (ISO 8601 and common RFC forms; zone-less times are UTC) as epoch ms; undefined when invalid. */
export function parseDatetimeText(text: string): number | undefined {
  const s = text.trim();
  const m = isoDate.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, se, fr, zone] = m;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    let ms = Date.UTC(Number(y), month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0));
    if (fr) ms += Math.floor(Number(`0.${fr}`) * 1000);
    if (zone && /^[+-]/.test(zone)) {
      const z = zone.replace(':', '');
      const offset = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * MINUTE;
      ms += z[0] === '+' ? -offset : offset;
    }
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (!/[a-z]{3}/i.test(s)) return undefined;
  const hasZone = /(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i.test(s);
  const ms = Date.parse(hasZone ? s : `${s} UTC`);
  return Number.isFinite(ms) ? ms : undefined;
}
