import { exchangeOnlineAppId, graphAppId } from '../../../src/core/tenant/catalogue/resources';
import type { App, EntraPermission, Mailbox, TenantModel } from '../../../src/core/tenant/model';

const fullAudit = {
  auditEnabled: true, auditBypassEnabled: false,
  auditOwner: ['Update', 'HardDelete'],
  auditDelegate: ['Update', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'FolderBind', 'SendAs', 'SendOnBehalf', 'Create'],
  auditAdmin: ['Update', 'Copy', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'FolderBind', 'SendAs', 'SendOnBehalf', 'Create', 'MailItemsAccessed'],
};

export function mailbox(upn: string, extra: Partial<Mailbox> = {}): Mailbox {
  const local = upn.split('@')[0];
  return {
    guid: extra.guid ?? `00000000-0000-0000-0000-${local.padStart(12, '0').slice(-12).replace(/[^0-9a-f]/g, 'a')}`,
    userPrincipalName: upn, primarySmtpAddress: upn, alias: local, name: local, displayName: local[0].toUpperCase() + local.slice(1),
    recipientTypeDetails: 'UserMailbox', customAttributes: {}, audit: structuredClone(fullAudit), grantSendOnBehalfTo: [], ...extra,
  };
}

export function graphApp(value: string): EntraPermission {
  return { resourceAppId: graphAppId, resourceName: 'Microsoft Graph', value, kind: 'application' };
}
export function exoApp(value: string): EntraPermission {
  return { resourceAppId: exchangeOnlineAppId, resourceName: 'Office 365 Exchange Online', value, kind: 'application' };
}
export function graphDelegated(value: string, consentType: 'AllPrincipals' | 'Principal' = 'AllPrincipals', principalId?: string): EntraPermission {
  return { resourceAppId: graphAppId, resourceName: 'Microsoft Graph', value, kind: 'delegated', consentType, ...(principalId ? { principalId } : {}) };
}

export function app(appId: string, displayName: string, permissions: EntraPermission[] = [], extra: Partial<App> = {}): App {
  return { appId, servicePrincipalId: `sp-${appId}`, displayName, owners: [], credentials: [], permissions, ...extra };
}

export const ids = {
  graphReader: '11111111-0000-0000-0000-000000000001',
  restricted: '11111111-0000-0000-0000-000000000002',
  denied: '11111111-0000-0000-0000-000000000003',
  rbacScoped: '11111111-0000-0000-0000-000000000004',
  both: '11111111-0000-0000-0000-000000000005',
  disabled: '11111111-0000-0000-0000-000000000006',
  imap: '11111111-0000-0000-0000-000000000007',
  nothing: '11111111-0000-0000-0000-000000000008',
  delegated: '11111111-0000-0000-0000-000000000009',
  rbacDespitePolicy: '11111111-0000-0000-0000-000000000010',
  manage: '11111111-0000-0000-0000-000000000011',
};

/** A small tenant with one case per effective-access rule. */
export function sampleTenant(): TenantModel {
  return {
    schemaVersion: 1, tenantId: 'tenant-1', domain: 'contoso.onmicrosoft.com', asOf: '2024-06-01T00:00:00.000Z', source: 'synthetic',
    organization: { auditDisabled: false, unifiedAuditLogIngestionEnabled: true },
    users: [
      { id: 'u-alice', userPrincipalName: 'alice@contoso.com', displayName: 'Alice', department: 'Sales', userType: 'Member', createdDateTime: '2020-01-01T00:00:00Z', accountEnabled: true },
      { id: 'u-bob', userPrincipalName: 'bob@contoso.com', displayName: 'Bob', department: 'Finance', userType: 'Member', createdDateTime: '2020-01-01T00:00:00Z', accountEnabled: true },
      { id: 'u-ceo', userPrincipalName: 'ceo@contoso.com', displayName: 'Chief', department: 'Executive', userType: 'Member', createdDateTime: '2020-01-01T00:00:00Z', accountEnabled: true },
      { id: 'u-eve', userPrincipalName: 'eve@contoso.com', displayName: 'Eve', userType: 'Member', createdDateTime: '2020-01-01T00:00:00Z', accountEnabled: true },
    ],
    groups: [
      { id: 'g-aap-sales', displayName: 'AAP Sales', mail: 'aap-sales@contoso.com', mailEnabledSecurity: true, members: ['alice@contoso.com'],
        distinguishedName: 'CN=AAP Sales,OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,DC=NAMPR10A011,DC=PROD,DC=OUTLOOK,DC=COM' },
      { id: 'g-deny-exec', displayName: 'Deny Exec', mail: 'deny-exec@contoso.com', mailEnabledSecurity: true, members: ['ceo@contoso.com'] },
      { id: 'g-deny-alice', displayName: 'Deny Alice', mail: 'deny-alice@contoso.com', mailEnabledSecurity: true, members: ['u-alice'] },
    ],
    mailboxes: [
      mailbox('alice@contoso.com', { guid: '24d72ef2-1111-2222-3333-1c66b70dbdfa', userId: 'u-alice', company: 'Contoso', city: 'Paris', customAttributes: { '1': 'VIP' } }),
      mailbox('bob@contoso.com', { userId: 'u-bob', department: 'Finance', city: 'Lyon' }),
      mailbox('ceo@contoso.com', { userId: 'u-ceo', grantSendOnBehalfTo: ['bob@contoso.com'] }),
      mailbox('support@contoso.com', { recipientTypeDetails: 'SharedMailbox', department: 'Support', displayName: "O'Brien Support" }),
    ],
    apps: [
      app(ids.graphReader, 'Graph Reader', [graphApp('Mail.Read')]),
      app(ids.restricted, 'Restricted Writer', [graphApp('Mail.ReadWrite')]),
      app(ids.denied, 'Denied Exec Reader', [graphApp('Mail.Read')]),
      app(ids.rbacScoped, 'RBAC Sales Reader'),
      app(ids.both, 'Both Systems', [graphApp('Mail.Read')]),
      app(ids.disabled, 'Disabled Assignment'),
      app(ids.imap, 'IMAP Poller', [exoApp('IMAP.AccessAsApp')]),
      app(ids.nothing, 'Harmless', [graphDelegated('User.Read')]),
      app(ids.delegated, 'Shared Mail Client', [graphDelegated('Mail.Read.Shared')]),
      app(ids.rbacDespitePolicy, 'RBAC Despite Policy'),
      app(ids.manage, 'Exchange Manager', [exoApp('Exchange.ManageAsApp')], {
        credentials: [{ keyId: 'k-new', type: 'password', displayName: 'backdoor', startDateTime: '2024-05-30T00:00:00.000Z' }],
      }),
    ],
    exchangeServicePrincipals: [
      { identity: 'sp-exo-rbac', appId: ids.rbacScoped, objectId: `sp-${ids.rbacScoped}`, displayName: 'RBAC Sales SP' },
      { identity: 'sp-exo-both', appId: ids.both, objectId: `sp-${ids.both}`, displayName: 'Both SP' },
      { identity: 'sp-exo-disabled', appId: ids.disabled, objectId: `sp-${ids.disabled}`, displayName: 'Disabled SP' },
      { identity: 'sp-exo-imap', appId: ids.imap, objectId: `sp-${ids.imap}`, displayName: 'IMAP SP' },
      { identity: 'sp-exo-despite', appId: ids.rbacDespitePolicy, objectId: `sp-${ids.rbacDespitePolicy}`, displayName: 'Despite SP' },
    ],
    managementScopes: [
      { name: 'SalesScope', recipientRestrictionFilter: "Department -eq 'Sales'" },
      { name: 'BrokenScope', recipientRestrictionFilter: "Department -gt 'A'" },
    ],
    roleAssignments: [
      { name: 'Application Mail.Read-rbac', role: 'Application Mail.Read', roleAssignee: ids.rbacScoped, roleAssigneeType: 'ServicePrincipal', customResourceScope: 'SalesScope', enabled: true },
      { name: 'Application Mail.Send-both', role: 'Application Mail.Send', roleAssignee: 'sp-exo-both', roleAssigneeType: 'ServicePrincipal', enabled: true },
      { name: 'Application Mail.ReadWrite-disabled', role: 'Application Mail.ReadWrite', roleAssignee: ids.disabled, roleAssigneeType: 'ServicePrincipal', enabled: false },
      { name: 'Application Mail.Read-despite', role: 'Application Mail.Read', roleAssignee: ids.rbacDespitePolicy, roleAssigneeType: 'ServicePrincipal', customResourceScope: 'SalesScope', enabled: true },
    ],
    accessPolicies: [
      { identity: 'policy-restrict', appId: ids.restricted, accessRight: 'RestrictAccess', policyScopeGroupId: 'aap-sales@contoso.com' },
      { identity: 'policy-deny', appId: ids.denied, accessRight: 'DenyAccess', policyScopeGroupId: 'deny-exec@contoso.com' },
      { identity: 'policy-both', appId: ids.both, accessRight: 'RestrictAccess', policyScopeGroupId: 'aap-sales@contoso.com' },
      { identity: 'policy-despite', appId: ids.rbacDespitePolicy, accessRight: 'DenyAccess', policyScopeGroupId: 'deny-alice@contoso.com' },
    ],
    delegations: [
      { mailbox: 'ceo@contoso.com', trustee: 'bob@contoso.com', right: 'FullAccess', automapping: false, grantedDateTime: '2024-05-01T00:00:00Z', grantedBy: 'admin@contoso.com' },
      { mailbox: 'support@contoso.com', trustee: 'bob@contoso.com', right: 'SendAs' },
      { mailbox: 'support@contoso.com', trustee: 'eve@contoso.com', right: 'FullAccess', automapping: true },
      { mailbox: 'support@contoso.com', trustee: `sp-${ids.imap}`, right: 'FullAccess' },
      { mailbox: 'alice@contoso.com', trustee: 'bob@contoso.com', right: 'FolderPermission', folder: 'Inbox', folderAccessRights: ['Reviewer'] },
      { mailbox: 'alice@contoso.com', trustee: 'eve@contoso.com', right: 'ReadPermission' },
    ],
  };
}
