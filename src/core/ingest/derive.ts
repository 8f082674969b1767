/** Columns computed from other values of the same record, per table. */
import type { TableName } from '../schema/types';
import { getCI } from './classify';
import { toBool, toNameValueBag } from './convert';
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
export const auditLogsExtraKeys = ['OperationProperties', 'AffectedItems'] as const;
const EXTRA_OPERATION_PROPERTIES = 0;
const EXTRA_AFFECTED_ITEMS = 1;

export function deriveAuditLogs(values: unknown[], raw: readonly unknown[], at: ColumnPositions, extra: readonly unknown[]): void {
  const ipCol = at.get('ClientIp')!;
  values[at.get('ClientPort')!] = raw[ipCol] === undefined ? null : parseClientAddress(raw[ipCol]).port;

  const opProps = extra[EXTRA_OPERATION_PROPERTIES];
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
  values[at.get('MailAccessType')!] = mailAccessType;
  values[at.get('IsThrottled')!] = isThrottled;

  let affected = extra[EXTRA_AFFECTED_ITEMS];
  if (typeof affected === 'string') {
    try {
      affected = JSON.parse(affected);
    } catch {
      affected = undefined;
    }
  }
  values[at.get('ItemCount')!] = itemCount(values[at.get('Folders')!], affected);

  const perm = derivePermissionColumns(
    values[at.get('Operation')!] as string,
    values[at.get('Parameters')!] as Obj | null,
    values[at.get('ModifiedProperties')!],
    values[at.get('Item')!],
    values[at.get('MailboxOwnerUPN')!] as string,
    values[at.get('ObjectId')!] as string,
  );
  values[at.get('TargetMailbox')!] = perm.targetMailbox;
  values[at.get('Grantee')!] = perm.grantee;
  values[at.get('AccessRights')!] = perm.accessRights;
  values[at.get('Automapping')!] = perm.automapping;
}

export function deriveSignIns(values: unknown[], _raw: readonly unknown[], at: ColumnPositions, _extra: readonly unknown[]): void {
  const code = values[at.get('ErrorCode')!];
  values[at.get('ResultStatus')!] = code === null ? '' : code === 0 ? 'Succeeded' : 'Failed';
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
        OldValue: embedded(getCI(po, 'oldValue') ?? null),
        NewValue: embedded(getCI(po, 'newValue') ?? null),
      });
    }
  }
  return out;
}

function embedded(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!t.startsWith('"') && !t.startsWith('[') && !t.startsWith('{')) return v;
  try {
    const parsed = JSON.parse(t);
    return Array.isArray(parsed) && parsed.length === 1 && typeof parsed[0] !== 'object' ? parsed[0] : parsed;
  } catch {
    return v;
  }
}

export function deriveDirectoryAudits(values: unknown[], _raw: readonly unknown[], at: ColumnPositions, _extra: readonly unknown[]): void {
  const targets = values[at.get('TargetResources')!];
  const first = Array.isArray(targets) && targets[0] && typeof targets[0] === 'object' ? (targets[0] as Obj) : null;
  // Keys of exported targets vary in case ("type" and "Type" both occur).
  values[at.get('TargetName')!] = first ? String(getCI(first, 'displayName') ?? getCI(first, 'userPrincipalName') ?? '') : '';
  values[at.get('TargetId')!] = first ? String(getCI(first, 'id') ?? '') : '';
  values[at.get('TargetType')!] = first ? String(getCI(first, 'type') ?? '') : '';
  values[at.get('ModifiedProperties')!] = targetProps(targets);
}

export const deriveByTable: Record<TableName, (values: unknown[], raw: readonly unknown[], at: ColumnPositions, extra: readonly unknown[]) => void> = {
  AuditLogs: deriveAuditLogs,
  SignIns: deriveSignIns,
  DirectoryAudits: deriveDirectoryAudits,
};
