/** Exchange cmdlet output -> the model's mailboxes, delegations, service principals, RBAC and access policies. */
import {
  findGroup, findMailbox, findServicePrincipal, fold,
  type ApplicationAccessPolicy, type Delegation, type DelegationRight, type ExchangeServicePrincipal, type Group, type Mailbox,
  type ManagementScope, type RecipientTypeDetails, type RoleAssignment, type User,
} from '../../core/tenant';
import type { ExchangeObject } from '../exchange/exchangeClient';
import { policyGroupIdentity, type ExchangeInventory } from '../exchange/inventory';

function str(o: ExchangeObject | undefined, key: string): string {
  const v = o?.[key];
  return v === null || v === undefined ? '' : String(v);
}

function opt(o: ExchangeObject | undefined, key: string): string | undefined {
  return str(o, key) || undefined;
}

function list(o: ExchangeObject | undefined, key: string): string[] {
  const v = o?.[key];
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (typeof v === 'string' && v) return v.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

function iso(o: ExchangeObject | undefined, key: string): string | undefined {
  const t = Date.parse(str(o, key));
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

const recipientTypes = new Set<RecipientTypeDetails>(['UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox', 'DiscoveryMailbox']);

export function mapMailboxes(inv: ExchangeInventory): Mailbox[] {
  const recipientByGuid = new Map(inv.recipients.map((r) => [fold(str(r, 'Guid')), r]));
  const bypass = new Set(inv.auditBypass.filter((b) => b.AuditBypassEnabled === true).map((b) => fold(str(b, 'Identity'))).filter(Boolean));
  const out: Mailbox[] = [];
  for (const m of inv.mailboxes) {
    const type = str(m, 'RecipientTypeDetails') as RecipientTypeDetails;
    if (!recipientTypes.has(type)) continue;
    const r = recipientByGuid.get(fold(str(m, 'Guid')));
    const customAttributes: Record<string, string> = {};
    for (let i = 1; i <= 15; i++) {
      const v = str(m, `CustomAttribute${i}`) || str(r, `CustomAttribute${i}`);
      if (v) customAttributes[String(i)] = v;
    }
    const guid = str(m, 'Guid');
    const exchangeGuid = str(m, 'ExchangeGuid');
    const names = [str(m, 'Identity'), str(m, 'Name'), str(m, 'UserPrincipalName'), str(m, 'PrimarySmtpAddress'), guid].map(fold);
    out.push({
      guid,
      ...(exchangeGuid && fold(exchangeGuid) !== fold(guid) ? { exchangeGuid } : {}),
      userPrincipalName: str(m, 'UserPrincipalName') || str(m, 'PrimarySmtpAddress'),
      primarySmtpAddress: str(m, 'PrimarySmtpAddress'),
      alias: str(m, 'Alias'),
      name: str(m, 'Name'),
      displayName: str(m, 'DisplayName'),
      recipientTypeDetails: type,
      department: opt(r, 'Department') ?? opt(m, 'Department'),
      company: opt(r, 'Company') ?? opt(m, 'Company'),
      city: opt(r, 'City') ?? opt(m, 'City'),
      customAttributes,
      userId: opt(m, 'ExternalDirectoryObjectId'),
      audit: {
        auditEnabled: m.AuditEnabled !== false,
        auditBypassEnabled: names.some((n) => n && bypass.has(n)),
        auditOwner: list(m, 'AuditOwner'),
        auditDelegate: list(m, 'AuditDelegate'),
        auditAdmin: list(m, 'AuditAdmin'),
      },
      grantSendOnBehalfTo: list(m, 'GrantSendOnBehalfTo'),
    });
  }
  return out;
}

export function mapServicePrincipals(inv: ExchangeInventory): ExchangeServicePrincipal[] {
  return inv.servicePrincipals.map((sp) => ({
    identity: str(sp, 'Identity') || str(sp, 'Name') || str(sp, 'ObjectId'),
    appId: str(sp, 'AppId'),
    objectId: str(sp, 'ObjectId') || str(sp, 'ServiceId'),
    displayName: str(sp, 'DisplayName'),
    createdDateTime: iso(sp, 'WhenCreatedUTC'),
  }));
}

export function mapScopes(inv: ExchangeInventory): ManagementScope[] {
  return inv.managementScopes
    .filter((s) => !str(s, 'ScopeRestrictionType') || str(s, 'ScopeRestrictionType') === 'RecipientScope')
    .map((s) => ({
      name: str(s, 'Name'),
      recipientRestrictionFilter: str(s, 'RecipientFilter') || str(s, 'RecipientRestrictionFilter'),
      ...(s.Exclusive === true ? { exclusive: true } : {}),
      createdDateTime: iso(s, 'WhenCreatedUTC'),
    }));
}

export function mapRoleAssignments(inv: ExchangeInventory, sps: readonly ExchangeServicePrincipal[]): RoleAssignment[] {
  const seen = new Set<string>();
  const out: RoleAssignment[] = [];
  for (const ra of inv.roleAssignments) {
    const name = str(ra, 'Name') || str(ra, 'Identity');
    if (seen.has(fold(name))) continue;
    seen.add(fold(name));
    const type = str(ra, 'RoleAssigneeType');
    const assigneeName = str(ra, 'RoleAssigneeName') || str(ra, 'RoleAssignee');
    // An app's assignment names its Exchange service principal; the model records the app id.
    const sp = type === 'ServicePrincipal' ? findServicePrincipal({ exchangeServicePrincipals: [...sps] }, assigneeName) : undefined;
    out.push({
      name,
      role: str(ra, 'Role'),
      roleAssignee: sp?.appId || assigneeName,
      roleAssigneeType: type === 'ServicePrincipal' ? 'ServicePrincipal' : type === 'User' ? 'User' : 'RoleGroup',
      ...(str(ra, 'CustomResourceScope') ? { customResourceScope: str(ra, 'CustomResourceScope') } : {}),
      enabled: ra.Enabled !== false,
      createdDateTime: iso(ra, 'WhenCreatedUTC'),
    });
  }
  return out;
}

export function mapAccessPolicies(inv: ExchangeInventory, groups: readonly Group[]): ApplicationAccessPolicy[] {
  return inv.accessPolicies.map((p) => {
    const gid = policyGroupIdentity(p) ?? '';
    const g = findGroup({ groups: [...groups] }, gid) ?? findGroup({ groups: [...groups] }, str(p, 'ScopeName'));
    return {
      identity: str(p, 'Identity'),
      appId: str(p, 'AppId'),
      accessRight: str(p, 'AccessRight') === 'DenyAccess' ? 'DenyAccess' : 'RestrictAccess',
      policyScopeGroupId: g?.mail || g?.displayName || str(p, 'ScopeName') || gid,
      description: opt(p, 'Description'),
    };
  });
}

/** Resolves how Exchange names a trustee (UPN, display name, mailbox name, service principal) to the model's key. */
export class TrusteeResolver {
  private readonly byDisplayName = new Map<string, string>();
  /** Exact keys of mailboxes (UPN, address, alias, name, GUID): most trustees hit here, without a scan. */
  private readonly byMailboxKey = new Map<string, string>();

  constructor(private readonly mailboxes: readonly Mailbox[], private readonly users: readonly User[], private readonly sps: readonly ExchangeServicePrincipal[], private readonly groups: readonly Group[]) {
    for (const u of users) if (u.displayName) this.byDisplayName.set(fold(u.displayName), u.userPrincipalName);
    for (const m of mailboxes) if (m.displayName) this.byDisplayName.set(fold(m.displayName), m.userPrincipalName);
    for (const m of mailboxes) {
      for (const k of [m.name, m.alias, m.guid, m.primarySmtpAddress, m.userPrincipalName]) if (k) this.byMailboxKey.set(fold(k), m.userPrincipalName);
    }
  }

  resolve(text: string): string {
    const t = text.trim();
    const sp = findServicePrincipal({ exchangeServicePrincipals: [...this.sps] }, t);
    if (sp) return sp.identity;
    const exact = this.byMailboxKey.get(fold(t));
    if (exact) return exact;
    const m = findMailbox({ mailboxes: [...this.mailboxes] }, t);
    if (m) return m.userPrincipalName;
    const u = this.users.find((x) => fold(x.userPrincipalName) === fold(t) || fold(x.id) === fold(t));
    if (u) return u.userPrincipalName;
    const byName = this.byDisplayName.get(fold(t));
    if (byName) return byName;
    const g = findGroup({ groups: [...this.groups] }, t);
    if (g) return g.mail || g.displayName;
    return t;
  }
}

const mailboxRights = new Set<DelegationRight>(['FullAccess', 'ReadPermission', 'ChangePermission', 'ChangeOwner']);
const unreadableFolderRights = new Set(['none', 'availabilityonly', 'limiteddetails']);

function isSelf(user: string): boolean {
  const u = fold(user);
  return u === 'nt authority\\self' || u.startsWith('s-1-5-');
}

/** FullAccess and the other mailbox rights, SendAs, SendOnBehalf and folder rights, explicit entries only. */
export function mapDelegations(inv: ExchangeInventory, mailboxes: Mailbox[], resolver: TrusteeResolver): Delegation[] {
  const out: Delegation[] = [];
  const byGuid = new Map(mailboxes.map((m) => [fold(m.guid), m]));
  for (const [guid, entries] of inv.mailboxPermissions) {
    const m = byGuid.get(fold(guid));
    if (!m) continue;
    for (const e of entries) {
      const user = str(e, 'User');
      if (!user || isSelf(user) || e.IsInherited === true || e.Deny === true) continue;
      for (const right of list(e, 'AccessRights')) {
        if (mailboxRights.has(right as DelegationRight)) out.push({ mailbox: m.userPrincipalName, trustee: resolver.resolve(user), right: right as DelegationRight });
      }
    }
  }
  for (const [guid, entries] of inv.folderPermissions) {
    const m = byGuid.get(fold(guid));
    if (!m) continue;
    for (const e of entries) {
      const user = str(e, 'User');
      const rights = list(e, 'AccessRights');
      if (!user || rights.every((r) => unreadableFolderRights.has(fold(r)))) continue;
      const folder = str(e, 'FolderName') || str(e, 'Identity').split(':\\').pop() || '';
      const trustee = fold(user) === 'default' || fold(user) === 'anonymous' ? user : resolver.resolve(user);
      out.push({ mailbox: m.userPrincipalName, trustee, right: 'FolderPermission', folder, folderAccessRights: rights });
    }
  }
  for (const e of inv.recipientPermissions) {
    const trustee = str(e, 'Trustee');
    if (!trustee || isSelf(trustee) || e.IsInherited === true || str(e, 'AccessControlType') === 'Deny') continue;
    if (!list(e, 'AccessRights').includes('SendAs')) continue;
    const m = findMailbox({ mailboxes }, str(e, 'Identity'));
    if (m) out.push({ mailbox: m.userPrincipalName, trustee: resolver.resolve(trustee), right: 'SendAs' });
  }
  for (const m of mailboxes) {
    m.grantSendOnBehalfTo = m.grantSendOnBehalfTo.map((t) => resolver.resolve(t));
    for (const t of m.grantSendOnBehalfTo) out.push({ mailbox: m.userPrincipalName, trustee: t, right: 'SendOnBehalf' });
  }
  return out;
}

/** Members of the groups application access policies use, from Get-DistributionGroupMember (recipients, so shared mailboxes too). */
export function applyPolicyGroupMembers(inv: ExchangeInventory, groups: Group[], resolver: TrusteeResolver): void {
  for (const [identity, members] of inv.policyGroupMembers) {
    const g = findGroup({ groups }, identity);
    const upns = members.map((m) => resolver.resolve(str(m, 'PrimarySmtpAddress') || str(m, 'ExternalDirectoryObjectId') || str(m, 'Name')));
    if (!g) continue;
    const seen = new Set(g.members.map(fold));
    for (const u of upns) if (!seen.has(fold(u))) { seen.add(fold(u)); g.members.push(u); }
  }
}
