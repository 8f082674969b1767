import { findPermission, findPermissionByValue, type PermissionDef } from '../catalogue/permissions';
import { resourceNames } from '../catalogue/resources';
import { findServicePrincipal, fold, servicePrincipalMatches } from '../identity';
import type { App, EntraPermission, Mailbox, TenantModel } from '../model';
import { delegationsOn, userReachesMailbox } from './delegates';
import { evaluateAccessPolicies } from './policy';
import type { AccessGrant } from './types';

/** The catalogue entry of a consented permission (by resource and value; by value alone when the resource is unknown). */
export function permissionDef(p: EntraPermission): PermissionDef | undefined {
  return findPermission(p.resourceAppId, p.kind, p.value) ?? (p.resourceAppId ? undefined : findPermissionByValue(p.kind, p.value));
}

function label(p: EntraPermission, def: PermissionDef | undefined): string {
  const resource = p.resourceName || resourceNames[def?.resourceAppId ?? p.resourceAppId] || p.resourceAppId || 'unknown resource';
  return `${resource} ${p.value}`;
}

/** The Exchange service principals that stand for this app. */
export function exchangeServicePrincipalsOf(model: Pick<TenantModel, 'exchangeServicePrincipals'>, app: App) {
  return model.exchangeServicePrincipals.filter((sp) => fold(sp.appId) === fold(app.appId)
    || (app.servicePrincipalId !== '' && fold(sp.objectId) === fold(app.servicePrincipalId)));
}

/** Mailbox permissions held on the mailbox by the app's Exchange service principal (matched by identity, object id, app id or name). */
export function servicePrincipalPermissionsOn(model: TenantModel, app: App, m: Mailbox, sps = exchangeServicePrincipalsOf(model, app)) {
  return delegationsOn(model, m).filter((d) => sps.some((sp) => servicePrincipalMatches(sp, d.trustee))
    || fold(d.trustee) === fold(app.appId) || (app.servicePrincipalId !== '' && fold(d.trustee) === fold(app.servicePrincipalId)));
}

/** An Entra application permission (app role) evaluated for one mailbox. */
export function applicationGrant(model: TenantModel, app: App, p: EntraPermission, m: Mailbox, sps = exchangeServicePrincipalsOf(model, app)): AccessGrant | undefined {
  const def = permissionDef(p);
  if (!def || def.rights.length === 0) return undefined;
  const grant = label(p, def);
  const base = { system: 'entraApplication' as const, grant, resourceAppId: def.resourceAppId, permission: def.value };
  if (def.needsExchangeServicePrincipalPermission) {
    const held = servicePrincipalPermissionsOn(model, app, m, sps);
    const usable = def.rights.includes('send')
      ? held.filter((d) => d.right === 'FullAccess' || d.right === 'SendAs')
      : held.filter((d) => d.right === 'FullAccess');
    const explanation = [`${grant} (application permission): works only on mailboxes where the app's Exchange service principal holds mailbox permissions`];
    if (sps.length === 0) explanation.push('no Exchange service principal (New-ServicePrincipal) exists for this app');
    if (usable.length > 0) {
      explanation.push(`Exchange service principal '${usable[0].trustee}' holds ${usable.map((d) => d.right).join(', ')} on the mailbox${usable[0].grantedDateTime ? ` (granted ${usable[0].grantedDateTime}${usable[0].grantedBy ? ` by ${usable[0].grantedBy}` : ''})` : ''}`);
      explanation.push('application access policies do not apply to IMAP/POP/SMTP');
    } else if (sps.length > 0) {
      explanation.push(`the Exchange service principal holds no ${def.rights.includes('send') ? 'FullAccess or SendAs' : 'FullAccess'} on this mailbox`);
    }
    return { ...base, system: 'exchangeServicePrincipal', rights: usable.length ? [...def.rights] : [], applies: usable.length > 0, tenantWide: false, explanation };
  }
  const explanation = [`${grant} (application permission, Entra): applies to every mailbox unless an application access policy restricts it`];
  if (!def.policyRestrictable) {
    explanation.push('application access policies cannot restrict this permission: tenant-wide');
    return { ...base, rights: [...def.rights], applies: true, tenantWide: true, explanation };
  }
  const test = evaluateAccessPolicies(model, app.appId, m);
  if (test.policies.length === 0) {
    explanation.push('no application access policy for this app: tenant-wide');
    return { ...base, rights: [...def.rights], applies: true, tenantWide: true, explanation, policy: [] };
  }
  explanation.push(`application access policy: ${test.accessCheckResult} (${test.reason})`);
  const granted = test.accessCheckResult === 'Granted';
  return { ...base, rights: granted ? [...def.rights] : [], applies: granted, tenantWide: false, explanation, policy: test.policies };
}

/** An Entra delegated grant evaluated for one mailbox: it applies only through a user who can reach the mailbox. */
export function delegatedGrant(model: TenantModel, p: EntraPermission, m: Mailbox): AccessGrant | undefined {
  const def = permissionDef(p);
  if (!def || def.rights.length === 0) return undefined;
  const grant = label(p, def);
  const who = p.consentType === 'Principal' ? `user ${p.principalId ?? '(unknown)'}` : 'any user (admin consent for all)';
  const explanation = [`${grant} (delegated permission, Entra, consented for ${who}): acts only as a signed-in user; application access policies do not apply`];
  const reachers: string[] = [];
  if (p.consentType === 'Principal') {
    const reach = p.principalId ? userReachesMailbox(model, p.principalId, m) : undefined;
    if (reach === 'owner' || (reach && def.sharedMailboxes)) reachers.push(`${p.principalId} (${reach})`);
  } else {
    if (m.recipientTypeDetails === 'UserMailbox') reachers.push(`${m.userPrincipalName} (owner)`);
    if (def.sharedMailboxes) {
      for (const d of delegationsOn(model, m)) {
        // Service principals cannot sign in interactively.
        if (findServicePrincipal(model, d.trustee)) continue;
        if (d.right === 'FullAccess' || d.right === 'FolderPermission') reachers.push(`${d.trustee} (${d.right === 'FullAccess' ? 'fullAccess' : 'folder'})`);
      }
    }
  }
  if (reachers.length) explanation.push(`usable on this mailbox when ${reachers.join(' or ')} signs in`);
  else explanation.push(def.sharedMailboxes ? 'no consenting user owns or has been delegated this mailbox' : 'only reaches the signed-in user\'s own mailbox, and the consenting user does not own this one');
  return {
    system: 'entraDelegated', grant, resourceAppId: def.resourceAppId, permission: def.value,
    rights: reachers.length ? [...def.rights] : [], applies: reachers.length > 0, tenantWide: false,
    requiresSignedInUser: true, explanation,
  };
}
