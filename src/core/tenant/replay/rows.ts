/**
 * The rows replay reads: AuditLogs and DirectoryAudits rows as plain objects
 * under the column catalogue's names (src/core/schema). Only the columns used
 * here are typed; the rest pass through.
 */
export interface AuditLogRow {
  Time: number;
  Operation: string;
  Id?: string;
  ResultStatus?: string;
  UserId?: string;
  ObjectId?: string;
  OrganizationId?: string;
  Workload?: string;
  /** Cmdlet parameters as a name -> value bag ([{Name, Value}] is accepted too). */
  Parameters?: unknown;
  /** [{Name, NewValue, OldValue}], values possibly parsed from JSON. */
  ModifiedProperties?: unknown;
  ExtendedProperties?: unknown;
  /** Entra audit targets [{ID, Type}]. */
  Target?: unknown;
  TargetMailbox?: string;
  Grantee?: string;
  AccessRights?: string;
  Automapping?: boolean | null;
  MailboxOwnerUPN?: string;
  MailboxGuid?: string;
  [column: string]: unknown;
}

export interface DirectoryAuditRow {
  Time: number;
  Operation: string;
  Id?: string;
  Result?: string;
  InitiatedByUser?: string;
  InitiatedByApp?: string;
  /** [{id, displayName, type, userPrincipalName, modifiedProperties[{displayName, oldValue, newValue}]}]. */
  TargetResources?: unknown;
  /** [{Target, Name, OldValue, NewValue}] across all targets. */
  ModifiedProperties?: unknown;
  [column: string]: unknown;
}

/** The catalogue columns replay reads, per table (a test checks they exist in src/core/schema). */
export const replayAuditLogColumns = ['Time', 'Operation', 'Id', 'ResultStatus', 'UserId', 'ObjectId', 'OrganizationId', 'Parameters',
  'ModifiedProperties', 'ExtendedProperties', 'Target', 'TargetMailbox', 'Grantee', 'AccessRights', 'Automapping', 'MailboxOwnerUPN', 'MailboxGuid'] as const;
export const replayDirectoryAuditColumns = ['Time', 'Operation', 'Id', 'Result', 'InitiatedByUser', 'InitiatedByApp', 'TargetResources', 'ModifiedProperties'] as const;

/** Operation names compared case-insensitively, without the trailing period Entra adds and with any dash as '-'. */
export function normaliseOperation(op: string): string {
  return op.trim().replace(/\.$/, '').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').toLowerCase();
}

/** Only successful records change state ('' means the source did not say, as for most cmdlet records). */
export function succeeded(status: string | undefined | null): boolean {
  const s = (status ?? '').trim().toLowerCase();
  return s === '' || s === 'succeeded' || s === 'success' || s === 'successful' || s === 'true' || s === 'partiallysucceeded';
}

/** A cmdlet parameter by name (case-insensitive), as text; undefined when absent. */
export function param(row: AuditLogRow, name: string): string | undefined {
  const bag = row.Parameters;
  const wanted = name.toLowerCase();
  if (Array.isArray(bag)) {
    for (const p of bag) {
      if (p && typeof p === 'object' && String((p as Record<string, unknown>).Name ?? '').toLowerCase() === wanted) return text((p as Record<string, unknown>).Value);
    }
    return undefined;
  }
  if (bag && typeof bag === 'object') {
    for (const [k, v] of Object.entries(bag as Record<string, unknown>)) if (k.toLowerCase() === wanted) return text(v);
  }
  return undefined;
}

export function hasParam(row: AuditLogRow, name: string): boolean {
  return param(row, name) !== undefined;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(text).join(',');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** PowerShell-ish booleans as they appear in audit parameters: True, $true, true, 1. */
export function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().toLowerCase().replace(/^\$/, '');
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no' || s === '') return false;
  return undefined;
}

/** "$null", '' and null mean: no value. */
export function isNullValue(v: string | undefined): boolean {
  return v === undefined || /^\s*(\$null)?\s*$/i.test(v);
}

/** Splits a list value on commas/semicolons outside quotes and strips quotes. */
export function splitList(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const c of v) {
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',' || c === ';' || c === '\n') { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '' && !/^\$null$/i.test(s));
}

export interface MultiValueChange {
  /** Set when the whole list is replaced. */
  replace?: string[];
  add: string[];
  remove: string[];
}

/** A multi-valued parameter: a plain list replaces; @{Add=...; Remove=...} adds and removes. */
export function parseMultiValue(v: string): MultiValueChange {
  const m = /^\s*@\{([\s\S]*)\}\s*$/.exec(v);
  if (!m) return { replace: isNullValue(v) ? [] : splitList(v), add: [], remove: [] };
  const add: string[] = [];
  const remove: string[] = [];
  // Entries are "key=value" separated by ';' or newlines; values are lists.
  const body = m[1];
  const re = /(add|remove)\s*=\s*((?:"[^"]*"|'[^']*'|[^;\n])*)/gi;
  let e: RegExpExecArray | null;
  while ((e = re.exec(body)) !== null) {
    (e[1].toLowerCase() === 'add' ? add : remove).push(...splitList(e[2]));
  }
  return { add, remove };
}

/** Applies a multi-value change to a list, case-insensitively. */
export function applyMultiValue(list: readonly string[], change: MultiValueChange): string[] {
  let out = change.replace !== undefined ? [...change.replace] : [...list];
  const removed = new Set(change.remove.map((x) => x.toLowerCase()));
  out = out.filter((x) => !removed.has(x.toLowerCase()));
  for (const a of change.add) if (!out.some((x) => x.toLowerCase() === a.toLowerCase())) out.push(a);
  return out;
}

/** A property value as found in ModifiedProperties: JSON text parsed, one-element arrays unwrapped. */
export function unwrapValue(v: unknown): unknown {
  let x = v;
  if (typeof x === 'string') {
    const t = x.trim();
    if (t.startsWith('[') || t.startsWith('{') || t.startsWith('"')) {
      try { x = JSON.parse(t); } catch { /* not JSON: keep the text */ }
    }
  }
  if (Array.isArray(x) && x.length === 1) return unwrapValue(x[0]);
  return x;
}

/** A property value as a list of strings (JSON arrays flattened). */
export function valueList(v: unknown): string[] {
  let x = v;
  if (typeof x === 'string') {
    const t = x.trim();
    if (t.startsWith('[')) {
      try { x = JSON.parse(t); } catch { /* keep text */ }
    }
  }
  if (Array.isArray(x)) return x.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
  if (x === null || x === undefined || x === '') return [];
  return [typeof x === 'string' ? x : JSON.stringify(x)];
}

export function valueString(v: unknown): string {
  const x = unwrapValue(v);
  if (x === null || x === undefined) return '';
  return typeof x === 'string' ? x : typeof x === 'object' ? JSON.stringify(x) : String(x);
}
