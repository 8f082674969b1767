/**
 * The permission model of a tenant: everything that decides who can read which
 * mailbox. Filled live (Graph + Exchange admin API), from a snapshot, from the
 * audit log (replay), or by the synthetic tenant generator. Plain data, JSON-safe.
 * Times are ISO-8601 strings (UTC) so snapshots diff cleanly.
 */

export interface TenantModel {
  /** Snapshot format version. */
  readonly schemaVersion: 1;
  tenantId: string;
  /** The tenant's initial domain, e.g. contoso.onmicrosoft.com. */
  domain: string;
  /** When this picture of the tenant was taken (or, for replay, the as-of time). */
  asOf: string;
  /** How the model was obtained. */
  source: 'live' | 'snapshot' | 'replay' | 'synthetic';
  organization: OrganizationConfig;
  users: User[];
  groups: Group[];
  mailboxes: Mailbox[];
  apps: App[];
  exchangeServicePrincipals: ExchangeServicePrincipal[];
  managementScopes: ManagementScope[];
  roleAssignments: RoleAssignment[];
  accessPolicies: ApplicationAccessPolicy[];
  delegations: Delegation[];
}

export interface OrganizationConfig {
  /** Get-OrganizationConfig AuditDisabled: true turns mailbox auditing off tenant-wide. */
  auditDisabled: boolean;
  /** Set-AdminAuditLogConfig UnifiedAuditLogIngestionEnabled. */
  unifiedAuditLogIngestionEnabled: boolean;
}

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  department?: string;
  jobTitle?: string;
  company?: string;
  city?: string;
  country?: string;
  /** Member or Guest. */
  userType: 'Member' | 'Guest';
  /** ISO time the account was created. */
  createdDateTime: string;
  /** True for contractors / vendors (by title, department or naming). */
  isContractor?: boolean;
  /** True for executives and other VIPs. */
  isVip?: boolean;
  accountEnabled: boolean;
}

export interface Group {
  id: string;
  displayName: string;
  /** Primary SMTP address for mail-enabled groups (application access policies need one). */
  mail?: string;
  /** Exchange alias of a mail-enabled group. */
  alias?: string;
  /** Distinguished name, as OPATH MemberOfGroup filters name groups. */
  distinguishedName?: string;
  mailEnabledSecurity: boolean;
  /** Member identities: mailbox UPNs / user ids. */
  members: string[];
}

export type RecipientTypeDetails = 'UserMailbox' | 'SharedMailbox' | 'RoomMailbox' | 'EquipmentMailbox' | 'DiscoveryMailbox';

export interface MailboxAuditSettings {
  auditEnabled: boolean;
  auditBypassEnabled: boolean;
  auditOwner: string[];
  auditDelegate: string[];
  auditAdmin: string[];
}

export interface Mailbox {
  /** Exchange GUID (the Guid property in OPATH filters). */
  guid: string;
  /** ExchangeGuid when it differs from guid (OPATH ExchangeGuid falls back to guid). */
  exchangeGuid?: string;
  userPrincipalName: string;
  primarySmtpAddress: string;
  alias: string;
  name: string;
  displayName: string;
  recipientTypeDetails: RecipientTypeDetails;
  department?: string;
  company?: string;
  city?: string;
  /** CustomAttribute1..15 by number. */
  customAttributes: Record<string, string>;
  /** Owning user id, when the mailbox belongs to a user. */
  userId?: string;
  audit: MailboxAuditSettings;
  /** Identities in GrantSendOnBehalfTo. */
  grantSendOnBehalfTo: string[];
}

export type CredentialType = 'password' | 'certificate';

export interface AppCredential {
  keyId: string;
  type: CredentialType;
  displayName?: string;
  startDateTime: string;
  endDateTime?: string;
}

/** A permission from Entra: an app role (application permission) or a delegated scope. */
export interface EntraPermission {
  /** The resource API: Microsoft Graph or Office 365 Exchange Online (by app id). */
  resourceAppId: string;
  resourceName: string;
  /** Permission value, e.g. Mail.Read, full_access_as_app, IMAP.AccessAsApp. */
  value: string;
  kind: 'application' | 'delegated';
  /** For delegated grants: AllPrincipals (admin consent) or the consenting user's id. */
  consentType?: 'AllPrincipals' | 'Principal';
  principalId?: string;
  grantedDateTime?: string;
  grantedBy?: string;
}

export interface App {
  appId: string;
  /** Service principal object id in this tenant. */
  servicePrincipalId: string;
  /** Application (registration) object id, when the app is registered in this tenant. */
  applicationObjectId?: string;
  displayName: string;
  publisher?: string;
  /** First-party Microsoft app or registered in another tenant. */
  isMicrosoft?: boolean;
  owners: string[];
  credentials: AppCredential[];
  permissions: EntraPermission[];
  createdDateTime?: string;
}

/** Exchange's pointer to an Entra service principal (New-ServicePrincipal). */
export interface ExchangeServicePrincipal {
  /** Exchange object identity (Get-ServicePrincipal Identity / Id). */
  identity: string;
  appId: string;
  /** Entra service principal object id (New-ServicePrincipal -ObjectId / -ServiceId). */
  objectId: string;
  displayName: string;
  createdDateTime?: string;
}

export interface ManagementScope {
  name: string;
  /** OPATH filter, e.g. "Department -eq 'Sales'" or "Guid -eq '...'". */
  recipientRestrictionFilter: string;
  /** Exclusive scopes are rare; kept for fidelity. */
  exclusive?: boolean;
  createdDateTime?: string;
}

export interface RoleAssignment {
  name: string;
  /** Role, e.g. "Application Mail.Read". */
  role: string;
  /** The app id (RoleAssigneeName) for app assignments, or a user/group for human ones. */
  roleAssignee: string;
  roleAssigneeType: 'ServicePrincipal' | 'User' | 'RoleGroup';
  /** Management scope name; absent means organisation-wide. */
  customResourceScope?: string;
  enabled: boolean;
  createdDateTime?: string;
}

export interface ApplicationAccessPolicy {
  identity: string;
  appId: string;
  accessRight: 'RestrictAccess' | 'DenyAccess';
  /** Mail-enabled security group (SMTP address or id). */
  policyScopeGroupId: string;
  description?: string;
}

export type DelegationRight = 'FullAccess' | 'SendAs' | 'SendOnBehalf' | 'ReadPermission' | 'ChangePermission' | 'ChangeOwner' | 'FolderPermission';

export interface Delegation {
  /** Mailbox UPN the right is on. */
  mailbox: string;
  /** Who holds it: a UPN, a group, or an Exchange service principal identity. */
  trustee: string;
  right: DelegationRight;
  /** For folder permissions: the folder (e.g. "Inbox", "Calendar") and the role (Reviewer, Editor, ...). */
  folder?: string;
  folderAccessRights?: string[];
  automapping?: boolean;
  /** When and by whom it was granted, where the audit log tells. */
  grantedDateTime?: string;
  grantedBy?: string;
  /** Audit record id of the grant, where known. */
  grantRecordId?: string;
}
