import { AdminSession, actorOf } from '../actions/actors';
import * as entra from '../actions/entra';
import * as exo from '../actions/exchange';
import { signInPerson } from '../actions/signIns';
import { MS_APPS } from '../data/apps';
import { DEPARTMENTS } from '../data/org';
import type { DirectoryInitiator } from '../records/directory';
import { exchangeObjectPath, withPort } from '../records/context';
import { DAY, MINUTE } from '../time/calendar';
import { EVENT_PATTERNS, scheduleByPattern, type BackgroundEventType } from '../time/patterns';
import type { Person } from '../tenant/types';
import type { World } from '../world';
import { localDay, personIp, personSessionId } from './sessions';

const ESTABLISHED = 7 * DAY;

const HOUSEKEEPING: readonly (readonly [string, string])[] = [
  ['RetentionPolicy', 'Default MRM Policy'], ['ProhibitSendQuota', '49.5 GB (53,150,220,288 bytes)'], ['Languages', 'en-US'],
  ['SingleItemRecoveryEnabled', 'True'], ['RetainDeletedItemsFor', '30.00:00:00'],
];

const BENIGN_RULES: readonly { name: string; from: string; folder: string }[] = [
  { name: 'Newsletters', from: 'news@industry-weekly.com', folder: 'Newsletters' },
  { name: 'Jira notifications', from: 'jira@atlassian.net', folder: 'Jira' },
  { name: 'Expense approvals', from: 'noreply@concursolutions.com', folder: 'Expenses' },
  { name: 'Vendor updates', from: 'updates@supplier-one.com', folder: 'Vendors' },
];

/**
 * Day-to-day administration and user self-service, scheduled with seed 004's
 * time patterns. Grants only go to established, non-contractor staff on shared
 * mailboxes; nothing here touches executives or new accounts.
 */
export function generateBenignAdmin(w: World): void {
  const prng = w.prng.fork('benign-admin');
  const { plan, tz, log } = w;
  const admin = plan.admins[0]!;
  const sessions = new Map<number, AdminSession>();
  const sessionAt = (t: number): AdminSession => {
    const day = localDay(t, tz);
    let s = sessions.get(day);
    if (!s) {
      const ip = personIp(admin, t, tz, 'desktop');
      const signIn = t - 5 * MINUTE - prng.int(10 * MINUTE);
      signInPerson(log, prng, admin, { time: Math.floor(signIn / 1000) * 1000, client: 'exoPowerShell', ip, place: admin.place, sessionId: personSessionId(w.prng.key, admin, day, false), mfa: true });
      s = new AdminSession(log, actorOf(admin), ip, MS_APPS.exoPowerShell.appId, plan.servers[day % plan.servers.length]!, prng, signIn);
      sessions.set(day, s);
    }
    return s;
  };
  const by = (t: number): DirectoryInitiator => ({ kind: 'user', actor: actorOf(admin), ip: personIp(admin, t, tz, 'owa') });
  const staff = plan.people.filter((p) => p.role === 'staff' && p.mailbox);
  const established = (p: Person, t: number): boolean => p.createdAt <= t - ESTABLISHED;
  const fullAccess = new Set<string>();
  const sendAs = new Set<string>();
  for (const s of plan.shared) for (const m of s.members) {
    fullAccess.add(`${s.mailbox.userPrincipalName}|${m.user.userPrincipalName}`);
    if (s.sendAs) sendAs.add(`${s.mailbox.userPrincipalName}|${m.user.userPrincipalName}`);
  }
  const humanShared = plan.shared.filter((s) => s.members.length > 0);
  const titles = new Map<string, string>(staff.map((p) => [p.user.id, p.user.jobTitle ?? '']));
  const consented = new Set<string>();
  let consentAppAdded = false;
  const consentApp = plan.apps.find((a) => a.reach.kind === 'delegated-consent');

  const from = w.setupEnd;
  const events: { time: number; type: BackgroundEventType }[] = [];
  for (const type of Object.keys(EVENT_PATTERNS) as BackgroundEventType[]) {
    for (const time of scheduleByPattern(EVENT_PATTERNS[type], w.opts.users, from, w.opts.end, tz, prng.fork(type))) events.push({ time, type });
  }
  events.sort((a, b) => a.time - b.time);

  for (const { time, type } of events) {
    switch (type) {
      case 'Add-MailboxPermission': {
        const box = humanShared.length ? prng.pick(humanShared) : undefined;
        const who = staff.filter((p) => established(p, time) && !fullAccess.has(`${box?.mailbox.userPrincipalName}|${p.user.userPrincipalName}`));
        if (!box || who.length === 0) break;
        const p = prng.pick(who);
        fullAccess.add(`${box.mailbox.userPrincipalName}|${p.user.userPrincipalName}`);
        exo.addFullAccess(w.exchange, sessionAt(time), time, box.mailbox, p.user.userPrincipalName, undefined);
        break;
      }
      case 'Add-RecipientPermission': {
        const candidates = [...fullAccess].filter((k) => !sendAs.has(k));
        if (candidates.length === 0) break;
        const key = prng.pick(candidates);
        sendAs.add(key);
        const [mbUpn, trustee] = key.split('|') as [string, string];
        const box = plan.shared.find((s) => s.mailbox.userPrincipalName === mbUpn)!;
        exo.addSendAs(w.exchange, sessionAt(time), time, box.mailbox, trustee);
        break;
      }
      case 'Set-Mailbox': {
        const p = prng.pick(staff);
        if (p.createdAt > time) break;
        const [name, value] = prng.pick(HOUSEKEEPING);
        exo.setMailboxSetting(w.exchange, sessionAt(time), time, p.mailbox!, name, value);
        break;
      }
      case 'New-InboxRule': {
        const p = prng.pick(staff);
        if (p.createdAt > time) break;
        const rule = prng.pick(BENIGN_RULES);
        log.cmdlet({
          time, operation: 'New-InboxRule', actor: { upn: p.user.userPrincipalName, puid: p.puid }, userType: 2,
          clientIp: withPort(personIp(p, time, tz, 'owa'), prng.between(1025, 65000)),
          objectId: `${exchangeObjectPath(w.ctx, p.mailbox!.name)}\\${rule.name}`,
          parameters: [['AlwaysDeleteOutlookRulesBlob', 'False'], ['Force', 'False'], ['From', rule.from], ['MoveToFolder', rule.folder], ['Name', rule.name], ['StopProcessingRules', 'False']],
          sessionId: personSessionId(w.prng.key, p, localDay(time, tz), false), appId: MS_APPS.exchangeOnline.appId,
          server: plan.servers[p.index % plan.servers.length]!, tokenId: prng.hex(22),
        });
        break;
      }
      case 'Update user': {
        const p = prng.pick(staff);
        if (p.createdAt > time || !p.user.department) break;
        const dept = DEPARTMENTS.find((d) => d.name === p.user.department);
        const to = dept ? prng.pick(dept.titles) : undefined;
        const current = titles.get(p.user.id) ?? '';
        if (!to || to === current) break;
        titles.set(p.user.id, to);
        entra.changeJobTitle(w.entra, time, by(time), p, current, to);
        break;
      }
      case 'Consent to application': {
        if (!consentApp) break;
        const p = prng.pick(staff);
        if (!established(p, time) || consented.has(p.user.id)) break;
        consented.add(p.user.id);
        const userBy = { kind: 'user' as const, actor: actorOf(p), ip: personIp(p, time, tz, 'owa') };
        if (!consentAppAdded) {
          entra.addServicePrincipal(w.entra, time - 2000, userBy, consentApp.app);
          consentAppAdded = true;
        }
        entra.consentToApplication(w.entra, time, userBy, consentApp.app, { admin: false, appOnly: false, scopes: consentApp.delegatedScopes, consenter: p });
        entra.addDelegatedPermissionGrant(w.entra, time + 1000, userBy, consentApp.app, consentApp.delegatedScopes, false);
        break;
      }
    }
  }
}

/**
 * Changes planned into the benign story: accounts created during the window
 * (new hires) and one person moving department (which changes what a
 * department-scoped app can read).
 */
export function generatePlannedChanges(w: World): void {
  const { plan } = w;
  const admin = plan.admins[0]!;
  const by = (t: number): DirectoryInitiator => ({ kind: 'user', actor: actorOf(admin), ip: personIp(admin, t, w.tz, 'owa') });
  for (const p of plan.people) {
    if (p.createdAt === w.setupStart || w.lateAccounts.includes(p)) continue;
    entra.addUser(w.entra, p.createdAt, by(p.createdAt), p);
    if (p.mailbox) entra.assignLicense(w.entra, p.createdAt + 95_000, by(p.createdAt), p);
  }
  const mover = plan.mover;
  if (mover) {
    const t = moverTime(w);
    if (t !== undefined) entra.changeDepartment(w.entra, t, by(t), mover.person, mover.person.user.department ?? '', mover.to);
  }
}

/** A weekday mid-morning around 40% into the window (undefined for windows too short). */
export function moverTime(w: World): number | undefined {
  const { start, days } = w.opts;
  if (days < 3) return undefined;
  return firstWeekdayAt(w.tz, start + Math.floor(days * 0.4) * DAY, 10.5);
}

/** The first weekday at or after `from` at the given local hour (tenant UTC offset `tz` minutes). */
export function firstWeekdayAt(tz: number, from: number, localHour: number): number {
  let day = Math.floor((from + tz * MINUTE) / DAY);
  for (;;) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    const t = day * DAY - tz * MINUTE + localHour * 3_600_000;
    if (weekday !== 0 && weekday !== 6 && t >= from) return Math.floor(t / 1000) * 1000;
    day++;
  }
}
