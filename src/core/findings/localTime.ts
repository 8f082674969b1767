/**
 * Local hour and weekday of an instant in the configured time zone, to tell
 * business hours from nights and weekends. The zone is an IANA name
 * ("Europe/Paris") or a fixed offset ("+02:00", "UTC-5"). IANA results are
 * cached per 15 minutes, the finest step any zone's offset takes.
 */
import type { BusinessHours } from './settings';

const QUARTER = 15 * 60 * 1000;
const HOUR = 3600 * 1000;
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface LocalParts {
  readonly hour: number;
  /** 0 = Sunday .. 6 = Saturday. */
  readonly weekday: number;
}

/** "+02:00", "-0530", "UTC+2", "GMT-05:00" -> offset minutes; undefined for anything else. */
export function parseOffset(zone: string): number | undefined {
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone.trim());
  if (!m) return /^(utc|gmt|z)$/i.test(zone.trim()) ? 0 : undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

export function isValidTimeZone(zone: string): boolean {
  if (parseOffset(zone) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class LocalClock {
  private readonly offsetMinutes: number | undefined;
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly cache = new Map<number, LocalParts>();

  constructor(readonly timeZone: string, readonly hours: BusinessHours) {
    this.offsetMinutes = parseOffset(timeZone);
    this.format = this.offsetMinutes === undefined
      ? new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', weekday: 'short', hourCycle: 'h23' })
      : undefined;
  }

  parts(ms: number): LocalParts {
    if (this.offsetMinutes !== undefined) {
      const local = ms + this.offsetMinutes * 60_000;
      const day = Math.floor(local / (24 * HOUR));
      return { hour: Math.floor((local - day * 24 * HOUR) / HOUR), weekday: (((day + 4) % 7) + 7) % 7 };
    }
    const q = Math.floor(ms / QUARTER);
    let p = this.cache.get(q);
    if (!p) {
      let hour = 0;
      let weekday = 0;
      for (const part of this.format!.formatToParts(new Date(ms))) {
        if (part.type === 'hour') hour = Number(part.value) % 24;
        else if (part.type === 'weekday') weekday = Math.max(0, dayNames.indexOf(part.value));
      }
      p = { hour, weekday };
      this.cache.set(q, p);
    }
    return p;
  }

  /** 'business', 'night' or 'weekend' (a weekend night is 'weekend'). */
  period(ms: number): 'business' | 'night' | 'weekend' {
    const { hour, weekday } = this.parts(ms);
    if (!this.hours.days.includes(weekday)) return 'weekend';
    return hour >= this.hours.start && hour < this.hours.end ? 'business' : 'night';
  }

  /** A short local description such as "Sat 02h Europe/Paris". */
  describe(ms: number): string {
    const { hour, weekday } = this.parts(ms);
    return `${dayNames[weekday]} ${String(hour).padStart(2, '0')}h ${this.timeZone}`;
  }
}
