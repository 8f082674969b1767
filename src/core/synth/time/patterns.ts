import type { Prng } from '../random/prng';
import { HOUR, isBusinessHour, isNightHour, isWeekend, localTime } from './calendar';

/**
 * Seed 004's generator model: a base number of events per hour for an event
 * type, multiplied in business hours, at night and at weekends. The factors
 * compose: a weekend night gets night x weekend; business hours only exist on
 * weekdays.
 */
export interface TimePattern {
  /** Events per hour at the reference tenant size, before multipliers. */
  readonly basePerHour: number;
  /** Tenant size (users) the base rate is quoted for; the rate scales linearly with users. */
  readonly perUsers: number;
  readonly businessHours: number;
  readonly night: number;
  readonly weekend: number;
}

/** Seed 004: Add-MailboxPermission, base 3/hour, business 2.0x, night 2.5x, weekend 2.0x. */
export const ADMIN_GRANT_PATTERN: TimePattern = { basePerHour: 3, perUsers: 10_000, businessHours: 2.0, night: 2.5, weekend: 2.0 };

/**
 * Patterns of the benign background event types. Admin grants use seed 004's
 * multipliers; the other types are day-time work.
 */
export const EVENT_PATTERNS = {
  'Add-MailboxPermission': ADMIN_GRANT_PATTERN,
  'Add-RecipientPermission': { ...ADMIN_GRANT_PATTERN, basePerHour: 1 },
  'Set-Mailbox': { basePerHour: 4, perUsers: 10_000, businessHours: 2.0, night: 0.25, weekend: 0.3 },
  'New-InboxRule': { basePerHour: 12, perUsers: 10_000, businessHours: 2.0, night: 0.15, weekend: 0.3 },
  'Update user': { basePerHour: 3, perUsers: 10_000, businessHours: 2.0, night: 0.1, weekend: 0.2 },
  'Consent to application': { basePerHour: 2, perUsers: 10_000, businessHours: 2.0, night: 0.2, weekend: 0.3 },
} as const satisfies Record<string, TimePattern>;

export type BackgroundEventType = keyof typeof EVENT_PATTERNS;

/** The multiplier of a pattern at an instant (local time of the tenant). */
export function patternMultiplier(p: TimePattern, t: number, tzOffsetMinutes: number): number {
  const lt = localTime(t, tzOffsetMinutes);
  let m = 1;
  if (isBusinessHour(lt.weekday, lt.hour)) m *= p.businessHours;
  if (isNightHour(lt.hour)) m *= p.night;
  if (isWeekend(lt.weekday)) m *= p.weekend;
  return m;
}

/** Expected events in the hour starting at t for a tenant of `users` users. */
export function expectedPerHour(p: TimePattern, t: number, tzOffsetMinutes: number, users: number): number {
  return (p.basePerHour * users / p.perUsers) * patternMultiplier(p, t, tzOffsetMinutes);
}

/**
 * Event times of a pattern over [from, to): a Poisson count per hour with the
 * pattern's mean, at uniform seconds within the hour. Whole seconds (UAL
 * CreationTime has no fractions).
 */
export function scheduleByPattern(
  p: TimePattern, users: number, from: number, to: number, tzOffsetMinutes: number, prng: Prng,
): number[] {
  const times: number[] = [];
  const firstHour = Math.ceil(from / HOUR) * HOUR;
  for (let h = firstHour; h < to; h += HOUR) {
    const n = prng.poisson(expectedPerHour(p, h, tzOffsetMinutes, users));
    for (let i = 0; i < n; i++) {
      const t = h + prng.int(3600) * 1000;
      if (t < to) times.push(t);
    }
  }
  return times.sort((a, b) => a - b);
}
