/** Timestamp spellings of the formats the generator writes. All inputs are epoch milliseconds (UTC). */

function p2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function p3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

let cachedHour = NaN;
let cachedPrefix = '';
const SIXTY: string[] = Array.from({ length: 60 }, (_, i) => p2(i));

/** "2023-09-20T04:05:03": the zone-less UAL CreationTime. */
export function ualTime(t: number): string {
  const hour = Math.floor(t / 3_600_000);
  if (hour !== cachedHour) {
    const d = new Date(hour * 3_600_000);
    cachedPrefix = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:`;
    cachedHour = hour;
  }
  const inHour = t - hour * 3_600_000;
  const sec = Math.floor(inHour / 1000);
  return `${cachedPrefix}${SIXTY[Math.floor(sec / 60)]}:${SIXTY[sec % 60]}`;
}

/** "2023-09-20T04:05:03Z" (Graph signIns createdDateTime, Graph audit records). */
export function isoSecondsZ(t: number): string {
  return `${ualTime(t)}Z`;
}

/** Seven fractional digits: the milliseconds, then four digits of sub-millisecond noise. */
function fraction7(t: number, extra: number): string {
  const ms = ((t % 1000) + 1000) % 1000;
  return `${p3(ms)}${String(extra % 10000).padStart(4, '0')}`;
}

/** "2018-01-09T21:20:02.7215374Z" (Graph directoryAudits, Azure Monitor `time`). */
export function iso7Z(t: number, extra = 0): string {
  return `${ualTime(t)}.${fraction7(t, extra)}Z`;
}

/** "2025-10-27T10:15:15.8442646+00:00" (Azure Monitor properties.activityDateTime / createdDateTime). */
export function iso7Offset(t: number, extra = 0): string {
  return `${ualTime(t)}.${fraction7(t, extra)}+00:00`;
}

/** "2021-04-28T15:05:26.000Z" (Log Analytics JSON export). */
export function isoMillisZ(t: number): string {
  return new Date(t).toISOString();
}

function usParts(t: number): { date: string; h12: number; mm: string; ss: string; ampm: string; ms: number } {
  const d = new Date(t);
  const h = d.getUTCHours();
  return {
    date: `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`,
    h12: h % 12 === 0 ? 12 : h % 12,
    mm: p2(d.getUTCMinutes()),
    ss: p2(d.getUTCSeconds()),
    ampm: h < 12 ? 'AM' : 'PM',
    ms: d.getUTCMilliseconds(),
  };
}

/** "9/20/2023 4:05:03 AM": Purview audit search export CreationDate (zone-less, UTC). */
export function purviewDate(t: number): string {
  const u = usParts(t);
  return `${u.date} ${u.h12}:${u.mm}:${u.ss} ${u.ampm}`;
}

/** "4/28/2021, 3:05:26.000 PM": Log Analytics CSV export of a datetime column. */
export function sentinelDate(t: number): string {
  const u = usParts(t);
  return `${u.date}, ${u.h12}:${u.mm}:${u.ss}.${p3(u.ms)} ${u.ampm}`;
}

/** "2019-12-09T14:18:19.0000000Z": CreationDate of the older audit log export (CreationDate,UserIds,Operations,AuditData). */
export function legacyExportDate(t: number): string {
  return iso7Z(t, 0);
}
