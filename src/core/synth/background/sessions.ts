import { guidFromHash } from '../random/prng';
import { DAY, MINUTE, isBusinessHour, localTime } from '../time/calendar';
import type { ClientKey } from '../data/clients';
import type { Person } from '../tenant/types';

/** The tenant-local day number of an instant (days since 1970-01-01 local). */
export function localDay(t: number, tz: number): number {
  return Math.floor((t + tz * MINUTE) / DAY);
}

/**
 * A person's Entra session of one local day and client family: the same id
 * appears in their sign-ins (sessionId, UAL DeviceProperties SessionId) and in
 * their MailItemsAccessed records (SessionId, AppAccessContext.AADSessionId).
 */
export function personSessionId(seedKey: number, p: Person, day: number, mobile: boolean): string {
  return guidFromHash(seedKey, 0x5e55, p.index, day, mobile ? 1 : 0);
}

/** Where a person's traffic comes from: the office on weekday business hours, home otherwise, the carrier on a phone. */
export function personIp(p: Person, t: number, tz: number, client: ClientKey): string {
  if (client === 'outlookMobile' || client === 'activeSync') return p.mobileIp;
  const lt = localTime(t, tz);
  return isBusinessHour(lt.weekday, lt.hour) ? p.officeIp : p.homeIp;
}

export function isMobileClient(client: ClientKey): boolean {
  return client === 'outlookMobile' || client === 'activeSync';
}
