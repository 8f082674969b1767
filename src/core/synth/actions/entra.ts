import { APP_ROLE_DISPLAY, MS_APPS, appRoleId } from '../data/apps';
import type { EmitOptions, EventLog } from '../events';
import type { App, AppCredential, EntraPermission } from '../../tenant/model';
import { includedProps, listProp, scalarProp, type DirectoryInitiator, type DirectoryTarget, type PropertyChange } from '../records/directory';
import type { Person } from '../tenant/types';
import { isoSecondsZ } from '../time/format';
import type { ModelChange } from '../model/changes';

/** Everything Entra activities need besides the log: the tenant's resource service principals. */
export interface EntraEnv {
  readonly log: EventLog;
  /** Microsoft first-party service principals of the tenant by app id. */
  readonly microsoftApps: readonly App[];
  readonly tenantId: string;
}

function withChanges(o: EmitOptions | undefined, changes: readonly ModelChange[]): EmitOptions {
  return { ...(o?.scenario ? { scenario: o.scenario } : {}), changes: [...(o?.changes ?? []), ...changes] };
}

function userTarget(p: Person, props: readonly PropertyChange[]): DirectoryTarget {
  return { type: 'User', id: p.user.id, displayName: null, userPrincipalName: p.user.userPrincipalName, puid: p.puid, modifiedProperties: props };
}

function spTarget(app: App, props: readonly PropertyChange[]): DirectoryTarget {
  return { type: 'ServicePrincipal', id: app.servicePrincipalId, displayName: app.displayName, appId: app.appId, modifiedProperties: props };
}

function correlation(env: EntraEnv): string {
  return env.log.newId();
}

/** "Add user": the account with its department, title and company. */
export function addUser(env: EntraEnv, time: number, by: DirectoryInitiator, p: Person, o?: EmitOptions): string {
  const u = p.user;
  const props: PropertyChange[] = [
    listProp('AccountEnabled', true),
    listProp('DisplayName', u.displayName),
    listProp('UserPrincipalName', u.userPrincipalName),
    listProp('UserType', u.userType),
  ];
  if (u.department) props.push(listProp('Department', u.department));
  if (u.jobTitle) props.push(listProp('JobTitle', u.jobTitle));
  if (u.company) props.push(listProp('CompanyName', u.company));
  if (u.city) props.push(listProp('City', u.city));
  if (u.country) props.push(listProp('Country', u.country));
  props.push(includedProps(props));
  const user = { ...u, createdDateTime: new Date(time).toISOString() };
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Add user', category: 'UserManagement', operationType: 'Add',
    initiatedBy: by, targets: [userTarget(p, props)], additionalDetails: [], eventCategory: 'User',
  }, withChanges(o, [{ kind: 'addUser', user }])).ualId;
}

const E5_SKU = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const EXCHANGE_PLAN = 'efb87545-963c-4e0d-99df-69c6916d9eb0';

/** "Update user" assigning a licence with Exchange Online: Exchange provisions the mailbox. */
export function assignLicense(env: EntraEnv, time: number, by: DirectoryInitiator, p: Person, o?: EmitOptions): string {
  const license = `[SkuName=SPE_E5, AccountId=${env.tenantId}, SkuId=${E5_SKU}, DisabledPlans=[]]`;
  const plan = `[SubscribedPlanId=${env.log.newId()}, ServiceInstance=exchange/namprd10-001-01, CapabilityStatus=Enabled, AssignedTimestamp=${isoSecondsZ(time)}, InitialState=, Capability=, ServicePlanId=${EXCHANGE_PLAN}]`;
  const props = [listProp('AssignedLicense', license), listProp('AssignedPlan', plan)];
  props.push(includedProps(props));
  const changes: ModelChange[] = p.mailbox ? [{ kind: 'addMailbox', mailbox: p.mailbox }] : [];
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Update user', category: 'UserManagement', operationType: 'Update',
    initiatedBy: by, targets: [userTarget(p, props)], additionalDetails: [], eventCategory: 'User',
  }, withChanges(o, changes)).ualId;
}

/** "Update user" changing the department (and the mailbox's Department, which OPATH scopes read). */
export function changeDepartment(env: EntraEnv, time: number, by: DirectoryInitiator, p: Person, from: string, to: string, o?: EmitOptions): string {
  const props = [listProp('Department', to, [from])];
  props.push(includedProps(props));
  const changes: ModelChange[] = [{ kind: 'updateUser', userId: p.user.id, set: { department: to } }];
  if (p.mailbox) changes.push({ kind: 'updateMailbox', mailbox: p.mailbox.userPrincipalName, set: { department: to } });
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Update user', category: 'UserManagement', operationType: 'Update',
    initiatedBy: by, targets: [userTarget(p, props)], additionalDetails: [], eventCategory: 'User',
  }, withChanges(o, changes)).ualId;
}

/** "Update user" changing the job title. */
export function changeJobTitle(env: EntraEnv, time: number, by: DirectoryInitiator, p: Person, from: string, to: string, o?: EmitOptions): string {
  const props = [listProp('JobTitle', to, [from])];
  props.push(includedProps(props));
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Update user', category: 'UserManagement', operationType: 'Update',
    initiatedBy: by, targets: [userTarget(p, props)], additionalDetails: [], eventCategory: 'User',
  }, withChanges(o, [{ kind: 'updateUser', userId: p.user.id, set: { jobTitle: to } }])).ualId;
}

/** "Add application": an app registration created in this tenant. */
export function addApplication(env: EntraEnv, time: number, by: DirectoryInitiator, app: App, o?: EmitOptions): string {
  const props = [
    listProp('AppId', app.appId), listProp('AvailableToOtherTenants', false), listProp('DisplayName', app.displayName),
    listProp('PublicClient', false), listProp('SignInAudience', 'AzureADMyOrg'),
  ];
  props.push(includedProps(props));
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Add application', category: 'ApplicationManagement', operationType: 'Add',
    initiatedBy: by,
    targets: [{ type: 'Application', id: app.applicationObjectId ?? app.servicePrincipalId, displayName: app.displayName, appId: app.appId, modifiedProperties: props }],
    additionalDetails: [['AppId', app.appId]], eventCategory: 'Application',
  }, o).ualId;
}

/** "Add service principal": the app's identity in this tenant (the model's App appears here). */
export function addServicePrincipal(env: EntraEnv, time: number, by: DirectoryInitiator, app: App, o?: EmitOptions): string {
  const props = [
    listProp('AccountEnabled', true), listProp('AppPrincipalId', app.appId), listProp('DisplayName', app.displayName),
    listProp('ServicePrincipalName', app.appId),
  ];
  props.push(includedProps(props), scalarProp('TargetId.ServicePrincipalNames', app.appId));
  const created: App = { ...app, permissions: [], credentials: [], createdDateTime: new Date(time).toISOString() };
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Add service principal', category: 'ApplicationManagement', operationType: 'Add',
    initiatedBy: by, targets: [spTarget(app, props)], additionalDetails: [['AppId', app.appId]], eventCategory: 'ServicePrincipal',
  }, withChanges(o, [{ kind: 'addApp', app: created }])).ualId;
}

function keyDescription(c: AppCredential): string {
  const type = c.type === 'password' ? 'Password' : 'AsymmetricX509Cert';
  return `[KeyIdentifier=${c.keyId},KeyType=${type},KeyUsage=Verify,DisplayName=${c.displayName ?? ''}]`;
}

/** "Update application – Certificates and secrets management " (sic: en dash, trailing space): a credential on an app registration. */
export function addApplicationCredential(env: EntraEnv, time: number, by: DirectoryInitiator, app: App, c: AppCredential, o?: EmitOptions): string {
  const props = [{ ...listProp('KeyDescription', keyDescription(c)) }];
  props.push(includedProps(props));
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Update application – Certificates and secrets management ', category: 'ApplicationManagement',
    operationType: 'Update', initiatedBy: by,
    targets: [{ type: 'Application', id: app.applicationObjectId ?? app.servicePrincipalId, displayName: app.displayName, appId: app.appId, modifiedProperties: props }],
    additionalDetails: [['AppId', app.appId]], eventCategory: 'Application',
  }, withChanges(o, [{ kind: 'addAppCredential', appId: app.appId, credential: c }])).ualId;
}

/** "Add service principal credentials": a secret or certificate on the service principal itself. */
export function addServicePrincipalCredential(env: EntraEnv, time: number, by: DirectoryInitiator, app: App, c: AppCredential, o?: EmitOptions): string {
  const props = [listProp('KeyDescription', keyDescription(c))];
  props.push(includedProps(props), scalarProp('TargetId.ServicePrincipalNames', app.appId));
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Add service principal credentials', category: 'ApplicationManagement',
    operationType: 'Update', initiatedBy: by, targets: [spTarget(app, props)], additionalDetails: [['AppId', app.appId]],
    eventCategory: 'ServicePrincipal',
  }, withChanges(o, [{ kind: 'addAppCredential', appId: app.appId, credential: c }])).ualId;
}

function resourceApp(env: EntraEnv, resourceName: string): App {
  const appId = resourceName === MS_APPS.graph.displayName ? MS_APPS.graph.appId : MS_APPS.exchangeOnline.appId;
  const r = env.microsoftApps.find((a) => a.appId === appId);
  if (!r) throw new Error(`no service principal for ${resourceName}`);
  return r;
}

/** "Add app role assignment to service principal": an application permission granted (tenant-wide). */
export function grantAppRole(
  env: EntraEnv, time: number, by: DirectoryInitiator & { kind: 'user' }, app: App, resourceName: string, value: string, o?: EmitOptions,
): string {
  const resource = resourceApp(env, resourceName);
  const created = isoSecondsZ(time);
  const props = [
    scalarProp('AppRole.Id', appRoleId(resourceName, value)),
    scalarProp('AppRole.Value', value),
    scalarProp('AppRole.DisplayName', APP_ROLE_DISPLAY[value] ?? value),
    scalarProp('AppRoleAssignment.CreatedDateTime', created),
    scalarProp('AppRoleAssignment.LastModifiedDateTime', created),
    scalarProp('ServicePrincipal.ObjectID', app.servicePrincipalId),
    scalarProp('ServicePrincipal.DisplayName', app.displayName),
    scalarProp('ServicePrincipal.AppId', app.appId),
    scalarProp('ServicePrincipal.Name', app.appId),
    scalarProp('TargetId.ServicePrincipalNames', resource.appId),
  ];
  const permission: EntraPermission = {
    resourceAppId: resource.appId, resourceName, value, kind: 'application', grantedDateTime: new Date(time).toISOString(), grantedBy: by.actor.upn,
  };
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Add app role assignment to service principal', category: 'ApplicationManagement',
    operationType: 'Assign', initiatedBy: by,
    targets: [spTarget(resource, props), { type: 'ServicePrincipal', id: app.servicePrincipalId, displayName: app.appId, modifiedProperties: [] }],
    additionalDetails: [['User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91'], ['AppId', app.appId]],
    eventCategory: 'ServicePrincipal',
  }, withChanges(o, [{ kind: 'addAppPermission', appId: app.appId, permission }])).ualId;
}

export interface ConsentSpec {
  readonly admin: boolean;
  readonly appOnly: boolean;
  /** Delegated scopes consented (empty for an app-only admin consent). */
  readonly scopes: readonly string[];
  /** The consenting person (for user consent the grant is theirs only). */
  readonly consenter: Person;
}

/** "Consent to application": admin consent (tenant-wide) or a user's own consent to delegated scopes. */
export function consentToApplication(env: EntraEnv, time: number, by: DirectoryInitiator & { kind: 'user' }, app: App, c: ConsentSpec, o?: EmitOptions): string {
  const graph = resourceApp(env, MS_APPS.graph.displayName);
  const consentType = c.admin ? 'AllPrincipals' : 'Principal';
  const principal = c.admin ? '' : c.consenter.user.id;
  const scope = c.scopes.join(' ');
  const grant = c.scopes.length === 0
    ? '[]'
    : `[] => [[Id: ${env.log.newId().replace(/-/g, '').slice(0, 22)}, ClientId: ${app.servicePrincipalId}, PrincipalId: ${principal}, ResourceId: ${graph.servicePrincipalId}, ConsentType: ${consentType}, Scope:  ${scope}, CreatedDateTime: , LastModifiedDateTime ]]; `;
  const props = [
    scalarProp('ConsentContext.IsAdminConsent', c.admin ? 'True' : 'False'),
    scalarProp('ConsentContext.IsAppOnly', c.appOnly ? 'True' : 'False'),
    scalarProp('ConsentContext.OnBehalfOfAll', c.admin ? 'True' : 'False'),
    scalarProp('ConsentContext.Tags', 'WindowsAzureActiveDirectoryIntegratedApp'),
    scalarProp('ConsentAction.Permissions', grant),
    scalarProp('TargetId.ServicePrincipalNames', app.appId),
  ];
  const changes: ModelChange[] = c.scopes.map((value) => ({
    kind: 'addAppPermission', appId: app.appId,
    permission: {
      resourceAppId: graph.appId, resourceName: graph.displayName, value, kind: 'delegated', consentType,
      ...(c.admin ? {} : { principalId: c.consenter.user.id }), grantedDateTime: new Date(time).toISOString(), grantedBy: by.actor.upn,
    },
  }));
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Consent to application', category: 'ApplicationManagement', operationType: 'Assign',
    initiatedBy: by, targets: [spTarget(app, props)], additionalDetails: [['User-Agent', 'EvoSTS'], ['AppId', app.appId]],
    eventCategory: 'ServicePrincipal',
  }, withChanges(o, changes)).ualId;
}

/** "Add delegated permission grant" that accompanies a consent to delegated scopes. */
export function addDelegatedPermissionGrant(env: EntraEnv, time: number, by: DirectoryInitiator & { kind: 'user' }, app: App, scopes: readonly string[], admin: boolean, o?: EmitOptions): string {
  const graph = resourceApp(env, MS_APPS.graph.displayName);
  const props = [
    scalarProp('DelegatedPermissionGrant.Scope', ` ${scopes.join(' ')}`),
    scalarProp('DelegatedPermissionGrant.ConsentType', admin ? 'AllPrincipals' : 'Principal'),
    scalarProp('ServicePrincipal.ObjectID', app.servicePrincipalId),
    scalarProp('ServicePrincipal.DisplayName', app.displayName),
    scalarProp('ServicePrincipal.AppId', app.appId),
  ];
  return env.log.directory({
    time, correlationId: correlation(env), activity: 'Add delegated permission grant', category: 'ApplicationManagement', operationType: 'Assign',
    initiatedBy: by, targets: [spTarget(graph, props), { type: 'ServicePrincipal', id: app.servicePrincipalId, displayName: app.appId, modifiedProperties: [] }],
    additionalDetails: [], eventCategory: 'ServicePrincipal',
  }, o).ualId;
}
