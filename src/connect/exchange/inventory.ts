/** The Exchange side of the inventory, as the admin REST endpoint returns cmdlet output. */
import { HttpStatusError } from '../http/errors';
import { mapLimit } from '../inventory/concurrency';
import type { StepProgress } from '../graph/inventory';
import type { ExchangeConnection, ExchangeObject } from './exchangeClient';

export interface ExchangeInventory {
  organizationConfig: ExchangeObject | undefined;
  adminAuditLogConfig: ExchangeObject | undefined;
  mailboxes: ExchangeObject[];
  recipients: ExchangeObject[];
  auditBypass: ExchangeObject[];
  /** Get-MailboxPermission per mailbox, by the mailbox's Guid. */
  mailboxPermissions: Map<string, ExchangeObject[]>;
  /** Get-MailboxFolderPermission per mailbox and folder, by the mailbox's Guid. */
  folderPermissions: Map<string, ExchangeObject[]>;
  recipientPermissions: ExchangeObject[];
  servicePrincipals: ExchangeObject[];
  roleAssignments: ExchangeObject[];
  managementScopes: ExchangeObject[];
  accessPolicies: ExchangeObject[];
  /** Get-DistributionGroupMember per application access policy group. */
  policyGroupMembers: Map<string, ExchangeObject[]>;
}

export const mailboxTypes = ['UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox'] as const;

/** Folders whose permissions are read per mailbox (Inbox and Calendar carry most delegate read access). */
export const defaultAuditedFolders = ['Inbox', 'Calendar'] as const;

export interface ExchangeInventoryOptions {
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
  readonly folders?: readonly string[];
  readonly onStep?: StepProgress;
  /** Per-object lookups the service refused (a folder that does not exist, a group gone since the policy was made). */
  readonly onWarning?: (message: string) => void;
}

export async function fetchExchangeInventory(x: ExchangeConnection, options: ExchangeInventoryOptions = {}): Promise<ExchangeInventory> {
  const { signal } = options;
  const n = options.concurrency ?? 4;
  const step = options.onStep ?? (() => undefined);
  const folders = options.folders ?? defaultAuditedFolders;
  // One mailbox's folder or one policy's group that the service cannot find must not end the inventory.
  const perObject = async (cmdlet: string, params: Record<string, string>): Promise<ExchangeObject[]> => {
    try {
      return await x.invoke(cmdlet, params, signal);
    } catch (e) {
      if (e instanceof HttpStatusError && (e.status === 400 || e.status === 404)) {
        options.onWarning?.(`${cmdlet} ${Object.values(params).join(' ')}: ${e.serviceMessage ?? `HTTP ${e.status}`}`);
        return [];
      }
      throw e;
    }
  };
  step('Exchange organisation', 0, 1);
  const [organizationConfig] = await x.invoke('Get-OrganizationConfig', {}, signal);
  const [adminAuditLogConfig] = await x.invoke('Get-AdminAuditLogConfig', {}, signal);
  const mailboxes = await x.invoke('Get-Mailbox', { ResultSize: 'Unlimited' }, signal);
  const recipients = await x.invoke('Get-Recipient', { RecipientTypeDetails: [...mailboxTypes], ResultSize: 'Unlimited' }, signal);
  const auditBypass = await x.invoke('Get-MailboxAuditBypassAssociation', { ResultSize: 'Unlimited' }, signal);
  step('Exchange organisation', 1, 1);
  const servicePrincipals = await x.invoke('Get-ServicePrincipal', {}, signal);
  const roleAssignments = [
    ...await x.invoke('Get-ManagementRoleAssignment', { RoleAssigneeType: 'ServicePrincipal' }, signal),
    ...await x.invoke('Get-ManagementRoleAssignment', { RoleAssigneeType: 'User' }, signal),
  ];
  const managementScopes = await x.invoke('Get-ManagementScope', {}, signal);
  const accessPolicies = await x.invoke('Get-ApplicationAccessPolicy', {}, signal);
  const recipientPermissions = await x.invoke('Get-RecipientPermission', { ResultSize: 'Unlimited' }, signal);
  const mailboxPermissions = new Map<string, ExchangeObject[]>();
  const folderPermissions = new Map<string, ExchangeObject[]>();
  let done = 0;
  await mapLimit(mailboxes, n, async (m) => {
    const id = String(m.Guid ?? m.ExchangeGuid ?? m.UserPrincipalName);
    const upn = String(m.UserPrincipalName ?? m.PrimarySmtpAddress ?? id);
    mailboxPermissions.set(id, await perObject('Get-MailboxPermission', { Identity: id }));
    const perFolder: ExchangeObject[] = [];
    for (const f of folders) perFolder.push(...await perObject('Get-MailboxFolderPermission', { Identity: `${upn}:\\${f}` }));
    folderPermissions.set(id, perFolder);
    step('mailbox permissions', ++done, mailboxes.length);
  }, signal);
  const policyGroupMembers = new Map<string, ExchangeObject[]>();
  const policyGroups = [...new Set(accessPolicies.map(policyGroupIdentity).filter((g): g is string => !!g))];
  await mapLimit(policyGroups, n, async (g) => {
    policyGroupMembers.set(g.toLowerCase(), await perObject('Get-DistributionGroupMember', { Identity: g, ResultSize: 'Unlimited' }));
  }, signal);
  return {
    organizationConfig, adminAuditLogConfig, mailboxes, recipients, auditBypass, mailboxPermissions, folderPermissions,
    recipientPermissions, servicePrincipals, roleAssignments, managementScopes, accessPolicies, policyGroupMembers,
  };
}

/** The group an application access policy names: the object GUID after ';' in ScopeIdentityRaw, else ScopeIdentity / ScopeName. */
export function policyGroupIdentity(p: ExchangeObject): string | undefined {
  const raw = typeof p.ScopeIdentityRaw === 'string' ? p.ScopeIdentityRaw : '';
  const guid = /;([0-9a-f-]{36})$/i.exec(raw)?.[1];
  return guid ?? (typeof p.ScopeIdentity === 'string' && p.ScopeIdentity ? p.ScopeIdentity : typeof p.ScopeName === 'string' ? p.ScopeName : undefined);
}
