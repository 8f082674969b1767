/** The tenant's working week: where an instant falls in local time. */

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** Local business hours on weekdays: [8, 18). */
export const BUSINESS_START = 8;
export const BUSINESS_END = 18;
/** Local night: [22, 24) and [0, 6). */
export const NIGHT_START = 22;
export const NIGHT_END = 6;

export interface LocalTime {
  /** 0 Sunday .. 6 Saturday. */
  weekday: number;
  hour: number;
}

export function localTime(t: number, tzOffsetMinutes: number): LocalTime {
  const local = t + tzOffsetMinutes * MINUTE;
  const dayNumber = Math.floor(local / DAY);
  return {
    weekday: (((dayNumber + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    hour: Math.floor((local - dayNumber * DAY) / HOUR),
  };
}

export function isWeekend(weekday: number): boolean {
  return weekday === 0 || weekday === 6;
}

export function isNightHour(hour: number): boolean {
  return hour >= NIGHT_START || hour < NIGHT_END;
}

export function isBusinessHour(weekday: number, hour: number): boolean {
  return !isWeekend(weekday) && hour >= BUSINESS_START && hour < BUSINESS_END;
}

export type HourClass = 'business' | 'night' | 'other';

export function hourClass(lt: LocalTime): HourClass {
  if (isBusinessHour(lt.weekday, lt.hour)) return 'business';
  if (isNightHour(lt.hour)) return 'night';
  return 'other';
}

/** UTC instant of local midnight starting the day that contains t. */
export function localMidnight(t: number, tzOffsetMinutes: number): number {
  const off = tzOffsetMinutes * MINUTE;
  return Math.floor((t + off) / DAY) * DAY - off;
}
