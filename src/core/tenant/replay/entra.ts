import { findPermission, findPermissionsById } from '../catalogue/permissions';
import { exchangeOnlineAppId, graphAppId, resourceAppIdFromText, resourceNames } from '../catalogue/resources';
import { fold } from '../identity';
import type { App, CredentialType, EntraPermission } from '../model';
import type { ModelBuilder } from './builder';
import { prop, propEither, type EntraEvent, type EntraTarget } from './entraEvent';
import { valueList } from './rows';

type Handler = (b: ModelBuilder, e: EntraEvent, time: string) => void;

const guidRe = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function target(e: EntraEvent, type: string): EntraTarget | undefined {
  return e.targets.find((t) => fold(t.type) === fold(type));
}

/** The resource API an app role / scope grant is on, from names, learnt object ids, or the permission ids and values. */
function resourceOf(b: ModelBuilder, e: EntraEvent, hints: { resourceObjectId?: string; appRoleId?: string; values?: string[]; kind: 'application' | 'delegated' }): string {
  const texts = [prop(e, 'TargetId.ServicePrincipalNames'), e.targets[0]?.displayName ?? '', ...(e.targets[0]?.servicePrincipalNames ?? [])];
  if (hints.resourceObjectId) {
    const learnt = b.resourceByServicePrincipalId.get(fold(hints.resourceObjectId));
    if (learnt) return learnt;
  }
  for (const t of texts) {
    const r = resourceAppIdFromText(t);
    if (r) return r;
  }
  if (hints.appRoleId) {
    const defs = findPermissionsById(hints.appRoleId).filter((d) => d.kind === hints.kind);
    if (defs.some((d) => d.resourceAppId === graphAppId)) return graphAppId;
    if (defs.length) return defs[0].resourceAppId;
  }
  const values = hints.values ?? [];
  const oidc = new Set(['openid', 'profile', 'email', 'offline_access', 'user.read']);
  if (values.some((v) => findPermission(graphAppId, hints.kind, v) || oidc.has(v.toLowerCase()))) return graphAppId;
  if (values.some((v) => findPermission(exchangeOnlineAppId, hints.kind, v))) return exchangeOnlineAppId;
  return '';
}

function resourceName(resourceAppId: string, fallback: string): string {
  return resourceNames[resourceAppId] ?? fallback;
}

function upsertPermission(app: App, p: EntraPermission): void {
  const same = (x: EntraPermission) => x.kind === p.kind && fold(x.resourceAppId) === fold(p.resourceAppId) && fold(x.value) === fold(p.value)
    && (x.consentType ?? '') === (p.consentType ?? '') && fold(x.principalId) === fold(p.principalId);
  if (!app.permissions.some(same)) app.permissions.push(p);
}

function removePermission(app: App, match: (x: EntraPermission) => boolean): void {
  app.permissions = app.permissions.filter((x) => !match(x));
}

/** The client app of an app role / delegated grant event. */
function clientApp(b: ModelBuilder, e: EntraEvent): App | undefined {
  const appId = propEither(e, 'ServicePrincipal.AppId');
  const spId = propEither(e, 'ServicePrincipal.ObjectID');
  const name = propEither(e, 'ServicePrincipal.DisplayName');
  if (appId || spId) return b.app({ appId: appId || undefined, servicePrincipalId: spId || undefined, displayName: name || undefined });
  const second = e.targets[1];
  if (second?.id) return b.app({ servicePrincipalId: second.id, displayName: second.displayName || undefined });
  return undefined;
}

const addServicePrincipal: Handler = (b, e, time) => {
  const t = target(e, 'ServicePrincipal') ?? e.targets[0];
  const appId = prop(e, 'AppPrincipalId') || t?.servicePrincipalNames.find((s) => guidRe.test(s)) || '';
  const name = prop(e, 'DisplayName') || t?.displayName || '';
  const app = b.app({ appId: appId || undefined, servicePrincipalId: t?.id || undefined, displayName: name || undefined });
  if (app && !app.createdDateTime) app.createdDateTime = time;
  const resource = resourceAppIdFromText(appId);
  if (resource && t?.id && resource === appId) b.resourceByServicePrincipalId.set(fold(t.id), resource);
};

const addApplication: Handler = (b, e, time) => {
  const t = target(e, 'Application') ?? e.targets[0];
  const appId = prop(e, 'AppId');
  const name = prop(e, 'DisplayName') || t?.displayName || '';
  const app = b.app({ appId: appId || undefined, applicationObjectId: t?.id || undefined, displayName: name || undefined });
  if (app && !app.createdDateTime) app.createdDateTime = time;
};

const addAppRoleAssignment: Handler = (b, e, time) => {
  const value = prop(e, 'AppRole.Value');
  const roleId = prop(e, 'AppRole.Id');
  const app = clientApp(b, e);
  if (!app || !value) return;
  const resourceObjectId = e.targets[0]?.id;
  const resourceAppId = resourceOf(b, e, { resourceObjectId, appRoleId: roleId, values: [value], kind: 'application' });
  if (resourceAppId && resourceObjectId && fold(resourceObjectId) !== fold(app.servicePrincipalId)) b.resourceByServicePrincipalId.set(fold(resourceObjectId), resourceAppId);
  upsertPermission(app, {
    resourceAppId, resourceName: resourceName(resourceAppId, e.targets[0]?.displayName ?? ''), value, kind: 'application',
    grantedDateTime: time, grantedBy: e.actor || undefined,
  });
};

const removeAppRoleAssignment: Handler = (b, e) => {
  const value = propEither(e, 'AppRole.Value');
  const app = clientApp(b, e);
  if (!app || !value) return;
  const resourceAppId = resourceOf(b, e, { resourceObjectId: e.targets[0]?.id, appRoleId: propEither(e, 'AppRole.Id'), values: [value], kind: 'application' });
  removePermission(app, (x) => x.kind === 'application' && fold(x.value) === fold(value) && (!resourceAppId || fold(x.resourceAppId) === fold(resourceAppId)));
};

interface ConsentGrant { clientId: string; principalId: string; resourceId: string; consentType: string; scopes: string[] }

/** Parses ConsentAction.Permissions: "[old] => [[Id: ..., ClientId: ..., PrincipalId: ..., ResourceId: ..., ConsentType: ..., Scope: a b c, ...]]". */
export function parseConsentPermissions(text: string): ConsentGrant[] {
  const arrow = text.indexOf('=>');
  const after = arrow >= 0 ? text.slice(arrow + 2) : text;
  const grants: ConsentGrant[] = [];
  const entryRe = /\[([^[\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = entryRe.exec(after)) !== null) {
    const fields = new Map<string, string>();
    const fieldRe = /(\w+)\s*:\s*([^,]*?)\s*(?=,\s*\w+\s*:|,?\s*\w+\s*$|$)/g;
    let f: RegExpExecArray | null;
    while ((f = fieldRe.exec(m[1])) !== null) {
      if (f[0] === '') { fieldRe.lastIndex++; continue; }
      fields.set(f[1].toLowerCase(), f[2].trim());
    }
    if (!fields.has('scope') && !fields.has('clientid')) continue;
    grants.push({
      clientId: fields.get('clientid') ?? '', principalId: fields.get('principalid') ?? '', resourceId: fields.get('resourceid') ?? '',
      consentType: fields.get('consenttype') ?? '', scopes: (fields.get('scope') ?? '').split(/\s+/).filter(Boolean),
    });
  }
  return grants;
}

const consentToApplication: Handler = (b, e, time) => {
  const grants = parseConsentPermissions(prop(e, 'ConsentAction.Permissions'));
  const spTarget = target(e, 'ServicePrincipal') ?? e.targets[0];
  const appId = [prop(e, 'TargetId.ServicePrincipalNames'), ...(spTarget?.servicePrincipalNames ?? []), e.objectId].find((s) => guidRe.test(s) && s.match(guidRe)![0] === s.trim()) ?? '';
  for (const g of grants) {
    const app = b.app({ appId: appId || undefined, servicePrincipalId: g.clientId || spTarget?.id || undefined, displayName: spTarget?.displayName || undefined });
    if (!app) continue;
    const consentType = fold(g.consentType) === 'allprincipals' ? 'AllPrincipals' : 'Principal';
    const resourceAppId = resourceOf(b, e, { resourceObjectId: g.resourceId, values: g.scopes, kind: 'delegated' });
    const principalId = consentType === 'Principal' ? g.principalId || undefined : undefined;
    // The new grant replaces the scopes of the same (resource, consent type, principal).
    removePermission(app, (x) => x.kind === 'delegated' && fold(x.resourceAppId) === fold(resourceAppId) && x.consentType === consentType && fold(x.principalId) === fold(principalId));
    for (const s of g.scopes) {
      upsertPermission(app, {
        resourceAppId, resourceName: resourceName(resourceAppId, g.resourceId ? `resource ${g.resourceId}` : ''), value: s, kind: 'delegated',
        consentType, ...(principalId ? { principalId } : {}), grantedDateTime: time, grantedBy: e.actor || undefined,
      });
    }
  }
};

function delegatedGrantEvent(add: boolean): Handler {
  return (b, e, time) => {
    const scopes = (add ? prop(e, 'DelegatedPermissionGrant.Scope') : propEither(e, 'DelegatedPermissionGrant.Scope')).split(/\s+/).filter(Boolean);
    const app = clientApp(b, e);
    if (!app || scopes.length === 0) return;
    const resourceAppId = resourceOf(b, e, { resourceObjectId: e.targets[0]?.id, values: scopes, kind: 'delegated' });
    const principalId = propEither(e, 'DelegatedPermissionGrant.PrincipalId');
    const consentType = principalId ? 'Principal' : 'AllPrincipals';
    for (const s of scopes) {
      if (add) {
        upsertPermission(app, {
          resourceAppId, resourceName: resourceName(resourceAppId, e.targets[0]?.displayName ?? ''), value: s, kind: 'delegated', consentType,
          ...(principalId ? { principalId } : {}), grantedDateTime: time, grantedBy: e.actor || undefined,
        });
      } else {
        removePermission(app, (x) => x.kind === 'delegated' && fold(x.value) === fold(s) && (!resourceAppId || fold(x.resourceAppId) === fold(resourceAppId))
          && (!principalId || fold(x.principalId) === fold(principalId)));
      }
    }
  };
}

interface KeyDescription { keyId: string; type: CredentialType; displayName?: string }

/** Parses KeyDescription entries "[KeyIdentifier=...,KeyType=Password,KeyUsage=Verify,DisplayName=...]". */
export function parseKeyDescriptions(v: unknown): KeyDescription[] {
  const out: KeyDescription[] = [];
  for (const entry of valueList(v)) {
    const id = /KeyIdentifier=([^,\]]+)/i.exec(entry)?.[1]?.trim();
    if (!id) continue;
    const type = /KeyType=([^,\]]+)/i.exec(entry)?.[1]?.trim().toLowerCase() ?? '';
    const name = /DisplayName=([^\]]*)/i.exec(entry)?.[1]?.trim();
    out.push({ keyId: id, type: type === 'password' ? 'password' : 'certificate', ...(name ? { displayName: name } : {}) });
  }
  return out;
}

const credentialsChange: Handler = (b, e, time) => {
  const p = e.props.get('keydescription');
  if (!p) return;
  const t = target(e, 'Application') ?? target(e, 'ServicePrincipal') ?? e.targets[0];
  const appId = t?.servicePrincipalNames.find((s) => guidRe.test(s)) || prop(e, 'AppId') || undefined;
  const isApplication = fold(t?.type) === 'application';
  const app = b.app({
    appId, displayName: t?.displayName || undefined,
    ...(isApplication ? { applicationObjectId: t?.id || undefined } : { servicePrincipalId: t?.id || undefined }),
  });
  if (!app) return;
  const before = parseKeyDescriptions(p.oldValue);
  const after = parseKeyDescriptions(p.newValue);
  for (const k of after) {
    if (!before.some((x) => fold(x.keyId) === fold(k.keyId)) && !app.credentials.some((x) => fold(x.keyId) === fold(k.keyId))) {
      app.credentials.push({ keyId: k.keyId, type: k.type, ...(k.displayName ? { displayName: k.displayName } : {}), startDateTime: time });
    }
  }
  // KeyDescription lists every key after the change: keys that were there before and are gone now were removed.
  if (e.props.has('keydescription') && (after.length > 0 || before.length > 0)) {
    const removed = before.filter((x) => !after.some((k) => fold(k.keyId) === fold(x.keyId)));
    app.credentials = app.credentials.filter((c) => !removed.some((r) => fold(r.keyId) === fold(c.keyId)));
  }
};

const userFields: Array<[string, (u: import('../model').User, v: string) => void]> = [
  ['DisplayName', (u, v) => { u.displayName = v; }],
  ['Department', (u, v) => { u.department = v || undefined; }],
  ['JobTitle', (u, v) => { u.jobTitle = v || undefined; }],
  ['CompanyName', (u, v) => { u.company = v || undefined; }],
  ['City', (u, v) => { u.city = v || undefined; }],
  ['Country', (u, v) => { u.country = v || undefined; }],
  ['UserType', (u, v) => { u.userType = v.toLowerCase() === 'guest' ? 'Guest' : 'Member'; }],
  ['AccountEnabled', (u, v) => { u.accountEnabled = v.toLowerCase() !== 'false'; }],
];

function userEvent(create: boolean): Handler {
  return (b, e, time) => {
    const t = target(e, 'User') ?? e.targets[0];
    const upn = prop(e, 'UserPrincipalName') || t?.userPrincipalName || e.objectId;
    if (!upn && !t?.id) return;
    const u = (t?.id ? b.model.users.find((x) => fold(x.id) === fold(t.id)) : undefined) ?? (upn ? b.user(upn, create) : undefined);
    if (!u) return;
    if (t?.id && guidRe.test(t.id) && fold(u.id) === fold(u.userPrincipalName)) u.id = t.id;
    if (upn) u.userPrincipalName = upn;
    if (create) u.createdDateTime = time;
    for (const [name, set] of userFields) {
      if (e.props.has(name.toLowerCase())) set(u, prop(e, name));
    }
    let m = b.mailbox(u.userPrincipalName, false);
    // A license with an enabled Exchange plan provisions the user's mailbox.
    if (!m && /ServiceInstance=exchange\/[^,\]]*,\s*CapabilityStatus=Enabled/i.test(valueList(e.props.get('assignedplan')?.newValue).join(' '))) {
      m = b.mailbox(u.userPrincipalName);
      if (m) {
        m.primarySmtpAddress = u.userPrincipalName;
        if (guidRe.test(u.id)) m.name = u.id;
        m.displayName = u.displayName || m.displayName;
      }
    }
    if (m) {
      m.userId = u.id;
      // The recipient's Department, Company and City are the user's attributes.
      if (m.department === undefined || e.props.has('department')) m.department = u.department;
      if (m.company === undefined || e.props.has('companyname')) m.company = u.company;
      if (m.city === undefined || e.props.has('city')) m.city = u.city;
      for (const k of ['department', 'company', 'city'] as const) if (m[k] === undefined) delete m[k];
    }
  };
}

const groupMember = (add: boolean): Handler => (b, e) => {
  const groupName = propEither(e, 'Group.DisplayName');
  const groupId = propEither(e, 'Group.ObjectID');
  const member = target(e, 'User') ?? e.targets[0];
  const memberName = member?.userPrincipalName || member?.id || '';
  if (!memberName || (!groupName && !groupId)) return;
  const g = b.group(groupId || groupName, add);
  if (!g) return;
  if (groupName && g.displayName === g.id) g.displayName = groupName;
  if (add) {
    if (!g.members.some((x) => b.sameIdentity(x, memberName))) g.members.push(b.trustee(memberName));
  } else g.members = g.members.filter((x) => !b.sameIdentity(x, memberName) && !b.sameIdentity(x, b.trustee(memberName)));
};

const addOwner: Handler = (b, e) => {
  const owner = e.targets.find((t) => fold(t.type) === 'user');
  const appTarget = e.targets.find((t) => fold(t.type) === 'application' || fold(t.type) === 'serviceprincipal');
  if (!owner || !appTarget) return;
  const app = b.app(fold(appTarget.type) === 'application' ? { applicationObjectId: appTarget.id, displayName: appTarget.displayName || undefined }
    : { servicePrincipalId: appTarget.id, displayName: appTarget.displayName || undefined });
  const who = owner.userPrincipalName || owner.id;
  if (app && who && !app.owners.some((o) => fold(o) === fold(who))) app.owners.push(who);
};

/** Entra activity handlers by normalised activity name. */
export const entraHandlers: Readonly<Record<string, Handler>> = {
  'add service principal': addServicePrincipal,
  'add application': addApplication,
  'add app role assignment to service principal': addAppRoleAssignment,
  'remove app role assignment from service principal': removeAppRoleAssignment,
  'consent to application': consentToApplication,
  'add delegated permission grant': delegatedGrantEvent(true),
  'remove delegated permission grant': delegatedGrantEvent(false),
  'add service principal credentials': credentialsChange,
  'remove service principal credentials': credentialsChange,
  'update application - certificates and secrets management': credentialsChange,
  'add user': userEvent(true),
  'update user': userEvent(false),
  'add member to group': groupMember(true),
  'remove member from group': groupMember(false),
  'add owner to application': addOwner,
  'add owner to service principal': addOwner,
};

