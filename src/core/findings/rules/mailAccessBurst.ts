/**
 * Rule 4a: MailItemsAccessed bursts. Per actor x mailbox x app, a sliding
 * window adds up the items read (a Sync counts as a whole folder); a window
 * over the threshold is a burst.
 */
import type { ColumnTable } from 'arquero';
import { numbers, rowsWithOperation, strings, type Selection } from '../columns';
import { identityKey, isSystemActor } from '../identities';
import { disableServicePrincipal, revokeSessions } from '../remediation';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { offHours, sensitiveMailbox } from './commonReasons';
import { codesOf, flagsOf } from '../columnCodes';
import { distinct, groupRows, itemWeights, mailAccessQueryHead, rowsInTimeOrder, windowEpisodes } from './mailAccess';

const query = `${mailAccessQueryHead}
| project Time, Id, UserId, UserType, MailboxOwnerUPN, AppId, ClientAppId, LogonType, MailAccessType, ItemCount, OperationCount, ClientIp, Folders`;

function select(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, ['MailItemsAccessed']);
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.access!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const actors = strings(t, 'UserId');
  const owners = strings(t, 'MailboxOwnerUPN');
  const apps = strings(t, 'AppId');
  const clientApps = strings(t, 'ClientAppId');
  const logon = strings(t, 'LogonType');
  const ips = strings(t, 'ClientIp');
  const { windowMinutes, itemThreshold } = ctx.settings.burst;
  const windowMs = windowMinutes * 60_000;
  const weights = itemWeights(s, ctx.settings.burst);
  const ordered = rowsInTimeOrder(times, s.rows);
  const a = codesOf(t, 'UserId', 'identity');
  const m = codesOf(t, 'MailboxOwnerUPN', 'identity');
  const p = codesOf(t, 'AppId');
  const mp = m.size * p.size;
  const groups = groupRows(ordered, (r) => a.codes[r]! * mp + m.codes[r]! * p.size + p.codes[r]!, a.size * mp);
  const access = codesOf(t, 'MailAccessType');
  const isSync = flagsOf(access, (v) => /^sync$/i.test(v));
  const out: FindingDraft[] = [];

  for (const rows of groups) {
    const g0 = rows[0]!;
    // The owner reading their own mailbox in Microsoft's own mail clients: heavy reading, not a finding.
    const ownerInOwnClient = identityKey(actors[g0] ?? '') === identityKey(owners[g0] ?? '')
      && rows.every((r) => !/^(admin|delegated|delegatedadmin)$/i.test(logon[r] ?? ''))
      && ((apps[g0] || clientApps[g0] || '') === '' || ctx.facts.isKnownApp(apps[g0] || clientApps[g0] || ''));
    if (ownerInOwnClient) continue;
    let total = 0;
    for (const r of rows) total += weights[r]!;
    if (total < itemThreshold) continue;
    for (const ep of windowEpisodes(rows, times, weights, windowMs, itemThreshold)) {
      const r0 = ep[0]!;
      const actor = actors[r0] ?? '';
      if (isSystemActor(actor)) continue;
      const mailbox = owners[r0] ?? '';
      const app = apps[r0] || clientApps[r0] || '';
      let items = 0;
      let syncItems = 0;
      let syncs = 0;
      for (const r of ep) {
        items += weights[r]!;
        if (isSync[access.codes[r]!]) {
          syncs++;
          syncItems += weights[r]!;
        }
      }
      const nonOwner = identityKey(actor) !== identityKey(mailbox) || ep.some((r) => /^(admin|delegated|delegatedadmin)$/i.test(logon[r] ?? ''));
      const knownApp = app === '' || ctx.facts.isKnownApp(app);
      const { start, end } = spanOf(times, ep);
      const reasons = new Reasons();
      reasons.add(0, `about ${Math.round(items)} items in ${ep.length} records within ${windowMinutes} min windows (threshold ${itemThreshold})`);
      // The owner in their own mail client: heavy reading or a new Outlook profile syncing every folder, shown for context only.
      const ownClient = !nonOwner && knownApp;
      const weigh = (points: number) => (ownClient ? 0 : points);
      if (nonOwner) reasons.add(15, `${actor} read a mailbox that is not theirs`);
      if (!knownApp) reasons.add(15, `by app ${app}, not in the known-apps allowlist`);
      if (ownClient) reasons.add(0, `the owner in ${ctx.facts.appName(app) || 'their own mail client'}`);
      if (syncs > 0 && syncItems >= items / 2) reasons.add(weigh(10), `${syncs} folder Sync(s): whole folders downloaded`);
      if (items >= 5 * itemThreshold) reasons.add(weigh(10), 'more than five times the threshold');
      if (nonOwner && ctx.facts.isStandingDelegate(mailbox, actor)) reasons.add(-15, `${actor} is a standing delegate of ${mailbox} in the tenant model`);
      if (!ownClient) {
        sensitiveMailbox(reasons, ctx, mailbox);
        offHours(reasons, ctx, start, 5);
      }
      const base = ownClient ? 20 : 30;
      out.push({
        kind: 'burst',
        title: `Burst of mail access: ${actor} read ${Math.round(items)} items of ${mailbox || 'a mailbox'}${app ? ` via ${ctx.facts.appName(app) || app}` : ''}`,
        description: `${ep.length} MailItemsAccessed records by ${actor} on ${mailbox}${app ? ` through app ${app}` : ''} add up to about ${Math.round(items)} items within ${windowMinutes}-minute windows.`,
        stage: 'collection',
        baseScore: base,
        reasons: reasons.list,
        evidence: [evidenceOf(s, ep)],
        start,
        end,
        mailbox,
        actor,
        app,
        remediation: [!knownApp && app ? disableServicePrincipal(app) : revokeSessions(actor)],
        details: { records: ep.length, items: Math.round(items), syncs, clientIps: distinct(ips, ep).slice(0, 20) },
      });
    }
  }
  return out;
}

export const mailAccessBurst: Rule = {
  id: 'mail-access-burst',
  title: 'Burst of mailbox reading',
  description: 'MailItemsAccessed volume per actor, mailbox and app over a sliding window; folder Syncs count as bulk.',
  techniques: [techniques.remoteEmail],
  references: [
    'https://attack.mitre.org/techniques/T1114/002/',
    'https://learn.microsoft.com/en-us/purview/audit-log-investigate-accounts',
  ],
  inputs: { access: { table: 'AuditLogs', query, select } },
  detect,
};
