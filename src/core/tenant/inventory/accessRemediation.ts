import { appAccessContext, effectiveAccessFor } from '../access/effectiveAccess';
import { permissionDef, servicePrincipalPermissionsOn } from '../access/entraGrants';
import { roleAssignmentsOfApp } from '../access/rbac';
import { fold } from '../identity';
import type { App, EntraPermission, Mailbox, TenantModel } from '../model';
import { removeDelegationScript, removeRoleAssignmentScript, revokeEntraPermissionScript } from './remediation';
import { excludeMailboxFromScopeScript } from './scopeNarrowing';

/**
 * A PowerShell comment line holding data. A line break in the data would end the comment and turn
 * the rest into a command, so breaks and other control characters become spaces.
 */
export function psComment(text: string): string {
  return `# ${oneLine(text)}`;
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/** The permission with single-line text in the fields revokeEntraPermissionScript writes into its comment line. */
function commentSafe(p: EntraPermission): EntraPermission {
  return { ...p, value: oneLine(p.value), resourceName: oneLine(p.resourceName) };
}

/** revokeEntraPermissionScript with its comment line kept to one line whatever the permission's text. */
export function revokePermissionScript(app: Pick<App, 'appId' | 'displayName'>, p: EntraPermission): string {
  return revokeEntraPermissionScript(app, commentSafe(p));
}

function samePermission(p: EntraPermission, resourceAppId: string | undefined, value: string | undefined, kind: EntraPermission['kind']): boolean {
  return p.kind === kind && fold(p.value) === fold(value) && (!resourceAppId || !p.resourceAppId || fold(p.resourceAppId) === fold(resourceAppId));
}

/**
 * What removes one app's access to one mailbox: for each grant that applies, the command that takes it
 * away (revoke the Entra permission, narrow the management scope, or remove the role assignment, remove
 * the service principal's mailbox permission). Commands that reach further than this mailbox say so.
 */
export function appMailboxRemediationScript(model: TenantModel, app: App, m: Mailbox): string {
  const ctx = appAccessContext(model, app);
  const ea = effectiveAccessFor(model, app, m, ctx);
  const lines: string[] = [psComment(`Remove ${app.displayName || app.appId} (${app.appId}) access to ${m.userPrincipalName}`)];
  const applying = ea.grants.filter((g) => g.applies);
  if (applying.length === 0) lines.push(psComment('no grant of this app applies to the mailbox: nothing to remove'));
  for (const g of applying) {
    lines.push('', psComment(`${g.system}: ${g.grant}`));
    switch (g.system) {
      case 'entraApplication':
      case 'entraDelegated': {
        const kind = g.system === 'entraApplication' ? 'application' : 'delegated';
        const p = app.permissions.find((x) => samePermission(x, g.resourceAppId, g.permission, kind));
        if (g.tenantWide) lines.push(psComment('this permission reaches every mailbox: revoking it removes the app\'s access to all of them'));
        if (p) lines.push(revokePermissionScript(app, p));
        break;
      }
      case 'rbacRoleAssignment': {
        const ra = ctx.roleAssignments.find((r) => fold(r.name) === fold(g.roleAssignment));
        const scope = ra?.customResourceScope ? model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope)) : undefined;
        if (scope) {
          lines.push(psComment('narrow the scope to leave this mailbox out (every assignment using the scope follows) ...'), excludeMailboxFromScopeScript(scope, m));
          lines.push(psComment('... or remove the role assignment altogether:'), psComment(removeRoleAssignmentScript({ name: g.roleAssignment ?? '' })));
        } else {
          lines.push(psComment('organisation-wide assignment: removing it removes the app\'s access to every mailbox'), removeRoleAssignmentScript({ name: g.roleAssignment ?? '' }));
        }
        break;
      }
      case 'exchangeServicePrincipal':
        for (const d of servicePrincipalPermissionsOn(model, app, m, ctx.servicePrincipals)) {
          if (d.right === 'FullAccess' || d.right === 'SendAs') lines.push(removeDelegationScript(d));
        }
        break;
    }
  }
  return lines.join('\n');
}

/** Everything that gives an app mail access: its mail-related Entra permissions and its RBAC role assignments. */
export function appRemediationScript(model: TenantModel, app: App): string {
  const lines: string[] = [psComment(`Remove mail access of ${app.displayName || app.appId} (${app.appId})`)];
  const mail = app.permissions.filter((p) => (permissionDef(p)?.rights.length ?? 0) > 0 || permissionDef(p)?.administrative);
  for (const p of mail) lines.push('', revokePermissionScript(app, p));
  const assignments = roleAssignmentsOfApp(model, app);
  if (assignments.length) lines.push('', psComment('Exchange RBAC for Applications role assignments'));
  for (const ra of assignments) lines.push(removeRoleAssignmentScript(ra));
  if (mail.length === 0 && assignments.length === 0) lines.push(psComment('the app holds no mail-related permission in either system'));
  return lines.join('\n');
}
