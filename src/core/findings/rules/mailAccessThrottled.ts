/**
 * Rule 4d: the 1000-records-in-24-hours limit. IsThrottled = True means
 * Exchange stopped writing MailItemsAccessed for the mailbox for 24 hours: an
 * audit blind spot. Volume near the limit is reported too.
 */
import type { ColumnTable } from 'arquero';
import { numbers, rowsWithOperation, strings, values, type Selection } from '../columns';
import { identityKey } from '../identities';
import { revokeSessions } from '../remediation';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { sensitiveMailbox } from './commonReasons';
import { codesOf } from '../columnCodes';
import { distinct, dominant, groupRows, mailAccessQueryHead, rowsInTimeOrder, windowEpisodes } from './mailAccess';

const DAY = 24 * 3600 * 1000;

const query = `${mailAccessQueryHead}
| project Time, Id, UserId, MailboxOwnerUPN, MailboxGuid, AppId, ClientAppId, LogonType, IsThrottled`;

function select(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, ['MailItemsAccessed']);
}

function iso(ms: number | null): string {
  return ms === null ? 'an unknown time' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.access!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const owners = strings(t, 'MailboxOwnerUPN');
  const guids = strings(t, 'MailboxGuid');
  const actors = strings(t, 'UserId');
  const apps = strings(t, 'AppId');
  const throttled = values(t, 'IsThrottled');
  const ordered = rowsInTimeOrder(times, s.rows);
  // A mailbox by its owner's UPN, or its GUID when the record has no UPN.
  const byUpn = codesOf(t, 'MailboxOwnerUPN', 'identity');
  const byGuid = codesOf(t, 'MailboxGuid', 'lower');
  const emptyUpn = byUpn.names.findIndex((n) => n === '');
  const mailboxKey = (r: number) => (byUpn.codes[r] === emptyUpn ? byUpn.size + byGuid.codes[r]! : byUpn.codes[r]!);
  const mailboxName = (r: number) => owners[r] || guids[r] || '';
  const limit = ctx.settings.throttle.nearLimitRecords;
  const out: FindingDraft[] = [];
  for (const rows of groupRows(ordered, mailboxKey, byUpn.size + byGuid.size)) {
    const mailbox = mailboxName(rows[0]!);
    // Throttled records, grouped into 24-hour blind spots.
    const hits = rows.filter((r) => throttled[r] === true);
    const spots: number[][] = [];
    for (const r of hits) {
      const last = spots[spots.length - 1];
      if (last && (times[r] as number) - (times[last[0]!] as number) < DAY) last.push(r);
      else spots.push([r]);
    }
    for (const spot of spots) {
      const from = times[spot[0]!] as number;
      const prior = rows.filter((r) => (times[r] as number) > from - DAY && (times[r] as number) <= from);
      const actor = dominant(actors, prior);
      const app = dominant(apps, prior);
      const reasons = new Reasons();
      reasons.add(0, `${prior.length} MailItemsAccessed record(s) in the 24 h before`);
      if (actor && identityKey(actor) !== identityKey(mailbox)) reasons.add(10, `most of the volume came from ${actor}, not the owner`);
      if (app && !ctx.facts.isKnownApp(app)) reasons.add(10, `most of the volume came through app ${app}, not in the allowlist`);
      sensitiveMailbox(reasons, ctx, mailbox, 10);
      out.push({
        kind: 'throttled',
        title: `Audit blind spot: MailItemsAccessed throttled for ${mailbox} from ${iso(from)}`,
        description: `Exchange marked MailItemsAccessed records for ${mailbox} IsThrottled = True at ${iso(from)}: after more than 1000 records in 24 hours it stops writing them for the next 24 hours, until ${iso(from + DAY)}. Mail read in that window leaves no MailItemsAccessed record: look at sign-ins and other logs for it.`,
        stage: 'collection',
        baseScore: 70,
        reasons: reasons.list,
        evidence: [evidenceOf(s, spot)],
        start: from,
        end: from + DAY,
        mailbox,
        actor,
        app,
        remediation: actor ? [revokeSessions(actor)] : [],
        details: { blindFrom: iso(from), blindUntil: iso(from + DAY), recordsBefore: prior.length, throttledRecords: spot.length },
      });
    }
    // Volume approaching the limit where no throttling was recorded.
    if (rows.length < limit) continue;
    for (const ep of windowEpisodes(rows, times, null, DAY, limit)) {
      if (ep.some((r) => throttled[r] === true)) continue;
      const { start, end } = spanOf(times, ep);
      const actor = dominant(actors, ep);
      const app = dominant(apps, ep);
      const reasons = new Reasons();
      reasons.add(0, `${ep.length} records within 24 h windows (near-limit setting ${limit})`);
      if (actor && identityKey(actor) !== identityKey(mailbox)) reasons.add(10, `most of the volume came from ${actor}, not the owner`);
      if (app && !ctx.facts.isKnownApp(app)) reasons.add(10, `most of the volume came through app ${app}, not in the allowlist`);
      sensitiveMailbox(reasons, ctx, mailbox, 10);
      out.push({
        kind: 'nearLimit',
        title: `MailItemsAccessed for ${mailbox} near the 1000-per-24h limit`,
        description: `${ep.length} MailItemsAccessed records for ${mailbox} within 24 hours. Above 1000, Exchange stops auditing this access for 24 hours.`,
        stage: 'collection',
        baseScore: 45,
        reasons: reasons.list,
        evidence: [evidenceOf(s, ep)],
        start,
        end,
        mailbox,
        actor,
        app,
        details: { records: ep.length, actors: distinct(actors, ep).slice(0, 20) },
      });
    }
  }
  return out;
}

export const mailAccessThrottled: Rule = {
  id: 'mail-access-throttled',
  title: 'MailItemsAccessed throttled or near its limit (audit blind spot)',
  description: 'IsThrottled = True on MailItemsAccessed (no audit of mail reading for that mailbox for the next 24 h), or volume approaching 1000 records in 24 h.',
  techniques: [techniques.remoteEmail, techniques.cloudLogs],
  references: [
    'https://learn.microsoft.com/en-us/purview/audit-log-investigate-accounts#throttling-of-mailitemsaccessed-audit-records',
    'https://attack.mitre.org/techniques/T1114/002/',
  ],
  inputs: { access: { table: 'AuditLogs', query, select } },
  detect,
};
