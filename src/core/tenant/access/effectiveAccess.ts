import { findApp, findMailbox, servicePrincipalMatches } from '../identity';
import type { App, ExchangeServicePrincipal, Mailbox, RoleAssignment, TenantModel } from '../model';
import { normaliseRights, type MailboxRight } from '../rights';
import { applicationGrant, delegatedGrant, exchangeServicePrincipalsOf, permissionDef, servicePrincipalPermissionsOn } from './entraGrants';
import { authorizeAssignment, roleAssignmentsOfApp } from './rbac';
import type { AccessGrant, EffectiveAccess } from './types';

/** What does not depend on the mailbox: computed once when one app is checked against many mailboxes. */
export interface AppAccessContext {
  servicePrincipals: ExchangeServicePrincipal[];
  roleAssignments: RoleAssignment[];
}

export function appAccessContext(model: TenantModel, app: App): AppAccessContext {
  return { servicePrincipals: exchangeServicePrincipalsOf(model, app), roleAssignments: roleAssignmentsOfApp(model, app) };
}

/**
 * What one app can do with one mailbox, across both permission systems:
 * Entra grants (restricted by application access policies where they apply),
 * RBAC-for-Applications role assignments (limited by management scopes), and
 * the Exchange service principal's mailbox permissions (IMAP/POP/SMTP).
 * The systems add up: the rights are the union of every grant that applies.
 */
export function effectiveAccessFor(model: TenantModel, app: App, m: Mailbox, ctx: AppAccessContext = appAccessContext(model, app)): EffectiveAccess {
  const grants: AccessGrant[] = [];
  const notes: string[] = [];
  for (const p of app.permissions) {
    const g = p.kind === 'application' ? applicationGrant(model, app, p, m, ctx.servicePrincipals) : delegatedGrant(model, p, m);
    if (g) grants.push(g);
    else if (permissionDef(p)?.administrative) {
      notes.push(`${p.value}: no mailbox rights by itself, but with an Exchange admin role the app can grant itself any access`);
    }
  }
  const assignments = ctx.roleAssignments;
  if (assignments.length > 0 && ctx.servicePrincipals.length === 0) {
    notes.push('role assignments exist but no Exchange service principal was found for the app');
  }
  for (const ra of assignments) {
    const auth = authorizeAssignment(model, ra, m);
    const applies = auth.inScope === true && auth.grantedRights.length > 0;
    if (!ra.enabled) notes.push(`role assignment '${ra.name}' is disabled: ignored`);
    grants.push({
      system: 'rbacRoleAssignment',
      grant: `${ra.role}${ra.customResourceScope ? ` via scope ${ra.customResourceScope}` : ' (organisation-wide)'}`,
      roleAssignment: ra.name, role: ra.role, scope: ra.customResourceScope || undefined,
      rights: applies ? [...auth.grantedRights] : [], applies,
      tenantWide: applies && !ra.customResourceScope,
      explanation: [`Exchange RBAC role assignment '${ra.name}' (${ra.role}): ${auth.reason}`, 'application access policies do not restrict RBAC grants'],
    });
  }
  const spPerms = servicePrincipalPermissionsOn(model, app, m, ctx.servicePrincipals);
  const hasProtocolPermission = grants.some((g) => g.system === 'exchangeServicePrincipal');
  if (spPerms.some((d) => d.right === 'FullAccess') && !hasProtocolPermission) {
    notes.push('the app\'s Exchange service principal holds FullAccess on this mailbox, but the app has no IMAP.AccessAsApp or POP.AccessAsApp consent to use it');
  }
  const rights: MailboxRight[] = [];
  const delegatedRights: MailboxRight[] = [];
  for (const g of grants) if (g.applies) (g.requiresSignedInUser ? delegatedRights : rights).push(...g.rights);
  if (grants.length === 0) notes.push('the app holds no mail-related permission in either system');
  return {
    appId: app.appId, appDisplayName: app.displayName, mailbox: m.userPrincipalName,
    rights: normaliseRights(rights), delegatedRights: normaliseRights(delegatedRights), grants, notes,
  };
}

/** effectiveAccessFor by identities (app id / name / Exchange service principal; mailbox UPN / address / alias / GUID). */
export function explainAccess(model: TenantModel, appIdentity: string, mailboxIdentity: string): EffectiveAccess | undefined {
  const app = findApp(model, appIdentity) ?? appFromServicePrincipal(model, appIdentity);
  const m = findMailbox(model, mailboxIdentity);
  if (!app || !m) return undefined;
  return effectiveAccessFor(model, app, m);
}

/** An app known only through its Exchange service principal (Entra side not in the model). */
function appFromServicePrincipal(model: TenantModel, identity: string): App | undefined {
  const sp = model.exchangeServicePrincipals.find((s) => servicePrincipalMatches(s, identity));
  if (!sp) return undefined;
  return findApp(model, sp.appId) ?? {
    appId: sp.appId, servicePrincipalId: sp.objectId, displayName: sp.displayName, owners: [], credentials: [], permissions: [],
  };
}
