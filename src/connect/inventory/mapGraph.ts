/** Entra objects -> the model's users, groups and apps (permissions resolved to names through the resource's app roles and scopes). */
import { resourceNames } from '../../core/tenant';
import type { App, AppCredential, EntraPermission, Group, User } from '../../core/tenant';
import type { GraphInventory, GraphKeyCredential, GraphPasswordCredential, GraphServicePrincipal } from '../graph/inventory';

/** Tenants that own Microsoft's first-party apps. */
const MICROSOFT_TENANTS = new Set(['f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47', '33e01921-4d64-4f8c-a055-5bdaffd5e33d', 'cdc5aeea-15c5-4db6-b079-fcadd2505dc2']);

function iso(t: string | null | undefined): string | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function opt(s: string | null | undefined): string | undefined {
  return s === null || s === undefined || s === '' ? undefined : s;
}

export function mapUsers(inv: GraphInventory): User[] {
  return inv.users.map((u) => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? u.userPrincipalName,
    department: opt(u.department), jobTitle: opt(u.jobTitle), company: opt(u.companyName), city: opt(u.city), country: opt(u.country),
    userType: u.userType === 'Guest' ? 'Guest' : 'Member',
    createdDateTime: iso(u.createdDateTime) ?? '',
    accountEnabled: u.accountEnabled !== false,
  }));
}

export function mapGroups(inv: GraphInventory): Group[] {
  return inv.groups.map((g) => ({
    id: g.id,
    displayName: g.displayName,
    mail: opt(g.mail),
    alias: opt(g.mailNickname),
    mailEnabledSecurity: g.mailEnabled === true && g.securityEnabled === true,
    members: (inv.groupMembers.get(g.id) ?? []).map((m) => m.userPrincipalName || m.mail || m.id),
  }));
}

/** Only what a credential is, never its value: keyId, type, dates, display name. */
function credentials(keys: GraphKeyCredential[] | undefined, passwords: GraphPasswordCredential[] | undefined): AppCredential[] {
  const out: AppCredential[] = [];
  for (const k of keys ?? []) {
    // A Sign key is the SAML signing half of a pair whose Verify key is listed too.
    if (k.usage && k.usage !== 'Verify') continue;
    out.push({ keyId: k.keyId, type: 'certificate', displayName: opt(k.displayName), startDateTime: iso(k.startDateTime) ?? '', endDateTime: iso(k.endDateTime) });
  }
  for (const p of passwords ?? []) {
    out.push({ keyId: p.keyId, type: 'password', displayName: opt(p.displayName), startDateTime: iso(p.startDateTime) ?? '', endDateTime: iso(p.endDateTime) });
  }
  return out;
}

export function mapApps(inv: GraphInventory, userIdToUpn: ReadonlyMap<string, string>): App[] {
  const spById = new Map(inv.servicePrincipals.map((sp) => [sp.id, sp]));
  const appByAppId = new Map(inv.applications.map((a) => [a.appId.toLowerCase(), a]));
  const grantsByClient = new Map<string, typeof inv.permissionGrants>();
  for (const g of inv.permissionGrants) {
    const list = grantsByClient.get(g.clientId) ?? [];
    list.push(g);
    grantsByClient.set(g.clientId, list);
  }
  const resourceName = (sp: GraphServicePrincipal | undefined, fallbackId: string) => sp?.displayName || resourceNames[sp?.appId ?? ''] || fallbackId;
  return inv.servicePrincipals.map((sp) => {
    const reg = appByAppId.get(sp.appId.toLowerCase());
    const permissions: EntraPermission[] = [];
    for (const a of inv.appRoleAssignments.get(sp.id) ?? []) {
      const resource = spById.get(a.resourceId);
      const role = resource?.appRoles?.find((r) => r.id === a.appRoleId);
      // The default access role (all zeros) grants nothing nameable.
      if (!role?.value) continue;
      permissions.push({
        resourceAppId: resource?.appId ?? a.resourceId, resourceName: resourceName(resource, a.resourceDisplayName ?? a.resourceId),
        value: role.value, kind: 'application', grantedDateTime: iso(a.createdDateTime),
      });
    }
    for (const g of grantsByClient.get(sp.id) ?? []) {
      const resource = spById.get(g.resourceId);
      for (const value of g.scope.split(/\s+/).filter(Boolean)) {
        permissions.push({
          resourceAppId: resource?.appId ?? g.resourceId, resourceName: resourceName(resource, g.resourceId), value, kind: 'delegated',
          consentType: g.consentType, ...(g.consentType === 'Principal' && g.principalId ? { principalId: g.principalId } : {}),
        });
      }
    }
    const creds = credentials(reg?.keyCredentials, reg?.passwordCredentials);
    for (const c of credentials(sp.keyCredentials, sp.passwordCredentials)) if (!creds.some((x) => x.keyId === c.keyId)) creds.push(c);
    const owners = (reg ? inv.applicationOwners.get(reg.id) ?? [] : []).map((o) => o.userPrincipalName || userIdToUpn.get(o.id) || o.id);
    const app: App = {
      appId: sp.appId,
      servicePrincipalId: sp.id,
      ...(reg ? { applicationObjectId: reg.id } : {}),
      displayName: sp.displayName,
      publisher: opt(sp.publisherName),
      isMicrosoft: MICROSOFT_TENANTS.has((sp.appOwnerOrganizationId ?? '').toLowerCase()),
      owners,
      credentials: creds,
      permissions,
      createdDateTime: iso(reg?.createdDateTime ?? sp.createdDateTime),
    };
    return app;
  });
}
