/**
 * Decides what a parsed JSON record is and which source families feed its row.
 * Envelopes are unwrapped first: {"input":{"message":"<json>"}} (log shippers' test
 * fixtures), {"message":"<json>"}, Azure Monitor {"records":[...]} / Graph {"value":[...]}
 * pages, and Azure Monitor diagnostic records {time, category, properties}.
 */
import type { SourceFamily, TableName } from '../schema/types';

export interface RoutedRecord {
  readonly table: TableName;
  /** Objects and the family each is read as, most preferred first. */
  readonly parts: ReadonlyArray<readonly [Record<string, unknown>, SourceFamily]>;
}

export type Classification =
  | { readonly kind: 'record'; readonly routed: RoutedRecord }
  | { readonly kind: 'many'; readonly items: readonly unknown[] }
  | { readonly kind: 'reject'; readonly reason: string };

const signInCategories = new Set([
  'signinlogs', 'noninteractiveusersigninlogs', 'serviceprincipalsigninlogs', 'managedidentitysigninlogs',
  'adfssigninlogs', 'aadnoninteractiveusersigninlogs', 'aadserviceprincipalsigninlogs', 'aadmanagedidentitysigninlogs',
]);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Case-insensitive key access (exact spelling first). */
export function getCI(o: Obj, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k in o) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function hasCI(o: Obj, key: string): boolean {
  const v = getCI(o, key);
  return v !== undefined;
}

function parseJsonObject(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** A record as read from a file: JSON values of any kind. */
export function classifyJson(value: unknown, depth = 0): Classification {
  if (Array.isArray(value)) return { kind: 'many', items: value };
  if (!isObj(value)) return { kind: 'reject', reason: `not a JSON object (${value === null ? 'null' : typeof value})` };
  const o = value;

  // Hot path: Unified Audit Log AuditData.
  if ('CreationTime' in o && ('Operation' in o || 'RecordType' in o)) {
    return { kind: 'record', routed: { table: 'AuditLogs', parts: [[o, 'ual']] } };
  }
  if (depth > 4) return { kind: 'reject', reason: 'envelopes nested too deep' };

  const input = getCI(o, 'input');
  if (isObj(input) && typeof getCI(input, 'message') === 'string') {
    const inner = parseJsonObject(getCI(input, 'message') as string);
    if (inner === undefined) return { kind: 'reject', reason: 'input.message is not valid JSON' };
    return classifyJson(inner, depth + 1);
  }
  const message = getCI(o, 'message');
  if (typeof message === 'string' && Object.keys(o).length <= 3 && message.trimStart().startsWith('{')) {
    const inner = parseJsonObject(message);
    if (inner !== undefined) return classifyJson(inner, depth + 1);
  }
  for (const pageKey of ['value', 'records']) {
    const page = getCI(o, pageKey);
    if (Array.isArray(page) && !hasCI(o, 'operation') && !hasCI(o, 'CreationTime')) return { kind: 'many', items: page };
  }

  // Azure Monitor diagnostic settings (Event Hub / storage) records.
  const category = getCI(o, 'category');
  const properties = getCI(o, 'properties');
  if (typeof category === 'string' && isObj(properties) && (hasCI(o, 'time') || hasCI(o, 'operationName'))) {
    const cat = category.toLowerCase();
    if (signInCategories.has(cat)) return record('SignIns', [[properties, 'graphSignIn'], [o, 'graphSignIn']]);
    if (cat === 'auditlogs') return record('DirectoryAudits', [[properties, 'graphDirectoryAudit'], [o, 'graphDirectoryAudit']]);
    return { kind: 'reject', reason: `Azure Monitor category "${category}" is not loaded (sign-in and AuditLogs categories are)` };
  }

  // Graph audit log query record: camelCase top level + auditData.
  const auditData = getCI(o, 'auditData');
  if (auditData !== undefined && (hasCI(o, 'auditLogRecordType') || hasCI(o, 'createdDateTime'))) {
    const inner = typeof auditData === 'string' ? parseJsonObject(auditData) : auditData;
    return isObj(inner)
      ? record('AuditLogs', [[inner, 'ual'], [o, 'graphAuditRecord']])
      : record('AuditLogs', [[o, 'graphAuditRecord']]);
  }
  // Search-UnifiedAuditLog objects (ConvertTo-Json): CreationDate, UserIds, Operations, AuditData string.
  if (typeof auditData === 'string') {
    const inner = auditData.trim() === '' ? undefined : parseJsonObject(auditData);
    if (!isObj(inner)) return { kind: 'reject', reason: auditData.trim() === '' ? 'empty AuditData' : 'AuditData is not valid JSON' };
    return record('AuditLogs', [[inner, 'ual'], [o, 'purviewCsv']]);
  }

  const type = getCI(o, 'Type');
  const typeName = typeof type === 'string' ? type.toLowerCase() : '';
  if (typeName === 'officeactivity' || hasCI(o, 'OfficeWorkload')) return record('AuditLogs', [[o, 'officeActivity']]);
  if (signInCategories.has(typeName)) return record('SignIns', [[o, 'sentinelSignIn']]);
  if (typeName === 'auditlogs') return record('DirectoryAudits', [[o, 'sentinelAuditLogs']]);

  if (hasCI(o, 'activityDateTime') && hasCI(o, 'activityDisplayName')) return record('DirectoryAudits', [[o, 'graphDirectoryAudit']]);
  if (hasCI(o, 'createdDateTime') && (hasCI(o, 'appDisplayName') || hasCI(o, 'clientAppUsed'))) {
    return record('SignIns', [[o, 'graphSignIn']]);
  }
  if (hasCI(o, 'CreationTime') && (hasCI(o, 'Operation') || hasCI(o, 'RecordType'))) return record('AuditLogs', [[o, 'ual']]);
  if (hasCI(o, 'TimeGenerated') && hasCI(o, 'ResultType') && hasCI(o, 'AppDisplayName')) return record('SignIns', [[o, 'sentinelSignIn']]);
  if (hasCI(o, 'TimeGenerated') && hasCI(o, 'OperationName') && hasCI(o, 'TargetResources')) return record('DirectoryAudits', [[o, 'sentinelAuditLogs']]);

  const keys = Object.keys(o).slice(0, 6).join(', ');
  return { kind: 'reject', reason: `not a recognised audit, sign-in or directory record (keys: ${keys}${Object.keys(o).length > 6 ? ', ...' : ''})` };
}

function record(table: TableName, parts: Array<[Obj, SourceFamily]>): Classification {
  return { kind: 'record', routed: { table, parts } };
}
