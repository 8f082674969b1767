import type { ApplicationAccessPolicy, Delegation, Mailbox, RoleAssignment } from '../../tenant/model';
import type { EmitOptions, EventLog } from '../events';
import type { ModelChange } from '../model/changes';
import { exchangeObjectPath, type RecordContext } from '../records/context';
import type { App } from '../../tenant/model';
import type { GroupPlan } from '../tenant/types';
import type { AdminSession } from './actors';

/** Exchange admin cmdlets that change the permission model, each with the change it carries. */
export interface ExchangeEnv {
  readonly log: EventLog;
  readonly ctx: RecordContext;
}

type Params = (readonly [string, string])[];

function opts(o: EmitOptions | undefined, id: string, changes: readonly ModelChange[]): EmitOptions {
  return { ...(o?.scenario ? { scenario: o.scenario } : {}), id, changes: [...(o?.changes ?? []), ...changes] };
}

function path(env: ExchangeEnv, mb: Mailbox): string {
  return exchangeObjectPath(env.ctx, mb.name);
}

export function newMailbox(env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, o?: EmitOptions): string {
  const kind = mb.recipientTypeDetails === 'RoomMailbox' ? 'Room' : mb.recipientTypeDetails === 'EquipmentMailbox' ? 'Equipment' : 'Shared';
  const params: Params = [
    [kind, 'True'], ['Name', mb.name], ['DisplayName', mb.displayName], ['Alias', mb.alias], ['PrimarySmtpAddress', mb.primarySmtpAddress],
  ];
  const id = env.log.newId();
  return s.run(time, 'New-Mailbox', path(env, mb), params, opts(o, id, [{ kind: 'addMailbox', mailbox: mb }]));
}

export function setMailboxAuditActions(
  env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, which: 'AuditOwner' | 'AuditDelegate', actions: readonly string[], o?: EmitOptions,
): string {
  const id = env.log.newId();
  const set = which === 'AuditOwner' ? { auditOwner: [...actions] } : { auditDelegate: [...actions] };
  return s.run(time, 'Set-Mailbox', path(env, mb), [['Identity', mb.primarySmtpAddress], [which, actions.join(',')]],
    opts(o, id, [{ kind: 'setMailboxAudit', mailbox: mb.userPrincipalName, set }]));
}

export function setMailboxAuditEnabled(env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, enabled: boolean, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'Set-Mailbox', path(env, mb), [['Identity', mb.primarySmtpAddress], ['AuditEnabled', enabled ? 'True' : 'False']],
    opts(o, id, [{ kind: 'setMailboxAudit', mailbox: mb.userPrincipalName, set: { auditEnabled: enabled } }]));
}

/** Set-MailboxAuditBypassAssociation: the account's actions on any mailbox stop being audited. */
export function setAuditBypass(env: ExchangeEnv, s: AdminSession, time: number, account: Mailbox, enabled: boolean, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'Set-MailboxAuditBypassAssociation', path(env, account),
    [['Identity', account.userPrincipalName], ['AuditBypassEnabled', enabled ? 'True' : 'False']],
    opts(o, id, [{ kind: 'setMailboxAudit', mailbox: account.userPrincipalName, set: { auditBypassEnabled: enabled } }]));
}

/** Set-Mailbox for housekeeping that does not touch permissions (quotas, retention, language). */
export function setMailboxSetting(env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, name: string, value: string, o?: EmitOptions): string {
  return s.run(time, 'Set-Mailbox', path(env, mb), [['Identity', mb.primarySmtpAddress], [name, value]], o);
}

export function newSecurityGroup(env: ExchangeEnv, s: AdminSession, time: number, g: GroupPlan, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'New-DistributionGroup', exchangeObjectPath(env.ctx, g.displayName),
    [['Name', g.displayName], ['Alias', g.alias], ['PrimarySmtpAddress', g.mail], ['Type', 'Security']],
    opts(o, id, [{ kind: 'addGroup', group: { id: g.id, displayName: g.displayName, mail: g.mail, mailEnabledSecurity: g.mailEnabledSecurity, members: [] } }]));
}

export function addGroupMember(env: ExchangeEnv, s: AdminSession, time: number, g: GroupPlan, member: string, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'Add-DistributionGroupMember', exchangeObjectPath(env.ctx, g.displayName), [['Identity', g.mail], ['Member', member]],
    opts(o, id, [{ kind: 'addGroupMember', groupId: g.id, member }]));
}

function delegation(mb: Mailbox, trustee: string, right: Delegation['right'], time: number, by: string, id: string, extra: Partial<Delegation> = {}): Delegation {
  return { mailbox: mb.userPrincipalName, trustee, right, grantedDateTime: new Date(time).toISOString(), grantedBy: by, grantRecordId: id, ...extra };
}

/** Add-MailboxPermission -AccessRights FullAccess; `autoMapping` false is typed as -AutoMapping $false. */
export function addFullAccess(
  env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, trustee: string, autoMapping: boolean | undefined, o?: EmitOptions,
): string {
  const id = env.log.newId();
  const params: Params = [['Identity', mb.primarySmtpAddress], ['User', trustee], ['AccessRights', 'FullAccess'], ['InheritanceType', 'All']];
  if (autoMapping === false) params.push(['AutoMapping', 'False']);
  const d = delegation(mb, trustee, 'FullAccess', time, s.actor.upn, id, { automapping: autoMapping !== false });
  return s.run(time, 'Add-MailboxPermission', path(env, mb), params, opts(o, id, [{ kind: 'addDelegation', delegation: d }]));
}

export function addSendAs(env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, trustee: string, o?: EmitOptions): string {
  const id = env.log.newId();
  const d = delegation(mb, trustee, 'SendAs', time, s.actor.upn, id);
  return s.run(time, 'Add-RecipientPermission', path(env, mb),
    [['Identity', mb.primarySmtpAddress], ['Trustee', trustee], ['AccessRights', 'SendAs'], ['Confirm', 'False']],
    opts(o, id, [{ kind: 'addDelegation', delegation: d }]));
}

/** Set-Mailbox -GrantSendOnBehalfTo (the whole list, as typed). */
export function setSendOnBehalf(env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, trustees: readonly string[], o?: EmitOptions): string {
  const id = env.log.newId();
  const changes: ModelChange[] = [{ kind: 'setSendOnBehalf', mailbox: mb.userPrincipalName, trustees: [...trustees] }];
  for (const t of trustees) changes.push({ kind: 'addDelegation', delegation: delegation(mb, t, 'SendOnBehalf', time, s.actor.upn, id) });
  return s.run(time, 'Set-Mailbox', path(env, mb), [['Identity', mb.primarySmtpAddress], ['GrantSendOnBehalfTo', trustees.join(',')]], opts(o, id, changes));
}

export function addFolderPermission(
  env: ExchangeEnv, s: AdminSession, time: number, mb: Mailbox, folder: string, user: string, rights: string, o?: EmitOptions,
): string {
  const id = env.log.newId();
  const d = delegation(mb, user, 'FolderPermission', time, s.actor.upn, id, { folder, folderAccessRights: [rights] });
  return s.run(time, 'Add-MailboxFolderPermission', `${path(env, mb)}:\\${folder}`,
    [['Identity', `${mb.primarySmtpAddress}:\\${folder}`], ['User', user], ['AccessRights', rights]],
    opts(o, id, [{ kind: 'addDelegation', delegation: d }]));
}

/** New-ServicePrincipal: Exchange's pointer to an Entra service principal (Identity = its object id). */
export function newExchangeServicePrincipal(env: ExchangeEnv, s: AdminSession, time: number, app: App, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'New-ServicePrincipal', app.servicePrincipalId,
    [['AppId', app.appId], ['ObjectId', app.servicePrincipalId], ['DisplayName', app.displayName]],
    opts(o, id, [{
      kind: 'addExchangeServicePrincipal',
      servicePrincipal: { identity: app.servicePrincipalId, appId: app.appId, objectId: app.servicePrincipalId, displayName: app.displayName, createdDateTime: new Date(time).toISOString() },
    }]));
}

export function newManagementScope(env: ExchangeEnv, s: AdminSession, time: number, name: string, filter: string, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'New-ManagementScope', name, [['Name', name], ['RecipientRestrictionFilter', filter]],
    opts(o, id, [{ kind: 'addManagementScope', scope: { name, recipientRestrictionFilter: filter, createdDateTime: new Date(time).toISOString() } }]));
}

export function setManagementScope(env: ExchangeEnv, s: AdminSession, time: number, name: string, filter: string, o?: EmitOptions): string {
  const id = env.log.newId();
  return s.run(time, 'Set-ManagementScope', name, [['Identity', name], ['RecipientRestrictionFilter', filter]],
    opts(o, id, [{ kind: 'setManagementScopeFilter', name, recipientRestrictionFilter: filter }]));
}

/** New-ManagementRoleAssignment -App: RBAC for Applications. Without `typedName` Exchange names it "<role>-<app id>". */
export function newAppRoleAssignment(
  env: ExchangeEnv, s: AdminSession, time: number, app: App, role: string, scope: string | undefined, typedName: string | undefined, o?: EmitOptions,
): { id: string; name: string } {
  const id = env.log.newId();
  const name = typedName ?? `${role}-${app.appId}`;
  const params: Params = [];
  if (typedName) params.push(['Name', typedName]);
  params.push(['Role', role], ['App', app.appId]);
  if (scope) params.push(['CustomResourceScope', scope]);
  const assignment: RoleAssignment = {
    name, role, roleAssignee: app.appId, roleAssigneeType: 'ServicePrincipal', enabled: true, createdDateTime: new Date(time).toISOString(),
    ...(scope ? { customResourceScope: scope } : {}),
  };
  s.run(time, 'New-ManagementRoleAssignment', name, params, opts(o, id, [{ kind: 'addRoleAssignment', assignment }]));
  return { id, name };
}

/** Set-ManagementRoleAssignment: a new custom scope, or -RecipientRelativeWriteScope Organization (scope dropped: organisation-wide). */
export function setAppRoleAssignmentScope(
  env: ExchangeEnv, s: AdminSession, time: number, name: string, scope: string | null, o?: EmitOptions,
): string {
  const id = env.log.newId();
  const params: Params = [['Identity', name], scope === null ? ['RecipientRelativeWriteScope', 'Organization'] : ['CustomResourceScope', scope]];
  return s.run(time, 'Set-ManagementRoleAssignment', name, params,
    opts(o, id, [{ kind: 'setRoleAssignmentScope', name, customResourceScope: scope }]));
}

export function newApplicationAccessPolicy(
  env: ExchangeEnv, s: AdminSession, time: number, app: App, g: GroupPlan, description: string, o?: EmitOptions,
): string {
  const id = env.log.newId();
  const policy: ApplicationAccessPolicy = {
    identity: `${env.ctx.tenantId}\\${app.appId}:S-1-5-21-${g.id.replace(/[^0-9]/g, '').slice(0, 10)};${g.id}`,
    appId: app.appId, accessRight: 'RestrictAccess', policyScopeGroupId: g.mail, description,
  };
  return s.run(time, 'New-ApplicationAccessPolicy', policy.identity,
    [['AppId', app.appId], ['PolicyScopeGroupId', g.mail], ['AccessRight', 'RestrictAccess'], ['Description', description]],
    opts(o, id, [{ kind: 'addAccessPolicy', policy }]));
}
