/** Columns computed from other values of the same record, per table. */
import type { TableName } from '../schema/types';
import { getCI } from './classify';
import { parseEmbedded, toBool, toNameValueBag } from './convert';
import { parseClientAddress } from './ip';
import { derivePermissionColumns } from './permissionColumns';

type Obj = Record<string, unknown>;

/** Column positions of one table, resolved once. */
export type ColumnPositions = ReadonlyMap<string, number>;

function itemCount(folders: unknown, affected: unknown): number | null {
  if (Array.isArray(folders)) {
    let n = 0;
    for (const f of folders) {
      const items = f && typeof f === 'object' ? (f as Obj).FolderItems : undefined;
      if (Array.isArray(items)) n += items.length;
    }
    return n;
  }
  if (Array.isArray(affected)) return affected.length;
  return null;
}

/** Source keys the AuditLogs derivations read besides columns (gathered by the normaliser in its key loop). */
export const auditLogsExtraKeys = ['AffectedItems'] as const;
const EXTRA_AFFECTED_ITEMS = 0;

/** Fills the derived columns of one row; `raw` holds the gathered source values, `extra` the extra keys' values. */
export type Derive = (values: unknown[], raw: readonly unknown[], extra: readonly unknown[]) => void;

function position(at: ColumnPositions, name: string): number {
  const i = at.get(name);
  if (i === undefined) throw new Error(`derived column ${name} is not in the table`);
  return i;
}

function contentMatchQuery(parameters: unknown): string {
  if (parameters === null || typeof parameters !== 'object') return '';
  const v = getCI(parameters as Obj, 'ContentMatchQuery');
  return typeof v === 'string' ? v : '';
}

function auditLogsDerive(at: ColumnPositions): Derive {
  const ip = position(at, 'ClientIp');
  const operationProperties = position(at, 'OperationProperties');
  const port = position(at, 'ClientPort');
  const mailAccess = position(at, 'MailAccessType');
  const throttled = position(at, 'IsThrottled');
  const itemCountAt = position(at, 'ItemCount');
  const folders = position(at, 'Folders');
  const operation = position(at, 'Operation');
  const parameters = position(at, 'Parameters');
  const modified = position(at, 'ModifiedProperties');
  const item = position(at, 'Item');
  const owner = position(at, 'MailboxOwnerUPN');
  const objectId = position(at, 'ObjectId');
  const targetMailbox = position(at, 'TargetMailbox');
  const grantee = position(at, 'Grantee');
  const accessRights = position(at, 'AccessRights');
  const automapping = position(at, 'Automapping');
  const searchQuery = position(at, 'SearchQuery');
  return (values, raw, extra) => {
    values[port] = raw[ip] === undefined ? null : parseClientAddress(raw[ip]).port;

    // The source's list as read (the column's bag leaves these two out).
    const opProps = raw[operationProperties];
    let mailAccessType = '';
    let isThrottled: boolean | null = null;
    const list = Array.isArray(opProps) ? opProps : opProps === undefined ? null : toNameValueBag(opProps);
    if (Array.isArray(list)) {
      for (const p of list) {
        if (!p || typeof p !== 'object') continue;
        const name = (p as Obj).Name ?? (p as Obj).name;
        const value = (p as Obj).Value ?? (p as Obj).value;
        if (name === 'MailAccessType' && typeof value === 'string') mailAccessType = value;
        else if (name === 'IsThrottled') isThrottled = toBool(value);
      }
    } else if (list) {
      if (typeof list.MailAccessType === 'string') mailAccessType = list.MailAccessType;
      isThrottled = toBool(list.IsThrottled);
    }
    values[mailAccess] = mailAccessType;
    values[throttled] = isThrottled;

    let affected = extra[EXTRA_AFFECTED_ITEMS];
    if (typeof affected === 'string') {
      try {
        affected = JSON.parse(affected);
      } catch {
        affected = undefined;
      }
    }
    values[itemCountAt] = itemCount(values[folders], affected);

    const perm = derivePermissionColumns(
      values[operation] as string,
      values[parameters] as Obj | null,
      values[modified],
      values[item],
      values[owner] as string,
      values[objectId] as string,
    );
    values[targetMailbox] = perm.targetMailbox;
    values[grantee] = perm.grantee;
    values[accessRights] = perm.accessRights;
    values[automapping] = perm.automapping;

    // Discovery records carry the query; the compliance search cmdlets only in their parameters.
    if (values[searchQuery] === '') values[searchQuery] = contentMatchQuery(values[parameters]);
  };
}

function signInsDerive(at: ColumnPositions): Derive {
  const errorCode = position(at, 'ErrorCode');
  const resultStatus = position(at, 'ResultStatus');
  return (values) => {
    const code = values[errorCode];
    values[resultStatus] = code === null ? '' : code === 0 ? 'Succeeded' : 'Failed';
  };
}

function targetProps(targets: unknown): Array<{ Target: string; Name: string; OldValue: unknown; NewValue: unknown }> {
  const out: Array<{ Target: string; Name: string; OldValue: unknown; NewValue: unknown }> = [];
  if (!Array.isArray(targets)) return out;
  for (const t of targets) {
    if (!t || typeof t !== 'object') continue;
    const target = t as Obj;
    const name = String(getCI(target, 'displayName') ?? getCI(target, 'userPrincipalName') ?? getCI(target, 'id') ?? '');
    const props = getCI(target, 'modifiedProperties');
    if (!Array.isArray(props)) continue;
    for (const p of props) {
      if (!p || typeof p !== 'object') continue;
      const po = p as Obj;
      out.push({
        Target: name,
        Name: String(getCI(po, 'displayName') ?? getCI(po, 'name') ?? ''),
        OldValue: parseEmbedded(getCI(po, 'oldValue') ?? null),
        NewValue: parseEmbedded(getCI(po, 'newValue') ?? null),
      });
    }
  }
  return out;
}

function directoryAuditsDerive(at: ColumnPositions): Derive {
  const targetResources = position(at, 'TargetResources');
  const targetName = position(at, 'TargetName');
  const targetId = position(at, 'TargetId');
  const targetType = position(at, 'TargetType');
  const modified = position(at, 'ModifiedProperties');
  return (values) => {
    const targets = values[targetResources];
    const first = Array.isArray(targets) && targets[0] && typeof targets[0] === 'object' ? (targets[0] as Obj) : null;
    // Keys of exported targets vary in case ("type" and "Type" both occur).
    values[targetName] = first ? String(getCI(first, 'displayName') ?? getCI(first, 'userPrincipalName') ?? '') : '';
    values[targetId] = first ? String(getCI(first, 'id') ?? '') : '';
    values[targetType] = first ? String(getCI(first, 'type') ?? '') : '';
    values[modified] = targetProps(targets);
  };
}

/** Per table, the derivation for a table with these column positions (resolved once, not per row). */
export const derivationFor: Record<TableName, (at: ColumnPositions) => Derive> = {
  AuditLogs: auditLogsDerive,
  SignIns: signInsDerive,
  DirectoryAudits: directoryAuditsDerive,
};
