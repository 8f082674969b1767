/**
 * Rule 4c: mail read by an app that is not in the allowlist (Microsoft's own
 * mail clients are always allowed). One finding per app.
 */
import type { ColumnTable } from 'arquero';
import { allRows, filterRows, numbers, rowsWithOperation, strings, type Selection } from '../columns';
import { identityKey } from '../identities';
import { disableServicePrincipal, revokeAppRoleAssignments } from '../remediation';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { callingApp, distinct, groupRows, itemWeights, mailAccessQueryHead, rowsInTimeOrder } from './mailAccess';

const query = `${mailAccessQueryHead}
| where isnotempty(AppId) or isnotempty(ClientAppId)
| project Time, Id, UserId, UserType, MailboxOwnerUPN, AppId, ClientAppId, LogonType, MailAccessType, ItemCount, OperationCount, ClientIp`;

function select(t: ColumnTable): Int32Array {
  const apps = strings(t, 'AppId');
  const clientApps = strings(t, 'ClientAppId');
  return filterRows(rowsWithOperation(t, ['MailItemsAccessed']), (r) => (apps[r] ?? '') !== '' || (clientApps[r] ?? '') !== '');
}

const signInQuery = `SignIns
| where isempty(UserPrincipalName) and isnotempty(AppId)
| project Time, Id, AppId, AppDisplayName, IpAddress, ServicePrincipalId`;

function selectAppSignIns(t: ColumnTable): Int32Array {
  const users = strings(t, 'UserPrincipalName');
  const apps = strings(t, 'AppId');
  return filterRows(allRows(t), (r) => (users[r] ?? '') === '' && (apps[r] ?? '') !== '');
}

/** Service principal sign-ins by app id. */
function appSignIns(sel: Selection | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!sel) return out;
  const apps = strings(sel.source, 'AppId');
  for (const r of sel.rows) {
    const k = identityKey(apps[r] ?? '');
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

const DAY = 24 * 3600 * 1000;

function detect(sel: Readonly<Record<string, Selection | undefined>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.access!;
  const spSignIns = appSignIns(sel.signIns);
  const siTimes = sel.signIns ? numbers(sel.signIns.source, 'Time') : [];
  const siIps = sel.signIns ? strings(sel.signIns.source, 'IpAddress') : [];
  const t = s.source;
  const times = numbers(t, 'Time');
  const actors = strings(t, 'UserId');
  const userTypes = strings(t, 'UserType');
  const owners = strings(t, 'MailboxOwnerUPN');
  const access = strings(t, 'MailAccessType');
  const ips = strings(t, 'ClientIp');
  const weights = itemWeights(s, ctx.settings.burst);
  // The calling client app when there is one (first-party AppIds carry the real client in ClientAppId).
  const appOf = callingApp(t, (app) => ctx.facts.isKnownApp(app));
  const known = new Map<string, boolean>();
  const isKnown = (app: string) => {
    let k = known.get(app);
    if (k === undefined) known.set(app, (k = ctx.facts.isKnownApp(app)));
    return k;
  };
  const ordered = rowsInTimeOrder(times, filterRows(s.rows, (r) => !isKnown(appOf(r))));
  const appCol = Array.from({ length: t.numRows() }, () => '');
  for (const r of ordered) appCol[r] = appOf(r);
  const appIndex = new Map<string, number>();
  const appCode = new Int32Array(t.numRows());
  for (const r of ordered) {
    const k = identityKey(appCol[r]!);
    let c = appIndex.get(k);
    if (c === undefined) appIndex.set(k, (c = appIndex.size));
    appCode[r] = c;
  }
  const out: FindingDraft[] = [];
  for (const rows of groupRows(ordered, (r) => appCode[r]!, appIndex.size)) {
    const app = appCol[rows[0]!]!;
    const mailboxes = distinct(owners, rows);
    let items = 0;
    let syncs = 0;
    for (const r of rows) {
      items += weights[r]!;
      if (/^sync$/i.test(access[r] ?? '')) syncs++;
    }
    // App-only Graph access is recorded under each mailbox owner's name: one app "acting as" every owner.
    const actsAsOwners = mailboxes.length >= 2 && rows.every((r) => identityKey(actors[r] ?? '') === identityKey(owners[r] ?? ''));
    const appOnly = actsAsOwners || rows.some((r) => /^(application|serviceprincipal)$/i.test(userTypes[r] ?? '') || identityKey(actors[r] ?? '') === identityKey(app));
    const { start, end } = spanOf(times, rows);
    const reasons = new Reasons();
    reasons.add(0, `${rows.length} record(s), about ${Math.round(items)} items, ${mailboxes.length} mailbox(es)`);
    if (mailboxes.length >= 10) reasons.add(15, `reads ${mailboxes.length} mailboxes`);
    else if (mailboxes.length >= 3) reasons.add(5, `reads ${mailboxes.length} mailboxes`);
    if (appOnly) reasons.add(10, 'app-only access: no user signed in');
    if (syncs > 0) reasons.add(5, `${syncs} folder Sync(s)`);
    for (const mb of mailboxes.slice(0, 50)) {
      const why = ctx.facts.mailboxSensitivity(mb);
      if (why) {
        reasons.add(10, `includes ${mb}, ${why}`);
        break;
      }
    }
    const name = ctx.facts.appName(app);
    // The app's own sign-ins (service principal sign-in logs) around its reading: where it ran from.
    const spRows = (spSignIns.get(identityKey(app)) ?? []).filter((r) => {
      const ts = siTimes[r];
      return typeof ts === 'number' && start !== null && end !== null && ts >= start - DAY && ts <= end;
    });
    if (spRows.length) reasons.add(0, `the app signed in ${spRows.length} time(s) from ${distinct(siIps, spRows).slice(0, 5).join(', ')}`);
    out.push({
      kind: 'unlistedApp',
      title: `Mail read by app ${name ? `${name} (${app})` : app}, not in the allowlist`,
      description: `App ${app} read mail in ${mailboxes.length} mailbox(es) (${mailboxes.slice(0, 5).join(', ')}${mailboxes.length > 5 ? ', ...' : ''}). Add it to the known apps if it is expected.`,
      stage: 'access',
      baseScore: 40,
      reasons: reasons.list,
      evidence: spRows.length && sel.signIns ? [evidenceOf(s, rows), evidenceOf(sel.signIns, spRows)] : [evidenceOf(s, rows)],
      start,
      end,
      mailbox: mailboxes.length === 1 ? mailboxes[0]! : '',
      actor: appOnly ? app : distinct(actors, rows)[0] ?? '',
      app,
      remediation: [disableServicePrincipal(app), revokeAppRoleAssignments(app, [])],
      details: { records: rows.length, items: Math.round(items), mailboxes: mailboxes.slice(0, 100), mailboxCount: mailboxes.length, clientIps: distinct(ips, rows).slice(0, 20) },
    });
  }
  return out;
}

export const unlistedAppAccess: Rule = {
  id: 'mail-access-unlisted-app',
  title: 'Mail read by an app not in the allowlist',
  description: 'MailItemsAccessed through an application id that is neither a Microsoft mail client nor in the known-apps setting.',
  techniques: [techniques.remoteEmail],
  references: [
    'https://attack.mitre.org/techniques/T1114/002/',
    'https://learn.microsoft.com/en-us/purview/audit-log-investigate-accounts',
  ],
  inputs: {
    access: { table: 'AuditLogs', query, select },
    signIns: { table: 'SignIns', query: signInQuery, select: selectAppSignIns, optional: true },
  },
  detect,
};
