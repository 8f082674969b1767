/**
 * The catalogue of operations an investigator meets in mailbox-access cases,
 * each with a one-line meaning. Hover, completion, findings and docs read it.
 */

export type OperationCategory =
  | 'delegation'      // human mailbox permissions
  | 'appConsent'      // Entra permissions and credentials of apps
  | 'appRbac'         // Exchange RBAC for Applications, scopes, access policies
  | 'mailAccess'      // reading mail
  | 'mailboxAction'   // other mailbox item actions
  | 'ediscovery'
  | 'auditConfig'     // audit settings (tampering)
  | 'inboxRule'
  | 'signIn'
  | 'directory';      // other Entra changes

export interface OperationDef {
  readonly name: string;
  readonly category: OperationCategory;
  readonly meaning: string;
}

const ops: OperationDef[] = [
  // Delegation
  { name: 'Add-MailboxPermission', category: 'delegation', meaning: 'Grants a user FullAccess (or ReadPermission, ChangeOwner, ...) to another mailbox; -AutoMapping $false hides it from Outlook.' },
  { name: 'Remove-MailboxPermission', category: 'delegation', meaning: 'Removes a mailbox permission from a user.' },
  { name: 'Add-RecipientPermission', category: 'delegation', meaning: 'Grants SendAs: the trustee can send mail that appears to come from the mailbox.' },
  { name: 'Remove-RecipientPermission', category: 'delegation', meaning: 'Removes a SendAs permission.' },
  { name: 'Set-Mailbox', category: 'delegation', meaning: 'Changes mailbox settings: -GrantSendOnBehalfTo (delegation), -AuditEnabled / -AuditAdmin / -AuditDelegate (auditing), forwarding.' },
  { name: 'Add-MailboxFolderPermission', category: 'delegation', meaning: 'Grants a user rights on one mailbox folder (Reviewer, Editor, Owner, ...).' },
  { name: 'Set-MailboxFolderPermission', category: 'delegation', meaning: 'Changes a user\'s rights on a mailbox folder.' },
  { name: 'Remove-MailboxFolderPermission', category: 'delegation', meaning: 'Removes a user\'s rights on a mailbox folder.' },
  { name: 'AddFolderPermissions', category: 'delegation', meaning: 'Mailbox audit: a folder permission was added (from Outlook or a cmdlet).' },
  { name: 'ModifyFolderPermissions', category: 'delegation', meaning: 'Mailbox audit: a folder permission was changed.' },
  { name: 'RemoveFolderPermissions', category: 'delegation', meaning: 'Mailbox audit: a folder permission was removed.' },
  { name: 'UpdateFolderPermissions', category: 'delegation', meaning: 'Mailbox audit: folder permissions were updated.' },
  // Entra consent and credentials
  { name: 'Consent to application', category: 'appConsent', meaning: 'A user or an admin consented to permissions for an app (ConsentContext.IsAdminConsent tells which).' },
  { name: 'Add app role assignment to service principal', category: 'appConsent', meaning: 'An application permission (app role such as Mail.Read) was granted to an app: tenant-wide unless limited.' },
  { name: 'Add delegated permission grant', category: 'appConsent', meaning: 'A delegated permission (scope) was granted to an app for all users or one user.' },
  { name: 'Remove app role assignment from service principal', category: 'appConsent', meaning: 'An application permission was revoked.' },
  { name: 'Remove delegated permission grant', category: 'appConsent', meaning: 'A delegated permission grant was revoked.' },
  { name: 'Add service principal', category: 'appConsent', meaning: 'A service principal (an app\'s identity in this tenant) was created.' },
  { name: 'Add service principal credentials', category: 'appConsent', meaning: 'A secret or certificate was added to a service principal: whoever holds it can act as the app.' },
  { name: 'Remove service principal credentials', category: 'appConsent', meaning: 'A credential was removed from a service principal.' },
  { name: 'Add application', category: 'appConsent', meaning: 'An app registration was created.' },
  { name: 'Update application', category: 'appConsent', meaning: 'An app registration was changed (required permissions, reply URLs, ...).' },
  { name: 'Update application – Certificates and secrets management', category: 'appConsent', meaning: 'A secret or certificate of an app registration was added or removed.' },
  { name: 'Add owner to application', category: 'appConsent', meaning: 'A user became owner of an app registration and can add credentials to it.' },
  { name: 'Add owner to service principal', category: 'appConsent', meaning: 'A user became owner of a service principal.' },
  // Exchange RBAC for Applications
  { name: 'New-ServicePrincipal', category: 'appRbac', meaning: 'Registers an Entra service principal in Exchange, the first step to RBAC-for-Applications roles and IMAP/POP app access.' },
  { name: 'Remove-ServicePrincipal', category: 'appRbac', meaning: 'Removes an Exchange service principal pointer.' },
  { name: 'New-ManagementRoleAssignment', category: 'appRbac', meaning: 'Assigns an Exchange role; with -App and an "Application ..." role it grants an app mailbox access, limited by -CustomResourceScope.' },
  { name: 'Set-ManagementRoleAssignment', category: 'appRbac', meaning: 'Changes a role assignment: can silently widen or drop its scope, or re-enable it.' },
  { name: 'Remove-ManagementRoleAssignment', category: 'appRbac', meaning: 'Removes a role assignment.' },
  { name: 'New-ManagementScope', category: 'appRbac', meaning: 'Creates a management scope: an OPATH RecipientRestrictionFilter choosing which mailboxes a role assignment reaches.' },
  { name: 'Set-ManagementScope', category: 'appRbac', meaning: 'Changes a scope\'s RecipientRestrictionFilter: every assignment using it now reaches different mailboxes.' },
  { name: 'Remove-ManagementScope', category: 'appRbac', meaning: 'Removes a management scope.' },
  { name: 'New-ApplicationAccessPolicy', category: 'appRbac', meaning: 'Limits (RestrictAccess) or blocks (DenyAccess) an app\'s Graph/EWS mailbox access to a mail-enabled security group.' },
  { name: 'Set-ApplicationAccessPolicy', category: 'appRbac', meaning: 'Changes an application access policy.' },
  { name: 'Remove-ApplicationAccessPolicy', category: 'appRbac', meaning: 'Removes an application access policy: the app\'s Entra mail permissions become tenant-wide again.' },
  { name: 'Add-DistributionGroupMember', category: 'appRbac', meaning: 'Adds a member to a group; for an access-policy group it puts a mailbox in an app\'s reach.' },
  { name: 'Remove-DistributionGroupMember', category: 'appRbac', meaning: 'Removes a member from a group.' },
  { name: 'Update-DistributionGroupMember', category: 'appRbac', meaning: 'Replaces a group\'s members.' },
  // Mail access
  { name: 'MailItemsAccessed', category: 'mailAccess', meaning: 'Mail items were read: Bind (opened one by one) or Sync (a folder synchronised by a client); covers POP, IMAP, MAPI, EWS, ActiveSync and REST.' },
  { name: 'MessageBind', category: 'mailAccess', meaning: 'An item was opened (legacy admin audit action).' },
  { name: 'FolderBind', category: 'mailAccess', meaning: 'A mailbox folder was opened (delegate binds are consolidated to one record per folder per 24 h).' },
  { name: 'MailboxLogin', category: 'mailAccess', meaning: 'The owner signed in to the mailbox (POP3, IMAP4 or OAuth logons only).' },
  { name: 'SearchQueryInitiatedExchange', category: 'mailAccess', meaning: 'A user searched a mailbox in Outlook.' },
  { name: 'Send', category: 'mailboxAction', meaning: 'A message was sent.' },
  { name: 'SendAs', category: 'mailboxAction', meaning: 'A message was sent using SendAs permission: it appears to come from the mailbox owner.' },
  { name: 'SendOnBehalf', category: 'mailboxAction', meaning: 'A message was sent on behalf of the mailbox owner.' },
  { name: 'Create', category: 'mailboxAction', meaning: 'An item was created in Calendar, Contacts, Notes or Tasks.' },
  { name: 'Update', category: 'mailboxAction', meaning: 'An item\'s properties were changed.' },
  { name: 'Copy', category: 'mailboxAction', meaning: 'An item was copied to another folder.' },
  { name: 'Move', category: 'mailboxAction', meaning: 'An item was moved to another folder.' },
  { name: 'MoveToDeletedItems', category: 'mailboxAction', meaning: 'An item was moved to Deleted Items.' },
  { name: 'SoftDelete', category: 'mailboxAction', meaning: 'An item was deleted from Deleted Items (recoverable).' },
  { name: 'HardDelete', category: 'mailboxAction', meaning: 'An item was purged from Recoverable Items.' },
  // eDiscovery
  { name: 'SearchCreated', category: 'ediscovery', meaning: 'A compliance (eDiscovery) search was created: it can reach every mailbox.' },
  { name: 'SearchStarted', category: 'ediscovery', meaning: 'A compliance search was run.' },
  { name: 'SearchViewed', category: 'ediscovery', meaning: 'A compliance search\'s results were viewed.' },
  { name: 'SearchPreviewed', category: 'ediscovery', meaning: 'Items of a compliance search were previewed.' },
  { name: 'SearchExported', category: 'ediscovery', meaning: 'A compliance search\'s results were exported (no MailItemsAccessed is written for this access).' },
  { name: 'SearchExportDownloaded', category: 'ediscovery', meaning: 'Exported search results were downloaded: the mail has left the tenant.' },
  { name: 'ReviewSetSearchRun', category: 'ediscovery', meaning: 'Search results were added to a review set.' },
  { name: 'ReviewSetDocumentViewed', category: 'ediscovery', meaning: 'A document in a review set was viewed.' },
  { name: 'New-ComplianceSearch', category: 'ediscovery', meaning: 'Creates a compliance search (PowerShell).' },
  { name: 'Start-ComplianceSearch', category: 'ediscovery', meaning: 'Runs a compliance search (PowerShell).' },
  { name: 'New-ComplianceSearchAction', category: 'ediscovery', meaning: 'Previews, exports or purges a compliance search\'s results (-Export means export).' },
  // Audit configuration
  { name: 'Set-MailboxAuditBypassAssociation', category: 'auditConfig', meaning: '-AuditBypassEnabled $true stops all mailbox auditing of an account\'s actions.' },
  { name: 'Set-OrganizationConfig', category: 'auditConfig', meaning: 'Organisation settings; -AuditDisabled $true turns mailbox auditing off for the whole tenant.' },
  { name: 'Set-AdminAuditLogConfig', category: 'auditConfig', meaning: '-UnifiedAuditLogIngestionEnabled $false stops the Unified Audit Log.' },
  { name: 'New-UnifiedAuditLogRetentionPolicy', category: 'auditConfig', meaning: 'Creates an audit log retention policy (a short one deletes evidence sooner).' },
  { name: 'Set-UnifiedAuditLogRetentionPolicy', category: 'auditConfig', meaning: 'Changes an audit log retention policy.' },
  { name: 'Remove-UnifiedAuditLogRetentionPolicy', category: 'auditConfig', meaning: 'Removes an audit log retention policy.' },
  // Inbox rules
  { name: 'New-InboxRule', category: 'inboxRule', meaning: 'Creates an inbox rule (forward, redirect, move, delete): a classic way to hide or exfiltrate mail.' },
  { name: 'Set-InboxRule', category: 'inboxRule', meaning: 'Changes an inbox rule.' },
  { name: 'Remove-InboxRule', category: 'inboxRule', meaning: 'Removes an inbox rule.' },
  { name: 'Enable-InboxRule', category: 'inboxRule', meaning: 'Turns an inbox rule on.' },
  { name: 'UpdateInboxRules', category: 'inboxRule', meaning: 'Inbox rules were changed from Outlook (the rule is in OperationProperties).' },
  { name: 'Set-MailboxJunkEmailConfiguration', category: 'inboxRule', meaning: 'Changes junk mail settings (trusted or blocked senders).' },
  // Sign-ins
  { name: 'UserLoggedIn', category: 'signIn', meaning: 'A user signed in to Entra ID (UAL copy of a sign-in).' },
  { name: 'UserLoginFailed', category: 'signIn', meaning: 'A sign-in to Entra ID failed.' },
  { name: 'Sign-in activity', category: 'signIn', meaning: 'An Entra ID sign-in (sign-in log).' },
  // Directory
  { name: 'Add user', category: 'directory', meaning: 'A user account was created.' },
  { name: 'Update user', category: 'directory', meaning: 'A user account was changed.' },
  { name: 'Delete user', category: 'directory', meaning: 'A user account was deleted.' },
  { name: 'Reset user password', category: 'directory', meaning: 'A user\'s password was reset.' },
  { name: 'Change user password', category: 'directory', meaning: 'A user changed their password.' },
  { name: 'Add member to role', category: 'directory', meaning: 'A user was added to an Entra directory role (Exchange Administrator, Global Administrator, ...).' },
  { name: 'Add member to group', category: 'directory', meaning: 'A member was added to a group.' },
  { name: 'Update StsRefreshTokenValidFrom Timestamp', category: 'directory', meaning: 'A user\'s refresh tokens were revoked (after a password reset or a revoke).' },
];

const byLowerName = new Map(ops.map((o) => [o.name.toLowerCase(), o]));

/** Every catalogued operation. */
export const operations: readonly OperationDef[] = ops;

/** Looks an operation up by name, case-insensitively, ignoring a trailing period or spaces. */
export function findOperation(name: string): OperationDef | undefined {
  return byLowerName.get(name.trim().replace(/\.$/, '').toLowerCase());
}
