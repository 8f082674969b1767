/**
 * Rule 4b: someone other than the owner read a mailbox (LogonType Admin,
 * Delegated, DelegatedAdmin, or an actor that is not the owner). One finding
 * per actor x mailbox, from their first access on.
 */
import type { ColumnTable } from 'arquero';
import { filterRows, numbers, rowsWithOperation, strings, type Selection } from '../columns';
import { identityKey, isSystemActor } from '../identities';
import { removeMailboxPermission, revokeSessions } from '../remediation';
import { mergeEvidence } from '../creations';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { riskyAccount, sensitiveMailbox } from './commonReasons';
import { codesOf, flagsOf } from '../columnCodes';
import { distinct, groupRows, itemWeights, mailAccessQueryHead, rowsInTimeOrder } from './mailAccess';

const nonOwnerLogons = /^(admin|delegated|delegatedadmin)$/i;
const serviceLogons = /^(systemservice|transport)$/i;
const appActors = /^(application|serviceprincipal)$/i;

const query = `${mailAccessQueryHead}
| where LogonType in ("Admin", "Delegated", "DelegatedAdmin")
    or (isnotempty(UserId) and isnotempty(MailboxOwnerUPN) and UserId !~ MailboxOwnerUPN and LogonType !in ("SystemService", "Transport"))
| where UserType !in ("Application", "ServicePrincipal") and UserId !~ AppId
| project Time, Id, UserId, UserType, MailboxOwnerUPN, AppId, ClientAppId, LogonType, MailAccessType, ItemCount, OperationCount, ClientIp`;

function select(t: ColumnTable): Int32Array {
  const logon = codesOf(t, 'LogonType');
  const nonOwnerLogon = flagsOf(logon, (v) => nonOwnerLogons.test(v));
  const serviceLogon = flagsOf(logon, (v) => serviceLogons.test(v));
  const userType = codesOf(t, 'UserType');
  const appActor = flagsOf(userType, (v) => appActors.test(v));
  const actor = codesOf(t, 'UserId', 'lower');
  const owner = codesOf(t, 'MailboxOwnerUPN', 'lower');
  const app = codesOf(t, 'AppId', 'lower');
  const actorName = actor.names.map((n) => n.toLowerCase());
  const ownerName = owner.names.map((n) => n.toLowerCase());
  const appName = app.names.map((n) => n.toLowerCase());
  return filterRows(rowsWithOperation(t, ['MailItemsAccessed']), (r) => {
    const a = actorName[actor.codes[r]!]!;
    if (appActor[userType.codes[r]!] || a === appName[app.codes[r]!]) return false;
    const o = ownerName[owner.codes[r]!]!;
    const l = logon.codes[r]!;
    return nonOwnerLogon[l] === 1 || (a !== '' && o !== '' && a !== o && serviceLogon[l] === 0);
  });
}

const signInQuery = `AuditLogs
| where Operation in~ ("UserLoggedIn", "MailboxLogin")
| project Time, Id, Operation, UserId, ClientIp`;

function selectSignIns(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, ['UserLoggedIn', 'MailboxLogin']);
}

const HOUR = 3600 * 1000;

/** Sign-in records per folded user, time-ordered. */
function signInsByUser(sel: Selection | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!sel) return out;
  const users = strings(sel.source, 'UserId');
  const times = numbers(sel.source, 'Time');
  for (const r of rowsInTimeOrder(times, sel.rows)) {
    const k = identityKey(users[r] ?? '');
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

function detect(sel: Readonly<Record<string, Selection | undefined>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.access!;
  const logins = signInsByUser(sel.signIns);
  const loginTimes = sel.signIns ? numbers(sel.signIns.source, 'Time') : [];
  const loginIps = sel.signIns ? strings(sel.signIns.source, 'ClientIp') : [];
  const t = s.source;
  const times = numbers(t, 'Time');
  const actors = strings(t, 'UserId');
  const owners = strings(t, 'MailboxOwnerUPN');
  const apps = strings(t, 'AppId');
  const logon = strings(t, 'LogonType');
  const ips = strings(t, 'ClientIp');
  const weights = itemWeights(s, ctx.settings.burst);
  const ordered = rowsInTimeOrder(times, s.rows);
  const a = codesOf(t, 'UserId', 'identity');
  const m = codesOf(t, 'MailboxOwnerUPN', 'identity');
  const groups = groupRows(ordered, (r) => a.codes[r]! * m.size + m.codes[r]!, a.size * m.size);
  const out: FindingDraft[] = [];
  for (const rows of groups) {
    const r0 = rows[0]!;
    const actor = actors[r0] ?? '';
    const mailbox = owners[r0] ?? '';
    if (!actor || !mailbox || isSystemActor(actor)) continue;
    // The owner through an admin/delegated logon of their own mailbox is not another person.
    if (identityKey(actor) === identityKey(mailbox)) continue;
    const logons = distinct(logon, rows);
    let items = 0;
    for (const r of rows) items += weights[r]!;
    const { start, end } = spanOf(times, rows);
    const reasons = new Reasons();
    reasons.add(0, `${rows.length} access record(s), about ${Math.round(items)} items, logon ${logons.join('/') || 'unknown'}`);
    if (logons.some((l) => /^(admin|delegatedadmin)$/i.test(l))) reasons.add(10, 'admin logon: read through administrative rights rather than a delegation');
    if (ctx.facts.isStandingDelegate(mailbox, actor)) reasons.add(-25, `${actor} is a standing delegate of ${mailbox} in the tenant model`);
    riskyAccount(reasons, ctx, actor, start, 'reader');
    sensitiveMailbox(reasons, ctx, mailbox);
    let offHourRecords = 0;
    for (const r of rows) if (ctx.clock.period(times[r] as number) !== 'business') offHourRecords++;
    if (offHourRecords * 2 > rows.length) reasons.add(10, `${offHourRecords} of ${rows.length} accesses outside business hours (${ctx.clock.timeZone})`);
    const app = distinct(apps, rows)[0] ?? '';
    // How the reader got in on their first day of access: their sign-ins from the addresses they read from.
    const readIps = new Set(distinct(ips, rows));
    const loginRows = start === null ? [] : (logins.get(identityKey(actor)) ?? []).filter((r) => {
      const lt = loginTimes[r] as number;
      return lt >= start - HOUR && lt <= start + 24 * HOUR && readIps.has(loginIps[r] ?? '');
    });
    out.push({
      kind: 'nonOwner',
      title: `${actor} read ${mailbox}'s mailbox`,
      description: `${actor} accessed mail in ${mailbox} (not their own) ${rows.length} time(s) from ${new Date(start ?? 0).toISOString()}${end !== start ? ` to ${new Date(end ?? 0).toISOString()}` : ''}.`,
      stage: 'access',
      baseScore: 30,
      reasons: reasons.list,
      evidence: loginRows.length && sel.signIns ? mergeEvidence([evidenceOf(s, rows), evidenceOf(sel.signIns, loginRows)]) : [evidenceOf(s, rows)],
      start,
      end,
      mailbox,
      actor,
      app,
      remediation: [removeMailboxPermission(mailbox, actor, 'FullAccess'), revokeSessions(actor)],
      details: { records: rows.length, items: Math.round(items), logonTypes: logons, clientIps: distinct(ips, rows).slice(0, 20) },
    });
  }
  return out;
}

export const nonOwnerAccess: Rule = {
  id: 'mail-access-non-owner',
  title: 'Mailbox read by someone other than its owner',
  description: 'MailItemsAccessed with an Admin, Delegated or DelegatedAdmin logon, or by an actor who is not the mailbox owner.',
  techniques: [techniques.remoteEmail],
  references: [
    'https://attack.mitre.org/techniques/T1114/002/',
    'https://learn.microsoft.com/en-us/purview/audit-mailboxes',
  ],
  inputs: {
    access: { table: 'AuditLogs', query, select },
    signIns: { table: 'AuditLogs', query: signInQuery, select: selectSignIns, optional: true },
  },
  detect,
};
