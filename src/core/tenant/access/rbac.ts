import { findRbacApplicationRole } from '../catalogue/rbacRoles';
import { findApp, findMailbox, fold, servicePrincipalMatches } from '../identity';
import type { App, Mailbox, RoleAssignment, TenantModel } from '../model';
import type { MailboxRight } from '../rights';
import { scopeMatchesMailbox } from './scopeMatch';

/** One row of the offline Test-ServicePrincipalAuthorization. */
export interface ServicePrincipalAuthorization {
  roleAssignment: string;
  role: string;
  /** Rights the role grants (empty for roles that are not RBAC-for-Applications roles). */
  grantedRights: MailboxRight[];
  /** Management scope name, or undefined for organisation-wide. */
  scope?: string;
  scopeFilter?: string;
  enabled: boolean;
  /** For a given mailbox: whether it is in the assignment's scope (undefined when no mailbox was asked about). */
  inScope?: boolean;
  reason: string;
}

/** Whether a role assignment's assignee is this app (app id, or its Exchange service principal by identity, object id or name). */
export function assignmentIsForApp(model: Pick<TenantModel, 'exchangeServicePrincipals'>, ra: RoleAssignment, app: Pick<App, 'appId' | 'servicePrincipalId'>): boolean {
  if (ra.roleAssigneeType !== 'ServicePrincipal') return false;
  const assignee = fold(ra.roleAssignee);
  if (assignee === fold(app.appId) || (app.servicePrincipalId && assignee === fold(app.servicePrincipalId))) return true;
  return model.exchangeServicePrincipals.some((sp) => fold(sp.appId) === fold(app.appId) && servicePrincipalMatches(sp, ra.roleAssignee));
}

export function roleAssignmentsOfApp(model: TenantModel, app: Pick<App, 'appId' | 'servicePrincipalId'>): RoleAssignment[] {
  return model.roleAssignments.filter((ra) => assignmentIsForApp(model, ra, app));
}

/** Evaluates one assignment against one mailbox (or, without a mailbox, describes it). */
export function authorizeAssignment(model: TenantModel, ra: RoleAssignment, m?: Mailbox): ServicePrincipalAuthorization {
  const roleDef = findRbacApplicationRole(ra.role);
  const base = {
    roleAssignment: ra.name, role: ra.role, grantedRights: roleDef ? [...roleDef.rights] : [],
    scope: ra.customResourceScope || undefined, enabled: ra.enabled,
  };
  if (!roleDef) return { ...base, inScope: m ? false : undefined, reason: `role '${ra.role}' is not an RBAC-for-Applications mailbox role` };
  if (!ra.customResourceScope) {
    return { ...base, inScope: m ? ra.enabled : undefined, reason: ra.enabled ? 'no management scope: organisation-wide (every mailbox)' : 'disabled: ignored' };
  }
  const scope = model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope));
  if (!scope) return { ...base, inScope: m ? false : undefined, reason: `management scope '${ra.customResourceScope}' not found: the assignment reaches no mailbox` };
  if (!m) return { ...base, scopeFilter: scope.recipientRestrictionFilter, reason: ra.enabled ? `limited to scope '${scope.name}'` : 'disabled: ignored' };
  const match = scopeMatchesMailbox(model, scope, m);
  const scoped = { ...base, scopeFilter: scope.recipientRestrictionFilter };
  if (match.error) return { ...scoped, inScope: false, reason: `scope '${scope.name}' filter cannot be evaluated (${match.error.message}): matches nothing` };
  const matchText = match.matched ? `scope '${scope.name}' (${scope.recipientRestrictionFilter}) matched the mailbox`
    : `scope '${scope.name}' (${scope.recipientRestrictionFilter}) did not match the mailbox`;
  return { ...scoped, inScope: match.matched && ra.enabled, reason: ra.enabled ? matchText : `disabled: ignored (${matchText})` };
}

/**
 * Offline Test-ServicePrincipalAuthorization -Identity <app> [-Resource <mailbox>]:
 * the app's role assignments, and for a mailbox whether each is in scope.
 */
export function testServicePrincipalAuthorization(model: TenantModel, appIdentity: string, mailboxIdentity?: string): ServicePrincipalAuthorization[] {
  const app = findApp(model, appIdentity);
  const sp = model.exchangeServicePrincipals.find((s) => servicePrincipalMatches(s, appIdentity));
  const target = app ?? (sp ? { appId: sp.appId, servicePrincipalId: sp.objectId } : { appId: appIdentity, servicePrincipalId: '' });
  const m = mailboxIdentity ? findMailbox(model, mailboxIdentity) : undefined;
  if (mailboxIdentity && !m) return [];
  return roleAssignmentsOfApp(model, target).map((ra) => authorizeAssignment(model, ra, m));
}
