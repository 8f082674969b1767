/**
 * Rule 8: sign-in context (seed 002, TRR0019 procedure A). A user appears from
 * an address or country new for them (after enough history to know what is
 * usual), with a mailbox client or legacy protocol, and the mailbox access
 * that followed from that address is joined to it.
 */
import type { ColumnTable } from 'arquero';
import { allRows, numbers, rowsWithOperation, strings, type Selection } from '../columns';
import { fold, identityKey, isSystemActor } from '../identities';
import { revokeSessions } from '../remediation';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import { microsoftMailClients } from '../settings';
import type { Evidence, FindingDraft } from '../types';
import { offHours } from './commonReasons';
import { groupRows, itemWeights, rowsInTimeOrder } from './mailAccess';

const DAY = 24 * 3600 * 1000;

const signInQuery = `SignIns
| project Time, Id, UserPrincipalName, IpAddress, Country, City, ClientAppUsed, AppDisplayName, ErrorCode, RiskLevel, ResultStatus`;

const accessQuery = `AuditLogs
| where Operation in~ ("MailItemsAccessed", "UserLoggedIn", "UserLoginFailed", "MailboxLogin")
| project Time, Id, Operation, UserId, UserType, MailboxOwnerUPN, ClientIp, LogonType, ClientInfoString, AppId, MailAccessType, ItemCount, OperationCount`;

function selectSignIns(t: ColumnTable): Int32Array {
  return allRows(t);
}

function selectAccess(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, ['MailItemsAccessed', 'UserLoggedIn', 'UserLoginFailed', 'MailboxLogin']);
}

/** Addresses that say nothing about where a person is: private, loopback, link-local, Exchange Online's own IPv6. */
function uninformative(ip: string): boolean {
  const s = ip.trim().toLowerCase();
  if (s === '' || s === '::1' || s.startsWith('fe80:') || /^f[cd][0-9a-f]{2}:/.test(s) || s.startsWith('2603:10')) return true;
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(s);
  if (!m) return false;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

interface Event {
  readonly time: number;
  readonly ip: string;
  /** 0 = sign-in row, 1 = audit row. */
  readonly source: 0 | 1;
  readonly row: number;
}

interface Candidate {
  readonly user: string;
  readonly ip: string;
  readonly index: number;
  readonly newCountry: string;
  readonly knownCountries: string[];
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const si = sel.signIns;
  const ac = sel.access;
  const cfg = ctx.settings.signIn;
  const mailboxClients = new Set(cfg.mailboxClients.map(fold));
  const joinMs = cfg.accessJoinMinutes * 60_000;

  const siT = si ? numbers(si.source, 'Time') : [];
  const siUser = si ? strings(si.source, 'UserPrincipalName') : [];
  const siIp = si ? strings(si.source, 'IpAddress') : [];
  const siCountry = si ? strings(si.source, 'Country') : [];
  const siClient = si ? strings(si.source, 'ClientAppUsed') : [];
  const siError = si ? numbers(si.source, 'ErrorCode') : [];
  const siRisk = si ? strings(si.source, 'RiskLevel') : [];
  const acT = ac ? numbers(ac.source, 'Time') : [];
  const acUser = ac ? strings(ac.source, 'UserId') : [];
  const acUserType = ac ? strings(ac.source, 'UserType') : [];
  const acIp = ac ? strings(ac.source, 'ClientIp') : [];
  const acOp = ac ? strings(ac.source, 'Operation') : [];
  const acOwner = ac ? strings(ac.source, 'MailboxOwnerUPN') : [];
  const weights = ac ? itemWeights(ac, ctx.settings.burst) : new Float64Array(0);

  // Users as small integers through their folded names (one lookup per distinct string).
  const userCodes = new Map<string, number>();
  const userNames: string[] = [];
  const memo = new Map<string, number>();
  const codeOf = (raw: string): number => {
    let c = memo.get(raw);
    if (c === undefined) {
      const k = identityKey(raw);
      c = userCodes.get(k);
      if (c === undefined) {
        c = userNames.length;
        userNames.push(raw);
        userCodes.set(k, c);
      }
      memo.set(raw, c);
    }
    return c;
  };
  const siOrdered = si ? rowsInTimeOrder(siT, si.rows) : new Int32Array(0);
  // The user's own clients only: an app reading the mailbox shows the app's host address, not the user's.
  const acApp = ac ? strings(ac.source, 'AppId') : [];
  const ownClient = (app: string) => app === '' || fold(app) in microsoftMailClients;
  const acOrdered = ac ? rowsInTimeOrder(acT, ac.rows).filter((r) => {
    const u = acUser[r] ?? '';
    return u !== '' && !isSystemActor(u) && !/^(application|serviceprincipal)$/i.test(acUserType[r] ?? '') && ownClient(acApp[r] ?? '');
  }) : new Int32Array(0);
  const siGroups = groupRows(siOrdered.filter((r) => (siUser[r] ?? '') !== ''), (r) => codeOf(siUser[r] ?? ''));
  const acGroups = groupRows(acOrdered, (r) => codeOf(acUser[r] ?? ''));

  const out: FindingDraft[] = [];
  const users = new Set([...siGroups.keys(), ...acGroups.keys()]);
  for (const u of users) {
    const a = siGroups.get(u) ?? [];
    const b = acGroups.get(u) ?? [];
    // Merge the two time-ordered lists.
    const events: Event[] = [];
    for (let i = 0, j = 0; i < a.length || j < b.length;) {
      const ta = i < a.length ? (siT[a[i]!] as number) : Infinity;
      const tb = j < b.length ? (acT[b[j]!] as number) : Infinity;
      if (ta <= tb) events.push({ time: ta, ip: siIp[a[i]!] ?? '', source: 0, row: a[i++]! });
      else events.push({ time: tb, ip: acIp[b[j]!] ?? '', source: 1, row: b[j++]! });
    }
    if (events.length <= cfg.minHistoryEvents) continue;
    const first = events[0]!.time;
    const seenIps = new Set<string>();
    const countries = new Set<string>();
    const candidates: Candidate[] = [];
    events.forEach((e, index) => {
      const country = e.source === 0 ? (siCountry[e.row] ?? '').trim().toUpperCase() : '';
      const ipNew = e.ip !== '' && !uninformative(e.ip) && !seenIps.has(e.ip);
      const countryNew = country !== '' && !countries.has(country);
      const enoughHistory = index >= cfg.minHistoryEvents && e.time - first >= cfg.minHistoryDays * DAY;
      if (enoughHistory && ipNew) {
        candidates.push({ user: userNames[u]!, ip: e.ip, index, newCountry: countryNew && countries.size > 0 ? country : '', knownCountries: [...countries] });
      }
      if (e.ip) seenIps.add(e.ip);
      if (country) countries.add(country);
    });

    for (const c of candidates) {
      const start = events[c.index]!.time;
      const signInRows: number[] = [];
      const accessRows: number[] = [];
      // Everything the user did from the new address over the story window, in sessions (gaps over the join window split them).
      const until = start + ctx.settings.storyWindowDays * DAY;
      let lastSeen = -Infinity;
      let sessions = 0;
      for (let k = c.index; k < events.length && events[k]!.time <= until; k++) {
        const e = events[k]!;
        if (e.ip !== c.ip) continue;
        if (e.time - lastSeen > joinMs) sessions++;
        (e.source === 0 ? signInRows : accessRows).push(e.row);
        lastSeen = e.time;
      }
      const mailRows = accessRows.filter((r) => /^mailitemsaccessed$/i.test(acOp[r] ?? ''));
      const clients = [...new Set(signInRows.map((r) => siClient[r] ?? '').filter(Boolean))];
      const mailboxClient = clients.filter((x) => mailboxClients.has(fold(x)));
      if (mailRows.length === 0 && mailboxClient.length === 0 && !c.newCountry) continue;
      const reasons = new Reasons();
      reasons.add(0, `first time ${c.user} is seen from ${c.ip}${c.knownCountries.length ? ` (usual countries: ${c.knownCountries.join(', ')})` : ''}`);
      if (c.newCountry) reasons.add(20, `from a new country: ${c.newCountry}`);
      if (mailboxClient.length) reasons.add(15, `mailbox or legacy client: ${mailboxClient.join(', ')}`);
      const risky = signInRows.map((r) => fold(siRisk[r])).find((x) => x === 'medium' || x === 'high');
      if (risky) reasons.add(15, `Entra ID Protection rated the sign-in risk ${risky}`);
      const failedBefore = events.slice(0, c.index).filter((e) => e.source === 0 && e.ip === c.ip && e.time >= start - DAY && (siError[e.row] ?? 0) !== 0).length;
      const failedHere = signInRows.filter((r) => (siError[r] ?? 0) !== 0).length;
      if (failedBefore + failedHere > 0) reasons.add(10, `${failedBefore + failedHere} failed sign-in(s) from this address`);
      let items = 0;
      for (const r of mailRows) items += weights[r]!;
      if (mailRows.length) reasons.add(0, `${mailRows.length} mail access record(s) from that address, about ${Math.round(items)} items`);
      if (items >= 100) reasons.add(10, 'a hundred items or more read from the new address');
      const others = [...new Set(mailRows.map((r) => acOwner[r] ?? '').filter((o) => o && identityKey(o) !== identityKey(c.user)))];
      if (others.length) reasons.add(15, `read other mailboxes: ${others.slice(0, 5).join(', ')}`);
      if (sessions > 1) reasons.add(5, `${sessions} separate sessions from this address`);
      if (signInRows.length === 0) reasons.add(0, 'no sign-in record for this address in the loaded data: seen in the audit log only');
      offHours(reasons, ctx, start, 5);
      const evidence: Evidence[] = [];
      if (si && signInRows.length) evidence.push(evidenceOf(si, signInRows));
      if (ac && accessRows.length) evidence.push(evidenceOf(ac, accessRows));
      const span = spanOf(acT, accessRows);
      out.push({
        kind: 'newAddress',
        title: `${c.user} ${mailRows.length ? 'read mail' : mailboxClient.length ? 'signed in with a mailbox client' : 'signed in'} from a new ${c.newCountry ? `country (${c.newCountry}) and ` : ''}address ${c.ip}`,
        description: `${c.user} appeared from ${c.ip} for the first time at ${new Date(start).toISOString()}${c.newCountry ? ` in ${c.newCountry}` : ''}${clients.length ? ` using ${clients.join(', ')}` : ''}; ${mailRows.length ? `${mailRows.length} MailItemsAccessed record(s) from that address followed` : 'no mail access from that address is in the data'}. Stolen credentials or tokens look like this.`,
        stage: 'access',
        baseScore: 30,
        reasons: reasons.list,
        evidence,
        start,
        end: Math.max(start, span.end ?? start),
        mailbox: others.length === 1 && mailRows.every((r) => identityKey(acOwner[r] ?? '') === identityKey(others[0]!)) ? others[0]! : c.user,
        actor: c.user,
        remediation: [revokeSessions(c.user)],
        details: { ip: c.ip, ...(c.newCountry ? { country: c.newCountry } : {}), clients, mailRecords: mailRows.length, signIns: signInRows.length, sessions },
      });
    }
  }
  return out;
}

export const signInContext: Rule = {
  id: 'signin-context',
  title: 'Mail read from a new address or country',
  description: 'Sign-ins and mailbox access from an address or country new for the user (after enough history), mailbox or legacy clients, joined to the mail access that followed.',
  techniques: [techniques.cloudAccounts, techniques.remoteEmail],
  references: [
    'https://attack.mitre.org/techniques/T1078/004/',
    'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/concept-sign-ins',
    'https://techcommunity.microsoft.com/blog/exchange/using-microsoft-graph-to-monitor-exchange-online-client-access/',
  ],
  inputs: {
    signIns: { table: 'SignIns', query: signInQuery, select: selectSignIns, optional: true },
    access: { table: 'AuditLogs', query: accessQuery, select: selectAccess, optional: true },
  },
  detect,
};
