/**
 * Derives TargetMailbox, Grantee, AccessRights and Automapping for permission changes,
 * from the cmdlet's Parameters (Exchange admin records), the folder-permission item
 * (mailbox audit records) or the modified properties (Entra consent records).
 */
import { toBool } from './convert';

export interface PermissionColumns {
  targetMailbox: string;
  grantee: string;
  accessRights: string;
  automapping: boolean | null;
}

type Bag = Record<string, unknown>;

function param(bag: Bag | null, ...names: string[]): string {
  if (!bag) return '';
  for (const name of names) {
    let v = bag[name];
    if (v === undefined) {
      const lower = name.toLowerCase();
      const key = Object.keys(bag).find((k) => k.toLowerCase() === lower);
      v = key === undefined ? undefined : bag[key];
    }
    if (v !== undefined && v !== null && v !== '') return Array.isArray(v) ? v.join(',') : String(v);
  }
  return '';
}

/** "@{Add="a@x","b@x"}" / "@{add=a@x}" / "a@x" -> "a@x,b@x" (the identities being granted). */
export function identitiesOf(value: string): string {
  const m = /^@\{\s*(?:add|Add|ADD)\s*=\s*(.*)\}\s*$/s.exec(value.trim());
  const inner = m ? m[1]! : value;
  return inner.split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter(Boolean).join(',');
}

/** "user@x:\Inbox" -> "user@x" (folder permission identities name mailbox:\folder). */
function mailboxOfFolderIdentity(identity: string): string {
  const at = identity.indexOf(':\\');
  return at > 0 ? identity.slice(0, at) : identity;
}

function modified(props: unknown, name: string): string {
  if (!Array.isArray(props)) return '';
  for (const p of props) {
    if (p && typeof p === 'object' && (p as Bag).Name === name) {
      const v = (p as Bag).NewValue;
      return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return '';
}

/** "... Scope:  openid profile Mail.Read, CreatedDateTime ..." -> "openid,profile,Mail.Read" */
export function consentScopes(permissions: string): string {
  const scopes = new Set<string>();
  for (const m of permissions.matchAll(/Scope:\s*([^,\]]*)/g)) {
    for (const s of m[1]!.trim().split(/\s+/)) if (s) scopes.add(s);
  }
  return [...scopes].join(',');
}

const NONE: PermissionColumns = { targetMailbox: '', grantee: '', accessRights: '', automapping: null };

export function derivePermissionColumns(
  operation: string, parameters: Bag | null, modifiedProperties: unknown,
  item: unknown, mailboxOwner: string, objectId: string,
): PermissionColumns {
  switch (operation.toLowerCase()) {
    case 'add-mailboxpermission':
    case 'remove-mailboxpermission':
      return {
        targetMailbox: param(parameters, 'Identity'),
        grantee: param(parameters, 'User', 'Trustee'),
        accessRights: param(parameters, 'AccessRights'),
        automapping: toBool(param(parameters, 'AutoMapping')),
      };
    case 'add-recipientpermission':
    case 'remove-recipientpermission':
      return { ...NONE, targetMailbox: param(parameters, 'Identity'), grantee: param(parameters, 'Trustee', 'User'), accessRights: param(parameters, 'AccessRights') || 'SendAs' };
    case 'set-mailbox': {
      const sob = param(parameters, 'GrantSendOnBehalfTo');
      if (!sob) return { ...NONE, targetMailbox: param(parameters, 'Identity') };
      return { ...NONE, targetMailbox: param(parameters, 'Identity'), grantee: identitiesOf(sob), accessRights: 'SendOnBehalf' };
    }
    case 'add-mailboxfolderpermission':
    case 'set-mailboxfolderpermission':
    case 'remove-mailboxfolderpermission':
      return { ...NONE, targetMailbox: mailboxOfFolderIdentity(param(parameters, 'Identity')), grantee: param(parameters, 'User'), accessRights: param(parameters, 'AccessRights') };
    case 'addfolderpermissions':
    case 'modifyfolderpermissions':
    case 'removefolderpermissions':
    case 'updatefolderpermissions': {
      const folder = item && typeof item === 'object' ? ((item as Bag).ParentFolder as Bag | undefined) : undefined;
      return {
        ...NONE,
        targetMailbox: mailboxOwner,
        grantee: folder ? String(folder.MemberUpn ?? folder.MemberSid ?? '') : '',
        accessRights: folder ? String(folder.MemberRights ?? '') : '',
      };
    }
    case 'new-managementroleassignment':
    case 'set-managementroleassignment':
    case 'remove-managementroleassignment':
      return {
        ...NONE,
        targetMailbox: param(parameters, 'CustomResourceScope', 'RecipientRelativeWriteScope'),
        grantee: param(parameters, 'App', 'User', 'SecurityGroup', 'Policy', 'Identity', 'Name'),
        accessRights: param(parameters, 'Role'),
      };
    case 'new-managementscope':
    case 'set-managementscope':
    case 'remove-managementscope':
      return { ...NONE, targetMailbox: param(parameters, 'Name', 'Identity') };
    case 'new-applicationaccesspolicy':
    case 'set-applicationaccesspolicy':
    case 'remove-applicationaccesspolicy':
      return { ...NONE, targetMailbox: param(parameters, 'PolicyScopeGroupId', 'Identity'), grantee: param(parameters, 'AppId'), accessRights: param(parameters, 'AccessRight') };
    case 'new-serviceprincipal':
    case 'remove-serviceprincipal':
      return { ...NONE, grantee: param(parameters, 'AppId', 'Identity') };
    case 'add-distributiongroupmember':
    case 'remove-distributiongroupmember':
      return { ...NONE, targetMailbox: param(parameters, 'Identity'), grantee: param(parameters, 'Member') };
    case 'set-mailboxauditbypassassociation':
      return { ...NONE, targetMailbox: param(parameters, 'Identity') };
    case 'add app role assignment to service principal':
      return { ...NONE, grantee: modified(modifiedProperties, 'ServicePrincipal.AppId') || objectId, accessRights: modified(modifiedProperties, 'AppRole.Value') };
    case 'add delegated permission grant':
      return { ...NONE, grantee: modified(modifiedProperties, 'ServicePrincipal.AppId') || objectId, accessRights: modified(modifiedProperties, 'DelegatedPermissionGrant.Scope').trim().split(/\s+/).filter(Boolean).join(',') };
    case 'consent to application':
      return { ...NONE, grantee: objectId, accessRights: consentScopes(modified(modifiedProperties, 'ConsentAction.Permissions')) };
    default:
      return NONE;
  }
}
