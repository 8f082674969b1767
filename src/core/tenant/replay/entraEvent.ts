import { normaliseOperation, succeeded, valueString, type AuditLogRow, type DirectoryAuditRow } from './rows';

export interface EntraTarget {
  type: string;
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Service principal names / app id (UAL Target Type 4). */
  servicePrincipalNames: string[];
}

export interface EntraProperty {
  newValue: unknown;
  oldValue: unknown;
}

/** One Entra directory change, from either a UAL AzureActiveDirectory record or a DirectoryAudits row. */
export interface EntraEvent {
  time: number;
  id: string;
  operation: string;
  actor: string;
  objectId: string;
  targets: EntraTarget[];
  /** Modified properties by lower-cased name (first occurrence wins). */
  props: Map<string, EntraProperty>;
  succeeded: boolean;
}

export function prop(e: EntraEvent, name: string): string {
  return valueString(e.props.get(name.toLowerCase())?.newValue);
}

export function oldProp(e: EntraEvent, name: string): string {
  return valueString(e.props.get(name.toLowerCase())?.oldValue);
}

/** New value, or old value when the change removed it (Remove ... events carry the old value only). */
export function propEither(e: EntraEvent, name: string): string {
  return prop(e, name) || oldProp(e, name);
}

function addProp(props: Map<string, EntraProperty>, name: unknown, newValue: unknown, oldValue: unknown): void {
  const key = String(name ?? '').trim().toLowerCase();
  if (key && !props.has(key)) props.set(key, { newValue, oldValue });
}

const guidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UAL Target [{ID, Type}] folds several descriptions of one object; split it back into objects. */
function ualTargets(raw: unknown): EntraTarget[] {
  if (!Array.isArray(raw)) return [];
  const targets: EntraTarget[] = [];
  let cur: EntraTarget | undefined;
  const start = (type: string, id: string) => {
    cur = { type, id, displayName: '', userPrincipalName: '', servicePrincipalNames: [] };
    targets.push(cur);
  };
  for (const t of raw) {
    if (!t || typeof t !== 'object') continue;
    const id = String((t as Record<string, unknown>).ID ?? '');
    const type = Number((t as Record<string, unknown>).Type);
    const prefixed = /^(User|ServicePrincipal|Application|Group|Device)_(.+)$/.exec(id);
    if (prefixed) { start(prefixed[1], prefixed[2]); continue; }
    if (!cur) start('', '');
    const c = cur!;
    if (type === 1 && !c.displayName) c.displayName = id;
    else if (type === 5) c.userPrincipalName = id;
    else if (type === 4) c.servicePrincipalNames.push(id);
    else if (type === 2 && /^(User|ServicePrincipal|Application|Group|Device)$/.test(id)) c.type ||= id;
    else if (type === 2 && guidRe.test(id) && !c.id) c.id = id;
  }
  return targets;
}

export function entraEventFromAuditLog(row: AuditLogRow): EntraEvent {
  const props = new Map<string, EntraProperty>();
  if (Array.isArray(row.ModifiedProperties)) {
    for (const p of row.ModifiedProperties) {
      if (p && typeof p === 'object') {
        const r = p as Record<string, unknown>;
        addProp(props, r.Name, r.NewValue, r.OldValue);
      }
    }
  }
  return {
    time: row.Time, id: row.Id ?? '', operation: normaliseOperation(row.Operation), actor: row.UserId ?? '', objectId: row.ObjectId ?? '',
    targets: ualTargets(row.Target), props, succeeded: succeeded(row.ResultStatus),
  };
}

export function entraEventFromDirectoryAudit(row: DirectoryAuditRow): EntraEvent {
  const props = new Map<string, EntraProperty>();
  const targets: EntraTarget[] = [];
  if (Array.isArray(row.ModifiedProperties)) {
    for (const p of row.ModifiedProperties) {
      if (p && typeof p === 'object') {
        const r = p as Record<string, unknown>;
        addProp(props, r.Name ?? r.displayName, r.NewValue ?? r.newValue, r.OldValue ?? r.oldValue);
      }
    }
  }
  const resources = typeof row.TargetResources === 'string' ? unwrapJson(row.TargetResources) : row.TargetResources;
  if (Array.isArray(resources)) {
    for (const t of resources) {
      if (!t || typeof t !== 'object') continue;
      const r = t as Record<string, unknown>;
      targets.push({
        type: String(r.type ?? ''), id: String(r.id ?? ''), displayName: String(r.displayName ?? ''),
        userPrincipalName: String(r.userPrincipalName ?? ''), servicePrincipalNames: [],
      });
      if (Array.isArray(r.modifiedProperties)) {
        for (const p of r.modifiedProperties) {
          if (p && typeof p === 'object') {
            const q = p as Record<string, unknown>;
            addProp(props, q.displayName, q.newValue, q.oldValue);
          }
        }
      }
    }
  }
  return {
    time: row.Time, id: row.Id ?? '', operation: normaliseOperation(row.Operation), actor: row.InitiatedByUser || row.InitiatedByApp || '',
    objectId: targets[0]?.id ?? '', targets, props, succeeded: succeeded(row.Result),
  };
}

function unwrapJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}

