/** The Entra side of the inventory, as Microsoft Graph returns it (only the properties used). */
import { mapLimit } from '../inventory/concurrency';
import type { GraphConnection } from './graphClient';

export interface GraphKeyCredential { keyId: string; type?: string; usage?: string; displayName?: string | null; startDateTime?: string; endDateTime?: string }
export interface GraphPasswordCredential { keyId: string; displayName?: string | null; startDateTime?: string; endDateTime?: string }
export interface GraphAppRole { id: string; value: string | null; allowedMemberTypes?: string[] }
export interface GraphPermissionScope { id: string; value: string }

export interface GraphServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appOwnerOrganizationId?: string | null;
  publisherName?: string | null;
  servicePrincipalType?: string;
  createdDateTime?: string | null;
  appRoles?: GraphAppRole[];
  oauth2PermissionScopes?: GraphPermissionScope[];
  keyCredentials?: GraphKeyCredential[];
  passwordCredentials?: GraphPasswordCredential[];
}

export interface GraphApplication {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime?: string;
  publisherDomain?: string | null;
  keyCredentials?: GraphKeyCredential[];
  passwordCredentials?: GraphPasswordCredential[];
}

export interface GraphDirectoryObject { '@odata.type'?: string; id: string; userPrincipalName?: string | null; mail?: string | null; displayName?: string | null }

export interface GraphAppRoleAssignment { id: string; appRoleId: string; principalId: string; resourceId: string; resourceDisplayName?: string; createdDateTime?: string }

export interface GraphPermissionGrant { id: string; clientId: string; consentType: 'AllPrincipals' | 'Principal'; principalId: string | null; resourceId: string; scope: string }

export interface GraphUser {
  id: string; userPrincipalName: string; displayName: string; department?: string | null; jobTitle?: string | null; companyName?: string | null;
  city?: string | null; country?: string | null; userType?: string | null; createdDateTime?: string | null; accountEnabled?: boolean | null;
}

export interface GraphGroup { id: string; displayName: string; mail?: string | null; mailNickname?: string | null; mailEnabled?: boolean; securityEnabled?: boolean }

export interface GraphInventory {
  servicePrincipals: GraphServicePrincipal[];
  applications: GraphApplication[];
  applicationOwners: Map<string, GraphDirectoryObject[]>;
  appRoleAssignments: Map<string, GraphAppRoleAssignment[]>;
  permissionGrants: GraphPermissionGrant[];
  users: GraphUser[];
  groups: GraphGroup[];
  groupMembers: Map<string, GraphDirectoryObject[]>;
}

export type StepProgress = (step: string, done: number, total: number) => void;

const SP_SELECT = 'id,appId,displayName,appOwnerOrganizationId,publisherName,servicePrincipalType,appRoles,oauth2PermissionScopes,keyCredentials,passwordCredentials';
const APP_SELECT = 'id,appId,displayName,createdDateTime,publisherDomain,keyCredentials,passwordCredentials';
const USER_SELECT = 'id,userPrincipalName,displayName,department,jobTitle,companyName,city,country,userType,createdDateTime,accountEnabled';
const GROUP_SELECT = 'id,displayName,mail,mailNickname,mailEnabled,securityEnabled';

export async function fetchGraphInventory(g: GraphConnection, options: { signal?: AbortSignal; concurrency?: number; onStep?: StepProgress } = {}): Promise<GraphInventory> {
  const { signal } = options;
  const n = options.concurrency ?? 4;
  const step = options.onStep ?? (() => undefined);
  step('Entra service principals', 0, 1);
  const servicePrincipals = await g.all<GraphServicePrincipal>(`servicePrincipals?$select=${SP_SELECT}&$top=999`, signal);
  const applications = await g.all<GraphApplication>(`applications?$select=${APP_SELECT}&$top=999`, signal);
  step('Entra service principals', 1, 1);
  const users = await g.all<GraphUser>(`users?$select=${USER_SELECT}&$top=999`, signal);
  const groups = await g.all<GraphGroup>(`groups?$select=${GROUP_SELECT}&$top=999`, signal);
  const permissionGrants = await g.all<GraphPermissionGrant>('oauth2PermissionGrants?$top=999', signal);
  const appRoleAssignments = new Map<string, GraphAppRoleAssignment[]>();
  let done = 0;
  await mapLimit(servicePrincipals, n, async (sp) => {
    appRoleAssignments.set(sp.id, await g.all<GraphAppRoleAssignment>(`servicePrincipals/${sp.id}/appRoleAssignments?$top=999`, signal));
    step('app role assignments', ++done, servicePrincipals.length);
  }, signal);
  const applicationOwners = new Map<string, GraphDirectoryObject[]>();
  await mapLimit(applications, n, async (a) => {
    applicationOwners.set(a.id, await g.all<GraphDirectoryObject>(`applications/${a.id}/owners?$select=id,userPrincipalName,displayName`, signal));
  }, signal);
  // Exchange permissions and application access policies only take mail-enabled security groups.
  const groupMembers = new Map<string, GraphDirectoryObject[]>();
  const withMembers = groups.filter((x) => x.mailEnabled && x.securityEnabled);
  done = 0;
  await mapLimit(withMembers, n, async (x) => {
    groupMembers.set(x.id, await g.all<GraphDirectoryObject>(`groups/${x.id}/members?$select=id,userPrincipalName,mail,displayName&$top=999`, signal));
    step('group members', ++done, withMembers.length);
  }, signal);
  return { servicePrincipals, applications, applicationOwners, appRoleAssignments, permissionGrants, users, groups, groupMembers };
}
