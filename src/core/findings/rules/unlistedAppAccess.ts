/**
 * Rule 4c: mail read by an app that is not in the allowlist (Microsoft's own
 * mail clients are always allowed). One finding per app.
 */
import type { ColumnTable } from 'arquero';
import { filterRows, numbers, rowsWithOperation, strings, type Selection } from '../columns';
import { identityKey } from '../identities';
import { disableServicePrincipal, revokeAppRoleAssignments } from '../remediation';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { Codes, distinct, groupRows, itemWeights, mailAccessQueryHead, rowsInTimeOrder } from './mailAccess';

const query = `${mailAccessQueryHead}
| where isnotempty(AppId) or isnotempty(ClientAppId)
| project Time, Id, UserId, UserType, MailboxOwnerUPN, AppId, ClientAppId, LogonType, MailAccessType, ItemCount, OperationCount, ClientIp`;

function select(t: ColumnTable): Int32Array {
  const apps = strings(t, 'AppId');
  const clientApps = strings(t, 'ClientAppId');
  return filterRows(rowsWithOperation(t, ['MailItemsAccessed']), (r) => (apps[r] ?? '') !== '' || (clientApps[r] ?? '') !== '');
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.access!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const apps = strings(t, 'AppId');
  const clientApps = strings(t, 'ClientAppId');
  const actors = strings(t, 'UserId');
  const userTypes = strings(t, 'UserType');
  const owners = strings(t, 'MailboxOwnerUPN');
  const access = strings(t, 'MailAccessType');
  const ips = strings(t, 'ClientIp');
  const weights = itemWeights(s, ctx.settings.burst);
  // The calling client app when there is one (first-party AppIds carry the real client in ClientAppId).
  const appOf = (r: number) => {
    const app = apps[r] ?? '';
    const client = clientApps[r] ?? '';
    return client && ctx.facts.isKnownApp(app) ? client : app || client;
  };
  const known = new Map<string, boolean>();
  const isKnown = (app: string) => {
    let k = known.get(app);
    if (k === undefined) known.set(app, (k = ctx.facts.isKnownApp(app)));
    return k;
  };
  const ordered = rowsInTimeOrder(times, filterRows(s.rows, (r) => !isKnown(appOf(r))));
  const appCol = Array.from({ length: t.numRows() }, () => '');
  for (const r of ordered) appCol[r] = appOf(r);
  const codes = new Codes(appCol, ordered, identityKey);
  const out: FindingDraft[] = [];
  for (const rows of groupRows(ordered, (r) => codes.codes[r]!).values()) {
    const app = appCol[rows[0]!]!;
    const mailboxes = distinct(owners, rows);
    let items = 0;
    let syncs = 0;
    for (const r of rows) {
      items += weights[r]!;
      if (/^sync$/i.test(access[r] ?? '')) syncs++;
    }
    const appOnly = rows.some((r) => /^(application|serviceprincipal)$/i.test(userTypes[r] ?? '') || identityKey(actors[r] ?? '') === identityKey(app));
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
    out.push({
      kind: 'unlistedApp',
      title: `Mail read by app ${name ? `${name} (${app})` : app}, not in the allowlist`,
      description: `App ${app} read mail in ${mailboxes.length} mailbox(es) (${mailboxes.slice(0, 5).join(', ')}${mailboxes.length > 5 ? ', ...' : ''}). Add it to the known apps if it is expected.`,
      stage: 'access',
      baseScore: 40,
      reasons: reasons.list,
      evidence: [evidenceOf(s, rows)],
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
  inputs: { access: { table: 'AuditLogs', query, select } },
  detect,
};
