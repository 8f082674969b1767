import type { TenantModel } from './model';

/** A snapshot that does not have the TenantModel shape; `path` names the first offending value. */
export class TenantModelError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'TenantModelError';
  }
}

type Check = (v: unknown, path: string) => void;

const fail = (path: string, problem: string): never => {
  throw new TenantModelError(path, problem);
};
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const str: Check = (v, p) => { if (typeof v !== 'string') fail(p, `expected a string, found ${kindOf(v)}`); };
const bool: Check = (v, p) => { if (typeof v !== 'boolean') fail(p, `expected true or false, found ${kindOf(v)}`); };
const oneOf = (...values: string[]): Check => (v, p) => {
  if (typeof v !== 'string' || !values.includes(v)) fail(p, `expected one of ${values.join(', ')}`);
};
const arrayOf = (item: Check): Check => (v, p) => {
  if (!Array.isArray(v)) fail(p, `expected an array, found ${kindOf(v)}`);
  (v as unknown[]).forEach((x, i) => item(x, `${p}[${i}]`));
};
const strings = arrayOf(str);
const optional = (check: Check): Check => (v, p) => { if (v !== undefined && v !== null) check(v, p); };
const record = (value: Check): Check => (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, `expected an object, found ${kindOf(v)}`);
  for (const [k, x] of Object.entries(v as object)) value(x, `${p}.${k}`);
};
const object = (fields: Record<string, Check>): Check => (v, p) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, `expected an object, found ${kindOf(v)}`);
  const o = v as Record<string, unknown>;
  for (const [name, check] of Object.entries(fields)) check(o[name], `${p}.${name}`);
};

const user = object({
  id: str, userPrincipalName: str, displayName: str, userType: oneOf('Member', 'Guest'), createdDateTime: str, accountEnabled: bool,
  department: optional(str), jobTitle: optional(str), company: optional(str), city: optional(str), country: optional(str),
});
const group = object({ id: str, displayName: str, mailEnabledSecurity: bool, members: strings, mail: optional(str), alias: optional(str), distinguishedName: optional(str) });
const mailbox = object({
  guid: str, userPrincipalName: str, primarySmtpAddress: str, alias: str, name: str, displayName: str,
  recipientTypeDetails: oneOf('UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox', 'DiscoveryMailbox'),
  department: optional(str), company: optional(str), city: optional(str), exchangeGuid: optional(str), userId: optional(str),
  customAttributes: record(str),
  audit: object({ auditEnabled: bool, auditBypassEnabled: bool, auditOwner: strings, auditDelegate: strings, auditAdmin: strings }),
  grantSendOnBehalfTo: strings,
});
const credential = object({ keyId: str, type: oneOf('password', 'certificate'), startDateTime: str, endDateTime: optional(str), displayName: optional(str) });
const permission = object({
  resourceAppId: str, resourceName: str, value: str, kind: oneOf('application', 'delegated'),
  consentType: optional(oneOf('AllPrincipals', 'Principal')), principalId: optional(str), grantedDateTime: optional(str), grantedBy: optional(str),
});
const app = object({
  appId: str, servicePrincipalId: str, displayName: str, owners: strings, credentials: arrayOf(credential), permissions: arrayOf(permission),
  applicationObjectId: optional(str), publisher: optional(str), createdDateTime: optional(str),
});
const servicePrincipal = object({ identity: str, appId: str, objectId: str, displayName: str, createdDateTime: optional(str) });
const scope = object({ name: str, recipientRestrictionFilter: str, createdDateTime: optional(str) });
const roleAssignment = object({
  name: str, role: str, roleAssignee: str, roleAssigneeType: oneOf('ServicePrincipal', 'User', 'RoleGroup'), enabled: bool,
  customResourceScope: optional(str), createdDateTime: optional(str),
});
const policy = object({ identity: str, appId: str, accessRight: oneOf('RestrictAccess', 'DenyAccess'), policyScopeGroupId: str, description: optional(str) });
const delegation = object({
  mailbox: str, trustee: str,
  right: oneOf('FullAccess', 'SendAs', 'SendOnBehalf', 'ReadPermission', 'ChangePermission', 'ChangeOwner', 'FolderPermission'),
  folder: optional(str), folderAccessRights: optional(strings), grantedDateTime: optional(str), grantedBy: optional(str), grantRecordId: optional(str),
});

const model = object({
  schemaVersion: (v, p) => { if (v !== 1) fail(p, `unsupported snapshot version ${JSON.stringify(v) ?? 'undefined'} (this build reads version 1)`); },
  tenantId: str, domain: str, asOf: str, source: oneOf('live', 'snapshot', 'replay', 'synthetic'),
  organization: object({ auditDisabled: bool, unifiedAuditLogIngestionEnabled: bool }),
  users: arrayOf(user), groups: arrayOf(group), mailboxes: arrayOf(mailbox), apps: arrayOf(app),
  exchangeServicePrincipals: arrayOf(servicePrincipal), managementScopes: arrayOf(scope), roleAssignments: arrayOf(roleAssignment),
  accessPolicies: arrayOf(policy), delegations: arrayOf(delegation),
});

/**
 * Checks that parsed JSON is a TenantModel (schemaVersion 1) before any code relies on its shape; a
 * snapshot may come from anywhere. Accepts the model itself or an envelope `{ model: ... }`.
 */
export function parseTenantModel(json: unknown): TenantModel {
  const candidate = typeof json === 'object' && json !== null && !Array.isArray(json) && !('schemaVersion' in json) && 'model' in json
    ? (json as { model: unknown }).model
    : json;
  model(candidate, '$');
  return candidate as TenantModel;
}
