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
import { codesOf, flagsOf, type ColumnCodes } from '../columnCodes';
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

interface Candidate {
  readonly user: string;
  readonly ip: string;
  readonly ipCode: number;
  /** Position of the first event from the address in the user's merged events. */
  readonly index: number;
  readonly newCountry: string;
  readonly knownCountries: string[];
}

/** Small integer codes for strings, computed once per distinct value. */
class Interner {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  code(v: string): number {
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(v);
      this.index.set(v, c);
    }
    return c;
  }
}

/** Per-row codes of a shared space: `toShared` runs once per distinct value of the column. */
function shared(c: ColumnCodes, toShared: (value: string) => number): (row: number) => number {
  const map = new Int32Array(c.size).fill(-1);
  return (row) => {
    const k = c.codes[row]!;
    let v = map[k]!;
    if (v < 0) map[k] = v = toShared(c.names[k]!);
    return v;
  };
}

/** Rows grouped per user code, time order kept. */
function byUser(ordered: ArrayLike<number>, userOf: (row: number) => number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const rows of groupRows(ordered, userOf)) out.set(userOf(rows[0]!), rows);
  return out;
}

function detect(sel: Readonly<Record<string, Selection | undefined>>, ctx: RuleContext): FindingDraft[] {
  const si = sel.signIns;
  const ac = sel.access;
  const cfg = ctx.settings.signIn;
  const mailboxClients = new Set(cfg.mailboxClients.map(fold));
  const joinMs = cfg.accessJoinMinutes * 60_000;

  const siT = si ? numbers(si.source, 'Time') : [];
  const siUser = si ? strings(si.source, 'UserPrincipalName') : [];
  const siCountry = si ? strings(si.source, 'Country') : [];
  const siClient = si ? strings(si.source, 'ClientAppUsed') : [];
  const siClientCodes = si ? codesOf(si.source, 'ClientAppUsed') : undefined;
  const siError = si ? numbers(si.source, 'ErrorCode') : [];
  const siRisk = si ? strings(si.source, 'RiskLevel') : [];
  const acT = ac ? numbers(ac.source, 'Time') : [];
  const acOpCodes = ac ? codesOf(ac.source, 'Operation') : undefined;
  const isMailOp = acOpCodes ? flagsOf(acOpCodes, (v) => /^mailitemsaccessed$/i.test(v)) : undefined;
  const ownerCodes = ac ? codesOf(ac.source, 'MailboxOwnerUPN') : undefined;
  const ownerKeys = ownerCodes?.names.map(identityKey);
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
  // The user's own clients only: an app reading the mailbox shows the app's host address, not the user's.
  const acUserCodes = ac ? codesOf(ac.source, 'UserId') : undefined;
  const acTypeCodes = ac ? codesOf(ac.source, 'UserType') : undefined;
  const acAppCodes = ac ? codesOf(ac.source, 'AppId') : undefined;
  const personType = acTypeCodes ? flagsOf(acTypeCodes, (v) => !/^(application|serviceprincipal)$/i.test(v)) : new Uint8Array(0);
  const ownApp = acAppCodes ? flagsOf(acAppCodes, (v) => v === '' || fold(v) in microsoftMailClients) : new Uint8Array(0);
  const person = acUserCodes ? flagsOf(acUserCodes, (v) => v !== '' && !isSystemActor(v)) : new Uint8Array(0);
  const ownActivity = (r: number): boolean =>
    personType[acTypeCodes!.codes[r]!] === 1 && ownApp[acAppCodes!.codes[r]!] === 1 && person[acUserCodes!.codes[r]!] === 1;
  const siOrdered = si ? rowsInTimeOrder(siT, si.rows).filter((r) => (siUser[r] ?? '') !== '') : new Int32Array(0);
  const acOrdered = ac ? rowsInTimeOrder(acT, ac.rows).filter(ownActivity) : new Int32Array(0);
  // Column codes mapped once per distinct value into shared user and address spaces.
  const siUserOf = si ? shared(codesOf(si.source, 'UserPrincipalName'), codeOf) : null;
  const acUserOf = ac ? shared(codesOf(ac.source, 'UserId'), codeOf) : null;
  const siGroups = byUser(siOrdered, siUserOf ?? (() => 0));
  const acGroups = byUser(acOrdered, acUserOf ?? (() => 0));

  // Addresses and countries as codes; per-user "seen" marks are the user's number in shared arrays.
  const ips = new Interner();
  const siIpCode = new Int32Array(siT.length);
  const acIpCode = new Int32Array(acT.length);
  const siIpOf = si ? shared(codesOf(si.source, 'IpAddress'), (v) => ips.code(v)) : null;
  const acIpOf = ac ? shared(codesOf(ac.source, 'ClientIp'), (v) => ips.code(v)) : null;
  for (const r of siOrdered) siIpCode[r] = siIpOf!(r);
  for (const r of acOrdered) acIpCode[r] = acIpOf!(r);
  const ipUseless = Uint8Array.from(ips.names, (ip) => (ip === '' || uninformative(ip) ? 1 : 0));
  const ipSeenBy = new Int32Array(ips.names.length);
  const countries = new Interner();
  const countryOf = new Int32Array(siT.length).fill(-1);
  for (const r of siOrdered) {
    const c = (siCountry[r] ?? '').trim().toUpperCase();
    if (c) countryOf[r] = countries.code(c);
  }
  const countrySeenBy = new Int32Array(countries.names.length);

  // One user's events merged in time order (reused buffers).
  const total = siOrdered.length + acOrdered.length;
  const evT = new Float64Array(total);
  const evIp = new Int32Array(total);
  const evSrc = new Uint8Array(total);
  const evRow = new Int32Array(total);
  /** Index of the user's next event from the same address (-1 at the last). */
  const nextSame = new Int32Array(total);
  const lastAt = new Int32Array(ips.names.length);
  const lastMark = new Int32Array(ips.names.length);
  const mailboxClientCode = siClientCodes ? flagsOf(siClientCodes, (v) => mailboxClients.has(fold(v))) : new Uint8Array(0);

  const out: FindingDraft[] = [];
  const users = new Set([...siGroups.keys(), ...acGroups.keys()]);
  for (const u of users) {
    const a = siGroups.get(u) ?? [];
    const b = acGroups.get(u) ?? [];
    const n = a.length + b.length;
    if (n <= cfg.minHistoryEvents) continue;
    for (let i = 0, j = 0, k = 0; k < n; k++) {
      const ta = i < a.length ? (siT[a[i]!] as number) : Infinity;
      const tb = j < b.length ? (acT[b[j]!] as number) : Infinity;
      if (ta <= tb) {
        const r = a[i++]!;
        evT[k] = ta; evIp[k] = siIpCode[r]!; evSrc[k] = 0; evRow[k] = r;
      } else {
        const r = b[j++]!;
        evT[k] = tb; evIp[k] = acIpCode[r]!; evSrc[k] = 1; evRow[k] = r;
      }
    }
    const mark = u + 1;
    const first = evT[0]!;
    const known: string[] = [];
    const candidates: Candidate[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const ip = evIp[k]!;
      nextSame[k] = lastMark[ip] === mark ? lastAt[ip]! : -1;
      lastAt[ip] = k;
      lastMark[ip] = mark;
    }
    for (let k = 0; k < n; k++) {
      const ip = evIp[k]!;
      const cc = evSrc[k] === 0 ? countryOf[evRow[k]!]! : -1;
      const ipNew = ipUseless[ip] === 0 && ipSeenBy[ip] !== mark;
      if (ipNew && k >= cfg.minHistoryEvents && evT[k]! - first >= cfg.minHistoryDays * DAY) {
        const countryNew = cc >= 0 && countrySeenBy[cc] !== mark && known.length > 0;
        candidates.push({ user: userNames[u]!, ip: ips.names[ip]!, ipCode: ip, index: k, newCountry: countryNew ? countries.names[cc]! : '', knownCountries: known.slice() });
      }
      ipSeenBy[ip] = mark;
      if (cc >= 0 && countrySeenBy[cc] !== mark) {
        countrySeenBy[cc] = mark;
        known.push(countries.names[cc]!);
      }
    }

    for (const c of candidates) {
      const start = evT[c.index]!;
      // Everything the user did from the new address over the story window (following the same-address links).
      const until = start + ctx.settings.storyWindowDays * DAY;
      let readMail = false;
      let viaMailboxClient = false;
      for (let k = c.index; k >= 0 && evT[k]! <= until && !(readMail || viaMailboxClient); k = nextSame[k]!) {
        if (evSrc[k] === 1) readMail = isMailOp![acOpCodes!.codes[evRow[k]!]!] === 1;
        else viaMailboxClient = mailboxClientCode[siClientCodes!.codes[evRow[k]!]!] === 1;
      }
      if (!readMail && !viaMailboxClient && !c.newCountry) continue;
      const signInRows: number[] = [];
      const accessRows: number[] = [];
      // Sessions: gaps over the join window split them.
      let lastSeen = -Infinity;
      let sessions = 0;
      for (let k = c.index; k >= 0 && evT[k]! <= until; k = nextSame[k]!) {
        if (evT[k]! - lastSeen > joinMs) sessions++;
        (evSrc[k] === 0 ? signInRows : accessRows).push(evRow[k]!);
        lastSeen = evT[k]!;
      }
      const mailRows = accessRows.filter((r) => isMailOp![acOpCodes!.codes[r]!] === 1);
      const clients = [...new Set(signInRows.map((r) => siClient[r] ?? '').filter(Boolean))];
      const mailboxClient = clients.filter((x) => mailboxClients.has(fold(x)));
      const reasons = new Reasons();
      reasons.add(0, `first time ${c.user} is seen from ${c.ip}${c.knownCountries.length ? ` (usual countries: ${c.knownCountries.join(', ')})` : ''}`);
      if (c.newCountry) reasons.add(20, `from a new country: ${c.newCountry}`);
      if (mailboxClient.length) reasons.add(15, `mailbox or legacy client: ${mailboxClient.join(', ')}`);
      const risky = signInRows.map((r) => fold(siRisk[r])).find((x) => x === 'medium' || x === 'high');
      if (risky) reasons.add(15, `Entra ID Protection rated the sign-in risk ${risky}`);
      let failedBefore = 0;
      for (let k = c.index - 1; k >= 0 && evT[k]! >= start - DAY; k--) {
        if (evSrc[k] === 0 && evIp[k] === c.ipCode && (siError[evRow[k]!] ?? 0) !== 0) failedBefore++;
      }
      const failedHere = signInRows.filter((r) => (siError[r] ?? 0) !== 0).length;
      if (failedBefore + failedHere > 0) reasons.add(10, `${failedBefore + failedHere} failed sign-in(s) from this address`);
      let items = 0;
      for (const r of mailRows) items += weights[r]!;
      if (mailRows.length) reasons.add(0, `${mailRows.length} mail access record(s) from that address, about ${Math.round(items)} items`);
      if (items >= 100) reasons.add(5, 'a hundred items or more read from the new address');
      const userKey = identityKey(c.user);
      const foreign = mailRows.filter((r) => {
        const k = ownerKeys![ownerCodes!.codes[r]!]!;
        return k !== '' && k !== userKey;
      });
      const others = [...new Set(foreign.map((r) => acOwner[r]!))];
      const unexpected = [...new Set(foreign.filter((r) => !ctx.facts.isDelegateAt(acOwner[r]!, c.user, acT[r] as number)).map((r) => acOwner[r]!))];
      if (unexpected.length) reasons.add(15, `read other mailboxes: ${unexpected.slice(0, 5).join(', ')}`);
      else if (others.length) reasons.add(0, `read mailboxes ${c.user} is a delegate of: ${others.slice(0, 5).join(', ')}`);
      if (sessions > 1) reasons.add(0, `${sessions} separate sessions from this address`);
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
        mailbox: others.length === 1 && foreign.length === mailRows.length ? others[0]! : c.user,
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
