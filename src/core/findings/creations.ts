/**
 * Accounts and apps created within the data ("Add user", "Add application",
 * "Add service principal", from UAL and directory audits): when they were
 * created, and the records that show it (context evidence for a grant to a
 * brand-new account or app).
 */
import type { TableName } from '../schema/types';
import { entraEventFromAuditLog, entraEventFromDirectoryAudit, prop, type EntraEvent } from '../tenant/replay/entraEvent';
import { numbers, rowsWithOperation, strings, timeAt, values } from './columns';
import type { LoadedTables } from './facts';
import { fold, identityKey, looksLikeEmail } from './identities';
import type { Evidence } from './types';

export interface RecordRef {
  readonly table: TableName;
  readonly row: number;
  readonly id: string;
  readonly time: number | null;
}

export interface Creation extends RecordRef {
  readonly kind: 'account' | 'app';
  /** Every key the object is known by (UPN; app id, object id, display name), folded. */
  readonly keys: readonly string[];
}

const accountOps = ['Add user', 'Invite external user', 'Add guest'];
const appOps = ['Add application', 'Add service principal'];
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function keysOf(e: EntraEvent, kind: 'account' | 'app'): string[] {
  const t = e.targets[0];
  if (kind === 'account') {
    const upn = prop(e, 'UserPrincipalName') || t?.userPrincipalName || (looksLikeEmail(e.objectId) ? e.objectId : '') || (looksLikeEmail(t?.displayName ?? '') ? t!.displayName : '');
    return upn ? [identityKey(upn)] : [];
  }
  const appId = prop(e, 'AppId') || prop(e, 'AppPrincipalId') || (guid.test(e.objectId) ? e.objectId : '') || t?.servicePrincipalNames.find((s) => guid.test(s)) || '';
  return [appId, prop(e, 'DisplayName') || t?.displayName || '', t?.id ?? ''].map(fold).filter(Boolean);
}

/** Every creation record in the loaded AuditLogs and DirectoryAudits tables. */
export function findCreations(tables: LoadedTables): Creation[] {
  const out: Creation[] = [];
  const da = tables.DirectoryAudits;
  if (da) {
    const cols = {
      Time: numbers(da, 'Time'), Operation: strings(da, 'Operation'), Id: strings(da, 'Id'), Result: strings(da, 'Result'),
      InitiatedByUser: strings(da, 'InitiatedByUser'), InitiatedByApp: strings(da, 'InitiatedByApp'),
      TargetResources: values(da, 'TargetResources'), ModifiedProperties: values(da, 'ModifiedProperties'),
    };
    for (const [ops, kind] of [[accountOps, 'account'], [appOps, 'app']] as const) {
      for (const r of rowsWithOperation(da, ops)) {
        const e = entraEventFromDirectoryAudit({
          Time: timeAt(cols.Time, r) ?? Number.NaN, Operation: cols.Operation[r] ?? '', Id: cols.Id[r], Result: cols.Result[r],
          InitiatedByUser: cols.InitiatedByUser[r], InitiatedByApp: cols.InitiatedByApp[r],
          TargetResources: cols.TargetResources[r], ModifiedProperties: cols.ModifiedProperties[r],
        });
        const keys = keysOf(e, kind);
        if (keys.length && e.succeeded) out.push({ table: 'DirectoryAudits', row: r, id: cols.Id[r] || `#${r}`, time: timeAt(cols.Time, r), kind, keys });
      }
    }
  }
  const al = tables.AuditLogs;
  if (al) {
    const cols = {
      Time: numbers(al, 'Time'), Operation: strings(al, 'Operation'), Id: strings(al, 'Id'), ResultStatus: strings(al, 'ResultStatus'),
      UserId: strings(al, 'UserId'), ObjectId: strings(al, 'ObjectId'), ModifiedProperties: values(al, 'ModifiedProperties'), Target: values(al, 'Target'),
    };
    for (const [ops, kind] of [[accountOps, 'account'], [appOps, 'app']] as const) {
      for (const r of rowsWithOperation(al, ops)) {
        const e = entraEventFromAuditLog({
          Time: timeAt(cols.Time, r) ?? Number.NaN, Operation: cols.Operation[r] ?? '', Id: cols.Id[r], ResultStatus: cols.ResultStatus[r],
          UserId: cols.UserId[r], ObjectId: cols.ObjectId[r], ModifiedProperties: cols.ModifiedProperties[r], Target: cols.Target[r],
        });
        const keys = keysOf(e, kind);
        if (keys.length && e.succeeded) out.push({ table: 'AuditLogs', row: r, id: cols.Id[r] || `#${r}`, time: timeAt(cols.Time, r), kind, keys });
      }
    }
  }
  return out;
}

/** Evidence lists merged by table, each record once. */
export function mergeEvidence(parts: readonly Evidence[]): Evidence[] {
  const byTable = new Map<TableName, { ids: string[]; rows: number[]; seen: Set<string> }>();
  for (const e of parts) {
    let acc = byTable.get(e.table);
    if (!acc) byTable.set(e.table, (acc = { ids: [], rows: [], seen: new Set() }));
    e.ids.forEach((id, i) => {
      const row = e.rows[i] ?? -1;
      const key = `${id}|${row}`;
      if (acc!.seen.has(key)) return;
      acc!.seen.add(key);
      acc!.ids.push(id);
      acc!.rows.push(row);
    });
  }
  return [...byTable].map(([table, acc]) => ({ table, ids: acc.ids, rows: acc.rows }));
}

/** Record references as evidence. */
export function refsAsEvidence(refs: readonly RecordRef[]): Evidence[] {
  return mergeEvidence(refs.map((r) => ({ table: r.table, ids: [r.id], rows: [r.row] })));
}
