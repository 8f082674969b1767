/**
 * What rules know about identities beyond one record: from the optional tenant
 * model (created dates, guests, contractors, VIPs, departments, apps, standing
 * delegations) and from the data itself (accounts created in the window, the
 * tenant's mail domains).
 */
import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';
import type { TenantModel, User } from '../tenant/model';
import { numbers, param, rowsWithOperation, strings, timeAt, values } from './columns';
import { findCreations, type Creation } from './creations';
import { domainOf, fold, identityKey, isGuestAccount } from './identities';
import { microsoftMailClients, type FindingsSettings } from './settings';

const HALF_HOUR = 30 * 60 * 1000;

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type LoadedTables = Partial<Readonly<Record<TableName, ColumnTable>>>;

export interface AccountFacts {
  readonly createdMs: number | null;
  /** How many accounts were created within an hour of this one (itself included); 0 when unknown. */
  readonly createdWith: number;
  readonly guest: boolean;
  readonly contractor: boolean;
  readonly vip: boolean;
  readonly department: string;
}

export class Facts {
  private readonly users = new Map<string, User>();
  private readonly createdInData = new Map<string, number>();
  private readonly creations = new Map<string, Creation[]>();
  private readonly vips: Set<string>;
  private readonly sensitiveDepartments: Set<string>;
  private readonly knownApps: Set<string>;
  private readonly appNames = new Map<string, string>();
  private readonly mailboxDepartments = new Map<string, string>();
  private readonly standing = new Set<string>();
  private readonly granted = new Map<string, number>();
  private readonly exchangeSps = new Set<string>();
  /** App key (app id, object ids, name) -> permissions and Exchange application roles it holds, per the tenant model. */
  private readonly appPermissions = new Map<string, Set<string>>();
  readonly tenantDomains: ReadonlySet<string>;
  /** Every known account creation time, sorted (for telling provisioning batches from single new accounts). */
  private creationTimes: Float64Array = new Float64Array(0);

  constructor(tables: LoadedTables, readonly settings: FindingsSettings, readonly tenant?: TenantModel) {
    this.vips = new Set(settings.vipMailboxes.map(identityKey));
    this.sensitiveDepartments = new Set(settings.sensitiveDepartments.map(fold));
    this.knownApps = new Set([...settings.knownApps, ...Object.keys(microsoftMailClients)].map(fold));
    for (const [id, name] of Object.entries(microsoftMailClients)) this.appNames.set(id, name);
    const domains = new Set(settings.tenantDomains.map(fold));
    if (tenant) this.learnTenant(tenant, domains);
    this.learnCreatedAccounts(tables);
    this.learnExchangeServicePrincipals(tables);
    this.learnGrantedDelegates(tables);
    if (domains.size === 0) for (const d of observedDomains(tables)) domains.add(d);
    this.tenantDomains = domains;
    this.indexCreationTimes();
  }

  private learnTenant(t: TenantModel, domains: Set<string>): void {
    if (t.domain) domains.add(fold(t.domain));
    for (const u of t.users) {
      for (const k of [u.userPrincipalName, u.id]) if (k) this.users.set(identityKey(k), u);
      if (u.isVip) this.vips.add(identityKey(u.userPrincipalName));
      if (u.userType === 'Member' && !isGuestAccount(u.userPrincipalName)) {
        const d = domainOf(u.userPrincipalName);
        if (d) domains.add(d);
      }
    }
    for (const m of t.mailboxes) {
      const owner = m.userId ? t.users.find((u) => u.id === m.userId) : undefined;
      const dept = m.department ?? owner?.department ?? '';
      for (const k of [m.userPrincipalName, m.primarySmtpAddress, m.alias, m.guid]) {
        if (!k) continue;
        if (dept) this.mailboxDepartments.set(identityKey(k), dept);
        if (owner?.isVip) this.vips.add(identityKey(k));
      }
    }
    for (const a of t.apps) {
      if (a.isMicrosoft) this.knownApps.add(fold(a.appId));
      if (a.displayName) this.appNames.set(fold(a.appId), a.displayName);
      const perms = new Set(a.permissions.map((p) => p.value));
      for (const ra of t.roleAssignments) if (ra.roleAssigneeType === 'ServicePrincipal' && fold(ra.roleAssignee) === fold(a.appId)) perms.add(ra.role);
      for (const k of [a.appId, a.servicePrincipalId, a.applicationObjectId, a.displayName]) if (k) this.appPermissions.set(fold(k), perms);
    }
    for (const sp of t.exchangeServicePrincipals) for (const k of [sp.identity, sp.appId, sp.objectId, sp.displayName]) if (k) this.exchangeSps.add(identityKey(k));
    const asOf = Date.parse(t.asOf);
    for (const d of t.delegations) {
      const granted = d.grantedDateTime ? Date.parse(d.grantedDateTime) : NaN;
      // A delegation the model knows without a grant time, or granted before the model's as-of time, is standing.
      if (!Number.isFinite(granted) || !Number.isFinite(asOf) || granted <= asOf) this.standing.add(`${identityKey(d.mailbox)}|${identityKey(d.trustee)}`);
    }
  }

  /** "Add user" / "Add application" records: accounts and apps created within the data's window. */
  private learnCreatedAccounts(tables: LoadedTables): void {
    for (const c of findCreations(tables)) {
      for (const k of c.keys) {
        let list = this.creations.get(k);
        if (!list) this.creations.set(k, (list = []));
        list.push(c);
        if (c.kind !== 'account' || c.time === null) continue;
        const prev = this.createdInData.get(k);
        if (prev === undefined || c.time < prev) this.createdInData.set(k, c.time);
      }
    }
  }

  /**
   * Creation records of the account or app named by any of `keys`, made within `withinMs`
   * before `time` (for a grant to something brand new: the records show how new).
   */
  creationsBefore(keys: readonly string[], time: number | null, withinMs: number, kind: 'account' | 'app'): Creation[] {
    if (time === null) return [];
    const out = new Map<string, Creation>();
    for (const k of keys) {
      for (const c of this.creations.get(identityKey(k)) ?? []) {
        if (c.kind === kind && c.time !== null && c.time <= time && time - c.time <= withinMs) out.set(`${c.table}|${c.row}`, c);
      }
    }
    return [...out.values()];
  }

  /** New-ServicePrincipal records: Exchange pointers to Entra apps (IMAP/POP app access goes through them). */
  private learnExchangeServicePrincipals(tables: LoadedTables): void {
    const al = tables.AuditLogs;
    if (!al) return;
    const params = values(al, 'Parameters');
    for (const r of rowsWithOperation(al, ['New-ServicePrincipal'])) {
      for (const name of ['AppId', 'ObjectId', 'ServiceId', 'DisplayName', 'Identity']) {
        const v = param(params[r], name);
        if (v) this.exchangeSps.add(identityKey(v));
      }
    }
  }

  private indexCreationTimes(): void {
    const times = new Map<string, number>();
    for (const [k, u] of this.users) {
      const t = Date.parse(u.createdDateTime);
      if (Number.isFinite(t)) times.set(identityKey(u.userPrincipalName || k), t);
    }
    for (const [k, t] of this.createdInData) if (!times.has(k)) times.set(k, t);
    this.creationTimes = Float64Array.from(times.values()).sort();
  }

  private createdAround(t: number): number {
    const lo = lowerBound(this.creationTimes, t - HALF_HOUR);
    const hi = lowerBound(this.creationTimes, t + HALF_HOUR + 1);
    return hi - lo;
  }

  /** Mailbox grants recorded in the data (FullAccess and folder rights): when each trustee got each mailbox. */
  private learnGrantedDelegates(tables: LoadedTables): void {
    const al = tables.AuditLogs;
    if (!al) return;
    const targets = strings(al, 'TargetMailbox');
    const grantees = strings(al, 'Grantee');
    const status = strings(al, 'ResultStatus');
    const times = numbers(al, 'Time');
    for (const r of rowsWithOperation(al, ['Add-MailboxPermission', 'Add-MailboxFolderPermission', 'Set-MailboxFolderPermission', 'AddFolderPermissions', 'ModifyFolderPermissions'])) {
      const t = timeAt(times, r);
      if (t === null || /^(failed|false)$/i.test(status[r] ?? '')) continue;
      for (const g of (grantees[r] ?? '').split(',')) {
        if (!g.trim()) continue;
        const key = `${identityKey(targets[r] ?? '')}|${identityKey(g)}`;
        const prev = this.granted.get(key);
        if (prev === undefined || t < prev) this.granted.set(key, t);
      }
    }
  }

  /** The trustee may read the mailbox at `time`: a standing delegate, or granted earlier in the data. */
  isDelegateAt(mailbox: string, trustee: string, time: number): boolean {
    if (this.isStandingDelegate(mailbox, trustee)) return true;
    const since = this.granted.get(`${identityKey(mailbox)}|${identityKey(trustee)}`);
    return since !== undefined && since <= time;
  }

  account(identity: string): AccountFacts {
    const k = identityKey(identity);
    const u = this.users.get(k);
    const tenantCreated = u?.createdDateTime ? Date.parse(u.createdDateTime) : NaN;
    const created = Number.isFinite(tenantCreated) ? tenantCreated : this.createdInData.get(k) ?? null;
    return {
      createdMs: created,
      createdWith: created === null ? 0 : this.createdAround(created),
      guest: u?.userType === 'Guest' || isGuestAccount(identity),
      contractor: u?.isContractor === true,
      vip: u?.isVip === true || this.vips.has(k),
      department: u?.department ?? '',
    };
  }

  /** True / false when the domain tells; null when the identity is not an address or the tenant's domains are unknown. */
  isExternal(identity: string): boolean | null {
    if (isGuestAccount(identity)) return true;
    const d = domainOf(identity);
    if (!d || this.tenantDomains.size === 0) return null;
    for (const own of this.tenantDomains) if (d === own || d.endsWith(`.${own}`)) return false;
    return true;
  }

  /** Why a mailbox is sensitive ('' when it is not): VIP, or a sensitive department. */
  mailboxSensitivity(mailbox: string): string {
    const k = identityKey(mailbox);
    if (this.vips.has(k)) return 'a VIP mailbox';
    const dept = this.mailboxDepartments.get(k) ?? this.users.get(k)?.department ?? '';
    if (dept && this.sensitiveDepartments.has(fold(dept))) return `a ${dept} mailbox`;
    return '';
  }

  isKnownApp(appIdOrName: string): boolean {
    return appIdOrName !== '' && (this.knownApps.has(fold(appIdOrName)) || this.knownApps.has(fold(this.appName(appIdOrName))));
  }

  appName(appId: string): string {
    return this.appNames.get(fold(appId)) ?? '';
  }

  /** Permissions (and Exchange application roles) the tenant model says an app holds, by any of its keys. */
  permissionsOfApp(keys: readonly string[]): string[] {
    for (const k of keys) {
      const p = this.appPermissions.get(fold(k));
      if (p) return [...p];
    }
    return [];
  }

  isExchangeServicePrincipal(identity: string): boolean {
    return this.exchangeSps.has(identityKey(identity));
  }

  /** The tenant model holds this delegation from before the data's grants (an expected, standing delegate). */
  isStandingDelegate(mailbox: string, trustee: string): boolean {
    return this.standing.has(`${identityKey(mailbox)}|${identityKey(trustee)}`);
  }
}

/**
 * The tenant's domains as the data shows them: domains of accessed mailboxes and of the
 * accounts acting and signing in (guests carry the tenant's domain after #EXT#).
 */
function observedDomains(tables: LoadedTables): Set<string> {
  const out = new Set<string>();
  const scan = (t: ColumnTable | undefined, column: string) => {
    if (!t) return;
    const col = values(t, column);
    const seen = new Set<unknown>();
    let last: unknown;
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v === last || seen.has(v)) continue;
      last = v;
      seen.add(v);
      if (typeof v === 'string') {
        const d = domainOf(v);
        if (d) out.add(d);
      }
    }
  };
  scan(tables.AuditLogs, 'MailboxOwnerUPN');
  scan(tables.AuditLogs, 'UserId');
  scan(tables.SignIns, 'UserPrincipalName');
  scan(tables.DirectoryAudits, 'InitiatedByUser');
  return out;
}
