import { findRbacApplicationRole } from '../../../core/tenant/catalogue/rbacRoles';
import { fold } from '../../../core/tenant/identity';
import { excludeMailboxFromScopeScript } from '../../../core/tenant/inventory/scopeNarrowing';
import { removeRoleAssignmentScript } from '../../../core/tenant/inventory/remediation';
import type { Mailbox, ManagementScope, RoleAssignment, TenantModel } from '../../../core/tenant/model';
import { matchMailboxes } from '../../../core/tenant/opath/evaluate';
import { childId, ERROR_COLOR, note, WARNING_COLOR, type TenantNode, type TooltipLine } from './tenantNode';

export function mailboxIcon(m: Mailbox): string {
  switch (m.recipientTypeDetails) {
    case 'SharedMailbox': return 'organization';
    case 'RoomMailbox': return 'home';
    case 'EquipmentMailbox': return 'tools';
    case 'DiscoveryMailbox': return 'search';
    default: return 'mail';
  }
}

export function mailboxTooltipLines(m: Mailbox): TooltipLine[] {
  const lines: TooltipLine[] = [
    { label: 'Display name', text: m.displayName },
    { label: 'Type', text: m.recipientTypeDetails },
    { label: 'Primary SMTP address', text: m.primarySmtpAddress },
    { label: 'GUID', text: m.guid || '(unknown)' },
  ];
  if (m.department) lines.push({ label: 'Department', text: m.department });
  lines.push({ label: 'Auditing', text: `${m.audit.auditEnabled ? 'enabled' : 'DISABLED'}${m.audit.auditBypassEnabled ? ', audit bypass ON' : ''}` });
  return lines;
}

/**
 * A mailbox reached by an app (under the app's scope or its readable mailboxes): names both, so Explain
 * Effective Access and Query Activity work on it. `remediation` says how to take this one away.
 */
export function appMailboxNode(parentId: string, m: Mailbox, appId: string, options: { description?: string; remediation?: () => string } = {}): TenantNode {
  return {
    id: childId(parentId, `mailbox:${fold(m.userPrincipalName)}`),
    kind: 'appMailbox',
    label: m.userPrincipalName,
    description: options.description ?? m.displayName,
    icon: mailboxIcon(m),
    tooltip: { title: m.userPrincipalName, lines: mailboxTooltipLines(m) },
    appId,
    mailbox: m.userPrincipalName,
    remediation: options.remediation,
  };
}

/** A mailbox in a list that is not about one app (a scope's matches in the scopes view). */
export function plainMailboxNode(parentId: string, m: Mailbox): TenantNode {
  return {
    id: childId(parentId, `mailbox:${fold(m.userPrincipalName)}`),
    kind: 'mailbox',
    label: m.userPrincipalName,
    description: m.displayName,
    icon: mailboxIcon(m),
    tooltip: { title: m.userPrincipalName, lines: mailboxTooltipLines(m) },
    mailbox: m.userPrincipalName,
  };
}

function scopeTooltip(scope: ManagementScope, matched: number, error?: string): TenantNode['tooltip'] {
  const lines: TooltipLine[] = [{ label: 'RecipientRestrictionFilter', text: scope.recipientRestrictionFilter }];
  lines.push(error ? { label: 'Filter error', text: `${error}: the scope matches no mailbox` } : { label: 'Matches', text: `${matched} mailbox${matched === 1 ? '' : 'es'}` });
  if (scope.createdDateTime) lines.push({ label: 'Created', text: scope.createdDateTime });
  return { title: `Management scope ${scope.name}`, lines };
}

/**
 * A management scope with the mailboxes its filter selects. Under an app's role assignment (`appId`)
 * each mailbox carries the app, and its remediation narrows the scope to leave that mailbox out.
 */
export function scopeNode(model: TenantModel, parentId: string, scope: ManagementScope, appId?: string): TenantNode {
  const match = matchMailboxes(scope.recipientRestrictionFilter, model);
  const id = childId(parentId, `scope:${fold(scope.name)}`);
  return {
    id,
    kind: 'scope',
    label: scope.name,
    description: match.error ? `filter error · ${scope.recipientRestrictionFilter}` : `${match.matched.length} · ${scope.recipientRestrictionFilter}`,
    icon: 'filter',
    iconColor: match.error ? ERROR_COLOR : undefined,
    tooltip: scopeTooltip(scope, match.matched.length, match.error?.message),
    expanded: appId !== undefined,
    appId,
    children: () => {
      if (match.error) return [note(id, 'error', `filter cannot be evaluated: ${match.error.message}`, { icon: 'error', iconColor: ERROR_COLOR })];
      if (match.matched.length === 0) return [note(id, 'none', 'matches no mailbox')];
      return match.matched.map((m) => appId
        ? appMailboxNode(id, m, appId, { remediation: () => excludeMailboxFromScopeScript(scope, m) })
        : plainMailboxNode(id, m));
    },
  };
}

function roleAssignmentDescription(ra: RoleAssignment): string {
  const where = ra.customResourceScope ? `scope ${ra.customResourceScope}` : 'organisation-wide';
  return ra.enabled ? where : `${where} · disabled`;
}

/** An Exchange RBAC role assignment -> its management scope -> the mailboxes the scope matches. */
export function roleAssignmentNode(model: TenantModel, parentId: string, ra: RoleAssignment, options: { appId?: string; showScope?: boolean } = {}): TenantNode {
  const { appId, showScope = true } = options;
  const id = childId(parentId, `assignment:${fold(ra.name)}`);
  const role = findRbacApplicationRole(ra.role);
  const scope = ra.customResourceScope ? model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope)) : undefined;
  const lines: TooltipLine[] = [
    { label: 'Assignment', text: ra.name },
    { label: 'Assignee', text: `${ra.roleAssignee} (${ra.roleAssigneeType})` },
    { label: 'Scope', text: ra.customResourceScope || 'none: organisation-wide' },
    { label: 'Enabled', text: ra.enabled ? 'yes' : 'no: grants nothing' },
  ];
  if (role) lines.push({ label: 'Grants', text: `${role.rights.join(', ')} (like ${role.permissions.join(', ')} over ${role.protocol})` });
  if (ra.createdDateTime) lines.push({ label: 'Created', text: ra.createdDateTime });
  return {
    id,
    kind: 'roleAssignment',
    label: ra.role,
    description: roleAssignmentDescription(ra),
    icon: 'law',
    iconColor: !ra.enabled ? undefined : ra.customResourceScope ? WARNING_COLOR : ERROR_COLOR,
    tooltip: { title: `Role assignment ${ra.name}`, lines },
    expanded: appId !== undefined && showScope,
    appId,
    remediation: () => removeRoleAssignmentScript(ra),
    children: () => {
      const out: TenantNode[] = [];
      if (!ra.enabled) out.push(note(id, 'disabled', 'disabled: the assignment grants nothing while disabled', { icon: 'circle-slash' }));
      if (!role) out.push(note(id, 'notMailRole', `'${ra.role}' is not an RBAC-for-Applications mailbox role`));
      if (!showScope) return out;
      if (!ra.customResourceScope) {
        const all = model.mailboxes;
        out.push({
          id: childId(id, 'everyMailbox'), kind: 'note', label: 'every mailbox (organisation-wide)', description: String(all.length),
          icon: 'globe', iconColor: ERROR_COLOR,
          children: () => all.map((m) => appId ? appMailboxNode(childId(id, 'everyMailbox'), m, appId) : plainMailboxNode(childId(id, 'everyMailbox'), m)),
        });
      } else if (!scope) {
        out.push(note(id, 'scopeMissing', `management scope '${ra.customResourceScope}' not found: reaches no mailbox`, { icon: 'warning', iconColor: WARNING_COLOR }));
      } else {
        out.push(scopeNode(model, id, scope, appId));
      }
      return out;
    },
  };
}
