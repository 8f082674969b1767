import { fold, servicePrincipalMatches } from '../identity';
import type { DelegationRight, Mailbox, RecipientTypeDetails } from '../model';
import type { ModelBuilder } from './builder';
import { applyMultiValue, isNullValue, param, parseBool, parseMultiValue, splitList, type AuditLogRow } from './rows';

/** What every handler gets: the row, its time as ISO text, and the builder. */
export interface ReplayContext {
  b: ModelBuilder;
  row: AuditLogRow;
  time: string;
}

type Handler = (c: ReplayContext) => void;

const mailboxPermissionRights = new Set(['fullaccess', 'readpermission', 'changepermission', 'changeowner']);
const canonicalRight: Record<string, DelegationRight> = {
  fullaccess: 'FullAccess', readpermission: 'ReadPermission', changepermission: 'ChangePermission', changeowner: 'ChangeOwner', sendas: 'SendAs',
};

function identityOf(c: ReplayContext): string {
  return param(c.row, 'Identity') ?? c.row.TargetMailbox ?? c.row.ObjectId ?? '';
}

function grantMeta(c: ReplayContext) {
  return { grantedDateTime: c.time, grantedBy: c.row.UserId || undefined, grantRecordId: c.row.Id || undefined };
}

function addDelegation(c: ReplayContext, m: Mailbox, trustee: string, right: DelegationRight, extra: { folder?: string; folderAccessRights?: string[]; automapping?: boolean } = {}): void {
  const t = c.b.trustee(trustee);
  const existing = c.b.model.delegations.find((d) => d.right === right && fold(d.mailbox) === fold(m.userPrincipalName)
    && c.b.sameIdentity(d.trustee, t) && fold(d.folder) === fold(extra.folder));
  if (existing) {
    if (extra.folderAccessRights) existing.folderAccessRights = extra.folderAccessRights;
    if (extra.automapping !== undefined) existing.automapping = extra.automapping;
    return;
  }
  c.b.model.delegations.push({ mailbox: m.userPrincipalName, trustee: t, right, ...stripUndefined(extra), ...stripUndefined(grantMeta(c)) });
}

function removeDelegations(c: ReplayContext, m: Mailbox, trustee: string, right: DelegationRight, folder?: string): void {
  c.b.model.delegations = c.b.model.delegations.filter((d) => !(d.right === right && fold(d.mailbox) === fold(m.userPrincipalName)
    && (c.b.sameIdentity(d.trustee, trustee) || c.b.sameIdentity(d.trustee, c.b.trustee(trustee)))
    && (folder === undefined || fold(d.folder) === fold(folder))));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function rightsOf(c: ReplayContext): string[] {
  return splitList(param(c.row, 'AccessRights') ?? c.row.AccessRights ?? '');
}

const addMailboxPermission: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c));
  const user = param(c.row, 'User') ?? c.row.Grantee ?? '';
  if (!m || !user) return;
  const automapping = parseBool(param(c.row, 'AutoMapping')) ?? (typeof c.row.Automapping === 'boolean' ? c.row.Automapping : undefined);
  for (const r of rightsOf(c)) {
    const key = r.toLowerCase();
    if (mailboxPermissionRights.has(key)) addDelegation(c, m, user, canonicalRight[key], key === 'fullaccess' ? { automapping: automapping ?? true } : {});
    else c.b.warn(`${c.row.Operation}: access right '${r}' is not kept in the model`);
  }
};

const removeMailboxPermission: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c), false);
  const user = param(c.row, 'User') ?? c.row.Grantee ?? '';
  if (!m || !user) return;
  const rights = rightsOf(c);
  for (const r of rights.length ? rights : ['FullAccess', 'ReadPermission', 'ChangePermission', 'ChangeOwner']) {
    const right = canonicalRight[r.toLowerCase()];
    if (right) removeDelegations(c, m, user, right);
  }
};

const addRecipientPermission: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c));
  const trustee = param(c.row, 'Trustee') ?? c.row.Grantee ?? '';
  if (m && trustee) addDelegation(c, m, trustee, 'SendAs');
};

const removeRecipientPermission: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c), false);
  const trustee = param(c.row, 'Trustee') ?? c.row.Grantee ?? '';
  if (m && trustee) removeDelegations(c, m, trustee, 'SendAs');
};

function folderIdentity(raw: string): { mailbox: string; folder: string } {
  const i = raw.indexOf(':\\');
  if (i < 0) return { mailbox: raw, folder: '' };
  return { mailbox: raw.slice(0, i), folder: raw.slice(i + 2) };
}

const setFolderPermission = (replaceOnly: boolean): Handler => (c) => {
  const { mailbox, folder } = folderIdentity(identityOf(c));
  const m = c.b.mailbox(mailbox);
  const user = param(c.row, 'User') ?? c.row.Grantee ?? '';
  if (!m || !user) return;
  const rights = rightsOf(c);
  if (replaceOnly) removeDelegations(c, m, user, 'FolderPermission', folder);
  addDelegation(c, m, user, 'FolderPermission', { folder, folderAccessRights: rights });
};

const removeFolderPermission: Handler = (c) => {
  const { mailbox, folder } = folderIdentity(identityOf(c));
  const m = c.b.mailbox(mailbox, false);
  const user = param(c.row, 'User') ?? c.row.Grantee ?? '';
  if (m && user) removeDelegations(c, m, user, 'FolderPermission', folder);
};

const recipientTypes: Record<string, RecipientTypeDetails> = {
  shared: 'SharedMailbox', regular: 'UserMailbox', room: 'RoomMailbox', equipment: 'EquipmentMailbox',
};

/** Attributes Set-Mailbox, Set-User and New-Mailbox can carry. */
function applyAttributes(c: ReplayContext, m: Mailbox | undefined): void {
  const row = c.row;
  const set = (name: string, fn: (v: string) => void) => {
    const v = param(row, name);
    if (v !== undefined) fn(isNullValue(v) ? '' : v);
  };
  const userTarget = m ? c.b.user(m.userPrincipalName, false) : undefined;
  if (m) {
    set('DisplayName', (v) => { m.displayName = v; });
    set('Alias', (v) => { m.alias = v; });
    set('Name', (v) => { m.name = v; });
    set('PrimarySmtpAddress', (v) => { m.primarySmtpAddress = v; });
    set('WindowsEmailAddress', (v) => { if (!m.primarySmtpAddress) m.primarySmtpAddress = v; });
    set('Department', (v) => { m.department = v || undefined; });
    set('Company', (v) => { m.company = v || undefined; });
    set('City', (v) => { m.city = v || undefined; });
    set('Type', (v) => { const t = recipientTypes[v.toLowerCase()]; if (t) m.recipientTypeDetails = t; });
    for (let n = 1; n <= 15; n++) {
      set(`CustomAttribute${n}`, (v) => {
        if (v) m.customAttributes[String(n)] = v;
        else delete m.customAttributes[String(n)];
      });
    }
  }
  if (userTarget) {
    set('Department', (v) => { userTarget.department = v || undefined; });
    set('Company', (v) => { userTarget.company = v || undefined; });
    set('City', (v) => { userTarget.city = v || undefined; });
  }
}

const setMailbox: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c));
  if (!m) return;
  applyAttributes(c, m);
  const enabled = parseBool(param(c.row, 'AuditEnabled'));
  if (enabled !== undefined) m.audit.auditEnabled = enabled;
  for (const [p, key] of [['AuditAdmin', 'auditAdmin'], ['AuditDelegate', 'auditDelegate'], ['AuditOwner', 'auditOwner']] as const) {
    const v = param(c.row, p);
    if (v !== undefined) m.audit[key] = applyMultiValue(m.audit[key], parseMultiValue(v));
  }
  const sob = param(c.row, 'GrantSendOnBehalfTo');
  if (sob !== undefined) {
    const change = parseMultiValue(sob);
    const before = m.grantSendOnBehalfTo;
    const canonical = { replace: change.replace?.map((t) => c.b.trustee(t)), add: change.add.map((t) => c.b.trustee(t)), remove: change.remove.map((t) => c.b.trustee(t)) };
    m.grantSendOnBehalfTo = applyMultiValue(before, canonical);
    for (const t of before) if (!m.grantSendOnBehalfTo.some((x) => fold(x) === fold(t))) removeDelegations(c, m, t, 'SendOnBehalf');
    for (const t of m.grantSendOnBehalfTo) if (!before.some((x) => fold(x) === fold(t))) addDelegation(c, m, t, 'SendOnBehalf');
  }
};

const setUser: Handler = (c) => {
  const identity = identityOf(c);
  const u = c.b.user(identity);
  if (u) {
    const set = (name: string, fn: (v: string) => void) => { const v = param(c.row, name); if (v !== undefined) fn(isNullValue(v) ? '' : v); };
    set('Department', (v) => { u.department = v || undefined; });
    set('Company', (v) => { u.company = v || undefined; });
    set('City', (v) => { u.city = v || undefined; });
    set('Title', (v) => { u.jobTitle = v || undefined; });
    set('DisplayName', (v) => { if (v) u.displayName = v; });
  }
  const m = c.b.mailbox(identity, false);
  if (m) applyAttributes(c, m);
};

const newMailbox: Handler = (c) => {
  const upn = param(c.row, 'MicrosoftOnlineServicesID') ?? param(c.row, 'UserPrincipalName') ?? param(c.row, 'PrimarySmtpAddress')
    ?? param(c.row, 'Name') ?? c.row.ObjectId ?? '';
  const m = c.b.mailbox(upn);
  if (!m) return;
  if (!m.primarySmtpAddress) m.primarySmtpAddress = param(c.row, 'PrimarySmtpAddress') ?? (upn.includes('@') ? upn : '');
  applyAttributes(c, m);
  if (parseBool(param(c.row, 'Shared'))) m.recipientTypeDetails = 'SharedMailbox';
  if (parseBool(param(c.row, 'Room'))) m.recipientTypeDetails = 'RoomMailbox';
  if (parseBool(param(c.row, 'Equipment'))) m.recipientTypeDetails = 'EquipmentMailbox';
};

const removeMailbox: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c), false);
  if (!m) return;
  c.b.model.mailboxes = c.b.model.mailboxes.filter((x) => x !== m);
  c.b.model.delegations = c.b.model.delegations.filter((d) => fold(d.mailbox) !== fold(m.userPrincipalName));
};

const setAuditBypass: Handler = (c) => {
  const m = c.b.mailbox(identityOf(c));
  const v = parseBool(param(c.row, 'AuditBypassEnabled'));
  if (m && v !== undefined) m.audit.auditBypassEnabled = v;
};

const setOrganizationConfig: Handler = (c) => {
  const v = parseBool(param(c.row, 'AuditDisabled'));
  if (v !== undefined) c.b.model.organization.auditDisabled = v;
};

const setAdminAuditLogConfig: Handler = (c) => {
  const v = parseBool(param(c.row, 'UnifiedAuditLogIngestionEnabled'));
  if (v !== undefined) c.b.model.organization.unifiedAuditLogIngestionEnabled = v;
};

const newServicePrincipal: Handler = (c) => {
  const appId = param(c.row, 'AppId') ?? '';
  const objectId = param(c.row, 'ObjectId') ?? param(c.row, 'ServiceId') ?? '';
  const displayName = param(c.row, 'DisplayName') ?? '';
  if (!appId) return;
  const existing = c.b.model.exchangeServicePrincipals.find((s) => fold(s.appId) === fold(appId));
  if (existing) {
    if (objectId) existing.objectId = objectId;
    if (displayName) existing.displayName = displayName;
    return;
  }
  c.b.model.exchangeServicePrincipals.push({ identity: objectId || appId, appId, objectId, displayName, createdDateTime: c.time });
  c.b.app({ appId, servicePrincipalId: objectId || undefined, displayName: displayName || undefined });
};

const removeServicePrincipal: Handler = (c) => {
  const id = identityOf(c);
  c.b.model.exchangeServicePrincipals = c.b.model.exchangeServicePrincipals.filter((s) => !servicePrincipalMatches(s, id));
};

const newManagementScope: Handler = (c) => {
  const name = param(c.row, 'Name') ?? c.row.ObjectId ?? '';
  const filter = param(c.row, 'RecipientRestrictionFilter') ?? '';
  if (!name) return;
  const existing = c.b.model.managementScopes.find((s) => fold(s.name) === fold(name));
  const exclusive = parseBool(param(c.row, 'Exclusive'));
  if (existing) {
    existing.recipientRestrictionFilter = filter;
    return;
  }
  c.b.model.managementScopes.push({ name, recipientRestrictionFilter: filter, ...(exclusive ? { exclusive } : {}), createdDateTime: c.time });
};

const setManagementScope: Handler = (c) => {
  const id = identityOf(c);
  const s = c.b.model.managementScopes.find((x) => c.b.sameIdentity(x.name, id));
  if (!s) {
    c.b.warn(`Set-ManagementScope: unknown scope '${id}' created`);
    c.b.model.managementScopes.push({ name: id, recipientRestrictionFilter: param(c.row, 'RecipientRestrictionFilter') ?? '', createdDateTime: c.time });
    return;
  }
  const filter = param(c.row, 'RecipientRestrictionFilter');
  if (filter !== undefined) s.recipientRestrictionFilter = filter;
  const newName = param(c.row, 'Name');
  if (newName && fold(newName) !== fold(s.name)) {
    for (const ra of c.b.model.roleAssignments) if (fold(ra.customResourceScope) === fold(s.name)) ra.customResourceScope = newName;
    s.name = newName;
  }
};

const removeManagementScope: Handler = (c) => {
  const id = identityOf(c);
  c.b.model.managementScopes = c.b.model.managementScopes.filter((s) => !c.b.sameIdentity(s.name, id));
};

const newRoleAssignment: Handler = (c) => {
  const role = param(c.row, 'Role') ?? c.row.AccessRights ?? '';
  const appAssignee = param(c.row, 'App');
  const user = param(c.row, 'User');
  const group = param(c.row, 'SecurityGroup');
  const assignee = appAssignee ?? user ?? group ?? param(c.row, 'Policy') ?? '';
  if (!role) return;
  const name = param(c.row, 'Name') || (c.row.ObjectId ? c.row.ObjectId.split(/[\\/]/).pop() ?? '' : '') || `${role}-${assignee}`;
  const scope = param(c.row, 'CustomResourceScope');
  const enabled = parseBool(param(c.row, 'Enabled'));
  c.b.model.roleAssignments = c.b.model.roleAssignments.filter((r) => fold(r.name) !== fold(name));
  c.b.model.roleAssignments.push({
    name, role, roleAssignee: appAssignee ?? assignee,
    roleAssigneeType: appAssignee !== undefined ? 'ServicePrincipal' : group !== undefined ? 'RoleGroup' : 'User',
    ...(scope && !isNullValue(scope) ? { customResourceScope: scope } : {}),
    enabled: enabled ?? true, createdDateTime: c.time,
  });
};

const setRoleAssignment: Handler = (c) => {
  const id = identityOf(c);
  const ra = c.b.model.roleAssignments.find((r) => c.b.sameIdentity(r.name, id));
  if (!ra) {
    c.b.warn(`Set-ManagementRoleAssignment: unknown assignment '${id}' ignored`);
    return;
  }
  const scope = param(c.row, 'CustomResourceScope');
  if (scope !== undefined) {
    if (isNullValue(scope)) delete ra.customResourceScope;
    else ra.customResourceScope = scope;
  } else if (param(c.row, 'RecipientRelativeWriteScope') !== undefined) {
    // A relative scope (Organization, Self, ...) replaces the custom scope: the assignment is no longer limited by it.
    delete ra.customResourceScope;
  }
  const enabled = parseBool(param(c.row, 'Enabled'));
  if (enabled !== undefined) ra.enabled = enabled;
};

const removeRoleAssignment: Handler = (c) => {
  const id = identityOf(c);
  c.b.model.roleAssignments = c.b.model.roleAssignments.filter((r) => !c.b.sameIdentity(r.name, id));
};

const newAccessPolicy: Handler = (c) => {
  const appIds = splitList(param(c.row, 'AppId') ?? '');
  const group = param(c.row, 'PolicyScopeGroupId') ?? '';
  const right = (param(c.row, 'AccessRight') ?? '').toLowerCase() === 'denyaccess' ? 'DenyAccess' : 'RestrictAccess';
  const description = param(c.row, 'Description');
  if (!group) return;
  c.b.group(group, true, true);
  for (const appId of appIds) {
    const identity = appIds.length === 1 && c.row.ObjectId && c.row.ObjectId !== appId ? c.row.ObjectId : `${appId}:${group}`;
    c.b.model.accessPolicies = c.b.model.accessPolicies.filter((p) => fold(p.identity) !== fold(identity));
    c.b.model.accessPolicies.push({ identity, appId, accessRight: right, policyScopeGroupId: group, ...(description ? { description } : {}) });
  }
};

function policiesFor(c: ReplayContext) {
  const id = identityOf(c);
  const exact = c.b.model.accessPolicies.filter((p) => fold(p.identity) === fold(id));
  if (exact.length) return exact;
  return c.b.model.accessPolicies.filter((p) => fold(id).includes(fold(p.appId)));
}

const setAccessPolicy: Handler = (c) => {
  const d = param(c.row, 'Description');
  for (const p of policiesFor(c)) if (d !== undefined) p.description = d;
};

const removeAccessPolicy: Handler = (c) => {
  const gone = new Set(policiesFor(c));
  c.b.model.accessPolicies = c.b.model.accessPolicies.filter((p) => !gone.has(p));
};

const newDistributionGroup: Handler = (c) => {
  const name = param(c.row, 'Name') ?? c.row.ObjectId ?? '';
  if (!name) return;
  const security = (param(c.row, 'Type') ?? '').toLowerCase() === 'security';
  const g = c.b.group(param(c.row, 'PrimarySmtpAddress') ?? name, true, security);
  if (!g) return;
  g.displayName = name;
  const smtp = param(c.row, 'PrimarySmtpAddress');
  if (smtp) g.mail = smtp;
  const alias = param(c.row, 'Alias');
  if (alias) g.alias = alias;
  for (const m of splitList(param(c.row, 'Members') ?? '')) addMember(c, g.id, m);
};

function addMember(c: ReplayContext, groupIdentity: string, member: string): void {
  const g = c.b.group(groupIdentity);
  if (!g) return;
  const canonical = c.b.trustee(member);
  if (!g.members.some((x) => c.b.sameIdentity(x, canonical))) g.members.push(canonical);
}

const addGroupMember: Handler = (c) => {
  const member = param(c.row, 'Member') ?? '';
  if (member) addMember(c, identityOf(c), member);
};

const removeGroupMember: Handler = (c) => {
  const g = c.b.group(identityOf(c), false);
  const member = param(c.row, 'Member') ?? '';
  if (g && member) g.members = g.members.filter((x) => !c.b.sameIdentity(x, member) && !c.b.sameIdentity(x, c.b.trustee(member)));
};

const updateGroupMembers: Handler = (c) => {
  const g = c.b.group(identityOf(c));
  if (!g) return;
  g.members = [];
  for (const m of splitList(param(c.row, 'Members') ?? '')) addMember(c, g.id, m);
};

/** Exchange cmdlet handlers by lower-cased cmdlet name. */
export const exchangeHandlers: Readonly<Record<string, Handler>> = {
  'add-mailboxpermission': addMailboxPermission,
  'remove-mailboxpermission': removeMailboxPermission,
  'add-recipientpermission': addRecipientPermission,
  'remove-recipientpermission': removeRecipientPermission,
  'add-mailboxfolderpermission': setFolderPermission(false),
  'set-mailboxfolderpermission': setFolderPermission(true),
  'remove-mailboxfolderpermission': removeFolderPermission,
  'set-mailbox': setMailbox,
  'set-user': setUser,
  'new-mailbox': newMailbox,
  'remove-mailbox': removeMailbox,
  'set-mailboxauditbypassassociation': setAuditBypass,
  'set-organizationconfig': setOrganizationConfig,
  'set-adminauditlogconfig': setAdminAuditLogConfig,
  'new-serviceprincipal': newServicePrincipal,
  'remove-serviceprincipal': removeServicePrincipal,
  'new-managementscope': newManagementScope,
  'set-managementscope': setManagementScope,
  'remove-managementscope': removeManagementScope,
  'new-managementroleassignment': newRoleAssignment,
  'set-managementroleassignment': setRoleAssignment,
  'remove-managementroleassignment': removeRoleAssignment,
  'new-applicationaccesspolicy': newAccessPolicy,
  'set-applicationaccesspolicy': setAccessPolicy,
  'remove-applicationaccesspolicy': removeAccessPolicy,
  'new-distributiongroup': newDistributionGroup,
  'add-distributiongroupmember': addGroupMember,
  'remove-distributiongroupmember': removeGroupMember,
  'update-distributiongroupmember': updateGroupMembers,
};
