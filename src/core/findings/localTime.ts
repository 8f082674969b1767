/**
 * Local hour and weekday of an instant in the configured time zone, to tell
 * business hours from nights and weekends. Results are cached per 15 minutes,
 * the finest step any zone's offset takes.
 */
import type { BusinessHours } from './settings';

const QUARTER = 15 * 60 * 1000;
const weekdays: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface LocalParts {
  readonly hour: number;
  /** 0 = Sunday .. 6 = Saturday. */
  readonly weekday: number;
}

export class LocalClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, LocalParts>();

  constructor(readonly timeZone: string, readonly hours: BusinessHours) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', weekday: 'short', hourCycle: 'h23' });
  }

  parts(ms: number): LocalParts {
    const q = Math.floor(ms / QUARTER);
    let p = this.cache.get(q);
    if (!p) {
      let hour = 0;
      let weekday = 0;
      for (const part of this.format.formatToParts(new Date(ms))) {
        if (part.type === 'hour') hour = Number(part.value) % 24;
        else if (part.type === 'weekday') weekday = weekdays[part.value] ?? 0;
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

  /** A short local description such as "Sat 02:00 Europe/Paris". */
  describe(ms: number): string {
    const { hour, weekday } = this.parts(ms);
    const day = Object.keys(weekdays).find((k) => weekdays[k] === weekday) ?? '';
    return `${day} ${String(hour).padStart(2, '0')}h ${this.timeZone}`;
  }
}
