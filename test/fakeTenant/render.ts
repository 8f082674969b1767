/**
 * A TenantModel rendered as Microsoft's services show it: Graph objects
 * (servicePrincipals with appRoles, applications, appRoleAssignments,
 * oauth2PermissionGrants, users, groups) and Exchange cmdlet output
 * (PowerShell property names, multi-valued properties as arrays).
 */
import { createHash } from 'node:crypto';
import {
  exchangeOnlineAppId, findMailbox, findServicePrincipal, fold, graphAppId, mailPermissions, resourceNames,
  type App, type Mailbox, type TenantModel,
} from '../../src/core/tenant';

export type Obj = Record<string, unknown>;

/** A stable GUID from text (for objects the model has no id for). */
export function guidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

export interface GraphData {
  organization: Obj[];
  servicePrincipals: Obj[];
  applications: Obj[];
  applicationOwners: Map<string, Obj[]>;
  appRoleAssignments: Map<string, Obj[]>;
  oauth2PermissionGrants: Obj[];
  users: Obj[];
  groups: Obj[];
  groupMembers: Map<string, Obj[]>;
}

function userObject(model: TenantModel, identity: string): Obj {
  const u = model.users.find((x) => fold(x.userPrincipalName) === fold(identity) || fold(x.id) === fold(identity));
  if (u) return { '@odata.type': '#microsoft.graph.user', id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, mail: u.userPrincipalName };
  const m = findMailbox(model, identity);
  // Shared and resource mailboxes have (disabled) Entra user accounts too.
  if (m) return { '@odata.type': '#microsoft.graph.user', id: m.userId ?? guidOf(`user:${m.userPrincipalName}`), userPrincipalName: m.userPrincipalName, displayName: m.displayName, mail: m.primarySmtpAddress };
  return { '@odata.type': '#microsoft.graph.user', id: guidOf(`user:${identity}`), userPrincipalName: identity, displayName: identity, mail: null };
}

function resourceRoles(model: TenantModel, resourceAppId: string, kind: 'application' | 'delegated'): Array<{ id: string; value: string }> {
  const values = new Map<string, string>();
  for (const p of mailPermissions) if (p.resourceAppId === resourceAppId && p.kind === kind) values.set(p.value, p.id ?? guidOf(`${resourceAppId}:${kind}:${p.value}`));
  for (const a of model.apps) for (const p of a.permissions) {
    if (fold(p.resourceAppId) === fold(resourceAppId) && p.kind === kind && !values.has(p.value)) values.set(p.value, guidOf(`${resourceAppId}:${kind}:${p.value}`));
  }
  return [...values].map(([value, id]) => ({ id, value }));
}

export function renderGraph(model: TenantModel): GraphData {
  const apps: App[] = [...model.apps];
  // Every resource an app holds permissions on has a service principal in the tenant.
  for (const a of model.apps) for (const p of a.permissions) {
    if (!apps.some((x) => fold(x.appId) === fold(p.resourceAppId))) {
      apps.push({ appId: p.resourceAppId, servicePrincipalId: guidOf(`sp:${p.resourceAppId}`), displayName: p.resourceName || resourceNames[p.resourceAppId] || p.resourceAppId, isMicrosoft: true, owners: [], credentials: [], permissions: [] });
    }
  }
  const spOfApp = new Map(apps.map((a) => [fold(a.appId), a]));
  const keyCredential = (c: App['credentials'][number]) => ({
    customKeyIdentifier: createHash('sha1').update(c.keyId).digest('hex').toUpperCase(), displayName: c.displayName ?? null, endDateTime: c.endDateTime ?? null,
    key: null, keyId: c.keyId, startDateTime: c.startDateTime, type: 'AsymmetricX509Cert', usage: 'Verify',
  });
  const passwordCredential = (c: App['credentials'][number]) => ({
    customKeyIdentifier: null, displayName: c.displayName ?? null, endDateTime: c.endDateTime ?? null, hint: 'Xy7', keyId: c.keyId, secretText: null, startDateTime: c.startDateTime,
  });
  const creds = (a: App) => ({
    keyCredentials: a.credentials.filter((c) => c.type === 'certificate').map(keyCredential),
    passwordCredentials: a.credentials.filter((c) => c.type === 'password').map(passwordCredential),
  });
  const servicePrincipals = apps.map((a) => {
    const isResource = a.appId === graphAppId || a.appId === exchangeOnlineAppId;
    return {
      id: a.servicePrincipalId, appId: a.appId, displayName: a.displayName, accountEnabled: true,
      appOwnerOrganizationId: a.isMicrosoft ? MICROSOFT_TENANT : a.applicationObjectId ? model.tenantId : guidOf(`publisher:${a.publisher ?? a.appId}`),
      publisherName: a.publisher ?? null, servicePrincipalType: 'Application', servicePrincipalNames: [a.appId],
      appRoles: isResource ? resourceRoles(model, a.appId, 'application').map((r) => ({ allowedMemberTypes: ['Application'], description: r.value, displayName: r.value, id: r.id, isEnabled: true, origin: 'Application', value: r.value })) : [],
      oauth2PermissionScopes: isResource ? resourceRoles(model, a.appId, 'delegated').map((r) => ({ adminConsentDescription: r.value, adminConsentDisplayName: r.value, id: r.id, isEnabled: true, type: 'User', value: r.value })) : [],
      ...(a.applicationObjectId ? { keyCredentials: [], passwordCredentials: [] } : creds(a)),
    };
  });
  const applications = apps.filter((a) => a.applicationObjectId).map((a) => ({
    id: a.applicationObjectId, appId: a.appId, displayName: a.displayName, createdDateTime: a.createdDateTime ?? null, publisherDomain: model.domain, signInAudience: 'AzureADMyOrg', ...creds(a),
  }));
  const applicationOwners = new Map(apps.filter((a) => a.applicationObjectId).map((a) => [a.applicationObjectId!, a.owners.map((o) => userObject(model, o))]));
  const appRoleAssignments = new Map<string, Obj[]>();
  const grants = new Map<string, Obj>();
  for (const a of apps) {
    const list: Obj[] = [];
    for (const p of a.permissions) {
      const resource = spOfApp.get(fold(p.resourceAppId))!;
      if (p.kind === 'application') {
        const role = resourceRoles(model, p.resourceAppId, 'application').find((r) => r.value === p.value)!;
        list.push({
          id: guidOf(`ara:${a.appId}:${p.resourceAppId}:${p.value}`).replace(/-/g, '').slice(0, 22), appRoleId: role.id, createdDateTime: p.grantedDateTime ?? null, deletedDateTime: null,
          principalDisplayName: a.displayName, principalId: a.servicePrincipalId, principalType: 'ServicePrincipal', resourceDisplayName: resource.displayName, resourceId: resource.servicePrincipalId,
        });
      } else {
        const key = `${a.servicePrincipalId}|${resource.servicePrincipalId}|${p.consentType ?? 'AllPrincipals'}|${p.principalId ?? ''}`;
        const g = grants.get(key) ?? {
          id: guidOf(`grant:${key}`).replace(/-/g, '').slice(0, 22), clientId: a.servicePrincipalId, consentType: p.consentType ?? 'AllPrincipals',
          principalId: p.consentType === 'Principal' ? p.principalId ?? null : null, resourceId: resource.servicePrincipalId, scope: '',
        };
        g.scope = `${g.scope} ${p.value}`.trim();
        grants.set(key, g);
      }
    }
    appRoleAssignments.set(a.servicePrincipalId, list);
  }
  const users = model.users.map((u) => ({
    id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, department: u.department ?? null, jobTitle: u.jobTitle ?? null,
    companyName: u.company ?? null, city: u.city ?? null, country: u.country ?? null, userType: u.userType, createdDateTime: u.createdDateTime,
    accountEnabled: u.accountEnabled, mail: u.userPrincipalName,
  }));
  const groups = model.groups.map((g) => ({
    id: g.id, displayName: g.displayName, mail: g.mail ?? null, mailNickname: g.alias ?? (g.mail ? g.mail.split('@')[0] : g.displayName.replace(/\W/g, '')),
    mailEnabled: !!g.mail, securityEnabled: g.mailEnabledSecurity || !g.mail, groupTypes: [],
  }));
  const groupMembers = new Map(model.groups.map((g) => [g.id, g.members.map((m) => userObject(model, m))]));
  return {
    organization: [{ id: model.tenantId, displayName: model.domain.split('.')[0], verifiedDomains: [{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: model.domain, type: 'Managed' }] }],
    servicePrincipals, applications, applicationOwners, appRoleAssignments, oauth2PermissionGrants: [...grants.values()], users, groups, groupMembers,
  };
}

/** How Exchange names a trustee in permission listings: UPN for people, the service principal's identity for apps. */
function exchangeUser(model: TenantModel, trustee: string): string {
  const sp = findServicePrincipal(model, trustee);
  if (sp) return sp.identity;
  return findMailbox(model, trustee)?.userPrincipalName ?? trustee;
}

/** Display name, as Get-MailboxFolderPermission shows its User column. */
function displayNameOf(model: TenantModel, trustee: string): string {
  const u = model.users.find((x) => fold(x.userPrincipalName) === fold(trustee) || fold(x.id) === fold(trustee));
  return u?.displayName ?? findMailbox(model, trustee)?.displayName ?? trustee;
}

function mailboxObject(model: TenantModel, m: Mailbox): Obj {
  const o: Obj = {
    Identity: m.name, Name: m.name, Alias: m.alias, DisplayName: m.displayName, UserPrincipalName: m.userPrincipalName, PrimarySmtpAddress: m.primarySmtpAddress,
    RecipientTypeDetails: m.recipientTypeDetails, Guid: m.guid, ExchangeGuid: m.exchangeGuid ?? m.guid, ExternalDirectoryObjectId: m.userId ?? '',
    AuditEnabled: m.audit.auditEnabled, AuditOwner: [...m.audit.auditOwner], AuditDelegate: [...m.audit.auditDelegate], AuditAdmin: [...m.audit.auditAdmin],
    AuditLogAgeLimit: '90.00:00:00',
    // Exchange lists GrantSendOnBehalfTo by the trustee's name.
    GrantSendOnBehalfTo: m.grantSendOnBehalfTo.map((t) => findMailbox(model, t)?.name ?? t),
    WhenCreatedUTC: '2023-01-01T00:00:00Z',
  };
  for (let i = 1; i <= 15; i++) o[`CustomAttribute${i}`] = m.customAttributes[String(i)] ?? '';
  return o;
}

/** The answer to one cmdlet, or undefined when the fake does not know it. */
export function runCmdlet(model: TenantModel, cmdlet: string, params: Obj): Obj[] | undefined {
  const p = (name: string) => Object.entries(params).find(([k]) => fold(k) === fold(name))?.[1];
  switch (cmdlet.toLowerCase()) {
    case 'get-organizationconfig':
      return [{ Name: model.domain, Identity: model.domain, AuditDisabled: model.organization.auditDisabled, IsDehydrated: false }];
    case 'get-adminauditlogconfig':
      return [{ Identity: 'Admin Audit Log Settings', UnifiedAuditLogIngestionEnabled: model.organization.unifiedAuditLogIngestionEnabled, AdminAuditLogEnabled: true }];
    case 'get-mailbox':
      return model.mailboxes.map((m) => mailboxObject(model, m));
    case 'get-recipient': {
      const types = new Set(((p('RecipientTypeDetails') as string[] | undefined) ?? []).map(fold));
      return model.mailboxes.filter((m) => types.size === 0 || types.has(fold(m.recipientTypeDetails))).map((m) => {
        const o: Obj = { Identity: m.name, Name: m.name, Alias: m.alias, Guid: m.guid, PrimarySmtpAddress: m.primarySmtpAddress, RecipientTypeDetails: m.recipientTypeDetails,
          Department: m.department ?? '', Company: m.company ?? '', City: m.city ?? '', ExternalDirectoryObjectId: m.userId ?? '' };
        for (let i = 1; i <= 15; i++) o[`CustomAttribute${i}`] = m.customAttributes[String(i)] ?? '';
        return o;
      });
    }
    case 'get-mailboxauditbypassassociation':
      return model.mailboxes.map((m) => ({ Identity: m.name, AuditBypassEnabled: m.audit.auditBypassEnabled }));
    case 'get-mailboxpermission': {
      const m = findMailbox(model, String(p('Identity') ?? ''));
      if (!m) return undefined;
      const rows: Obj[] = [{ Identity: m.name, User: 'NT AUTHORITY\\SELF', AccessRights: ['FullAccess', 'ReadPermission'], IsInherited: false, Deny: false, InheritanceType: 'All' }];
      const byTrustee = new Map<string, string[]>();
      for (const d of model.delegations) {
        if (fold(d.mailbox) !== fold(m.userPrincipalName) || !['FullAccess', 'ReadPermission', 'ChangePermission', 'ChangeOwner'].includes(d.right)) continue;
        const u = exchangeUser(model, d.trustee);
        byTrustee.set(u, [...(byTrustee.get(u) ?? []), d.right]);
      }
      for (const [User, AccessRights] of byTrustee) rows.push({ Identity: m.name, User, AccessRights, IsInherited: false, Deny: false, InheritanceType: 'All' });
      // Inherited organisation entries: always present in real output, never a delegation.
      rows.push({ Identity: m.name, User: 'NAMPR01A001\\Organization Management', AccessRights: ['FullAccess'], IsInherited: true, Deny: true, InheritanceType: 'All' });
      return rows;
    }
    case 'get-mailboxfolderpermission': {
      const id = String(p('Identity') ?? '');
      const [mb, folder = ''] = id.split(':\\');
      const m = findMailbox(model, mb ?? '');
      if (!m) return undefined;
      const rows: Obj[] = [
        { Identity: id, FolderName: folder, User: 'Default', AccessRights: [fold(folder) === 'calendar' ? 'AvailabilityOnly' : 'None'], SharingPermissionFlags: null },
        { Identity: id, FolderName: folder, User: 'Anonymous', AccessRights: ['None'], SharingPermissionFlags: null },
      ];
      for (const d of model.delegations) {
        if (d.right !== 'FolderPermission' || fold(d.mailbox) !== fold(m.userPrincipalName) || fold(d.folder) !== fold(folder)) continue;
        rows.push({ Identity: id, FolderName: folder, User: displayNameOf(model, d.trustee), AccessRights: [...(d.folderAccessRights ?? [])], SharingPermissionFlags: null });
      }
      return rows;
    }
    case 'get-recipientpermission': {
      const rows: Obj[] = model.mailboxes.map((m) => ({ Identity: m.name, Trustee: 'NT AUTHORITY\\SELF', AccessControlType: 'Allow', AccessRights: ['SendAs'], IsInherited: false, InheritanceType: 'None' }));
      for (const d of model.delegations) {
        if (d.right !== 'SendAs') continue;
        const m = findMailbox(model, d.mailbox);
        rows.push({ Identity: m?.name ?? d.mailbox, Trustee: exchangeUser(model, d.trustee), AccessControlType: 'Allow', AccessRights: ['SendAs'], IsInherited: false, InheritanceType: 'None' });
      }
      return rows;
    }
    case 'get-serviceprincipal':
      return model.exchangeServicePrincipals.map((s) => ({ Identity: s.identity, Name: s.identity, DisplayName: s.displayName, AppId: s.appId, ObjectId: s.objectId, ServiceId: s.objectId, WhenCreatedUTC: s.createdDateTime ?? null }));
    case 'get-managementroleassignment': {
      const type = p('RoleAssigneeType') as string | undefined;
      const builtIn: Obj = { Name: 'Mail Recipients-Organization Management', Identity: 'Mail Recipients-Organization Management', Role: 'Mail Recipients', RoleAssignee: 'Organization Management',
        RoleAssigneeName: 'Organization Management', RoleAssigneeType: 'RoleGroup', CustomResourceScope: null, RecipientWriteScope: 'Organization', Enabled: true, RoleAssignmentDelegationType: 'Regular' };
      const rows: Obj[] = [builtIn, ...model.roleAssignments.map((ra) => {
        const sp = ra.roleAssigneeType === 'ServicePrincipal' ? findServicePrincipal(model, ra.roleAssignee) : undefined;
        return {
          Name: ra.name, Identity: ra.name, Role: ra.role, RoleAssignee: sp?.identity ?? ra.roleAssignee, RoleAssigneeName: sp?.identity ?? ra.roleAssignee, RoleAssigneeType: ra.roleAssigneeType,
          CustomResourceScope: ra.customResourceScope ?? null, RecipientWriteScope: ra.customResourceScope ? 'CustomRecipientScope' : 'Organization',
          Enabled: ra.enabled, RoleAssignmentDelegationType: 'Regular', WhenCreatedUTC: ra.createdDateTime ?? null,
        };
      })];
      return type ? rows.filter((r) => fold(String(r.RoleAssigneeType)) === fold(type)) : rows;
    }
    case 'get-managementscope':
      return model.managementScopes.map((s) => ({ Name: s.name, Identity: s.name, RecipientFilter: s.recipientRestrictionFilter, RecipientRoot: null, ScopeRestrictionType: 'RecipientScope', Exclusive: s.exclusive === true, WhenCreatedUTC: s.createdDateTime ?? null }));
    case 'get-applicationaccesspolicy':
      return model.accessPolicies.map((ap) => {
        const g = model.groups.find((x) => fold(x.mail) === fold(ap.policyScopeGroupId) || fold(x.id) === fold(ap.policyScopeGroupId) || fold(x.displayName) === fold(ap.policyScopeGroupId));
        return {
          Identity: ap.identity, AppId: ap.appId, ScopeName: g?.displayName ?? ap.policyScopeGroupId, ScopeIdentity: g?.displayName ?? ap.policyScopeGroupId,
          ScopeIdentityRaw: `S-1-5-21-2104976283-1103347410-3101357316-${parseInt(guidOf(ap.identity).slice(0, 6), 16)};${g?.id ?? guidOf(ap.policyScopeGroupId)}`,
          Description: ap.description ?? '', AccessRight: ap.accessRight, ShardType: 'All', IsValid: true,
        };
      });
    case 'get-distributiongroupmember': {
      const id = String(p('Identity') ?? '');
      const g = model.groups.find((x) => [x.id, x.mail, x.displayName, x.alias].some((k) => fold(k) === fold(id)));
      if (!g) return undefined;
      return g.members.map((member) => {
        const m = findMailbox(model, member);
        return m ? { Name: m.name, DisplayName: m.displayName, PrimarySmtpAddress: m.primarySmtpAddress, RecipientTypeDetails: m.recipientTypeDetails, ExternalDirectoryObjectId: m.userId ?? '' }
          : { Name: member, DisplayName: member, PrimarySmtpAddress: member, RecipientTypeDetails: 'MailUser', ExternalDirectoryObjectId: '' };
      });
    }
    default:
      return undefined;
  }
}
