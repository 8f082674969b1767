/** Value converters: raw source values to the typed values of the catalogue's columns. */
import { logonTypeNames, recordTypeNames, userTypeNames } from '../schema/enums';
import { parsePowerShellParameters } from './powerShellParameters';

const recordTypeByLower = new Map<string, string>(
  Object.values(recordTypeNames).map((n) => [n.toLowerCase(), n]),
);

function enumName(value: unknown, byNumber: Readonly<Record<number, string>>, byLower?: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return byNumber[value] ?? String(value);
  const s = String(value).trim();
  if (/^\d+$/.test(s)) return byNumber[Number(s)] ?? s;
  return byLower?.get(s.toLowerCase()) ?? s;
}

export function toRecordType(value: unknown): string {
  return enumName(value, recordTypeNames, recordTypeByLower);
}

const logonByLower = new Map(Object.values(logonTypeNames).map((n) => [n.toLowerCase(), n]));
export function toLogonType(value: unknown): string {
  return enumName(value, logonTypeNames, logonByLower);
}

const userTypeByLower = new Map(Object.values(userTypeNames).map((n) => [n.toLowerCase(), n]));
export function toUserType(value: unknown): string {
  return enumName(value, userTypeNames, userTypeByLower);
}

const resultSpellings = new Map<string, string>([
  ['succeeded', 'Succeeded'], ['success', 'Succeeded'], ['successful', 'Succeeded'], ['true', 'Succeeded'],
  ['failed', 'Failed'], ['failure', 'Failed'], ['false', 'Failed'], ['fail', 'Failed'],
  ['partiallysucceeded', 'PartiallySucceeded'], ['partial', 'PartiallySucceeded'],
]);

/** Folds Succeeded / Success / Successful / True / TRUE / success (and the failure spellings). */
export function toResultStatus(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value).trim();
  return resultSpellings.get(s.toLowerCase()) ?? s;
}

/** Operation names: trims spaces and a trailing period ("Add service principal." -> "Add service principal"). */
export function toOperation(value: unknown): string {
  if (typeof value !== 'string') return value === null || value === undefined ? '' : String(value);
  let s = value.trim();
  if (s.endsWith('.')) s = s.slice(0, -1).trimEnd();
  return s;
}

export function toStringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function toBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return null;
  // The spellings nearly every record uses, without the string work below.
  if (value === 'False' || value === 'false') return false;
  if (value === 'True' || value === 'true') return true;
  const s = value.trim().toLowerCase().replace(/^\$/, '');
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return null;
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Parses text that holds JSON (an object or array inside a string); other values are returned as they are. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  const s = value.trim();
  if (s === '') return null;
  const c = s.charCodeAt(0);
  if (c !== 123 /* { */ && c !== 91 /* [ */ && c !== 34 /* " */) return value;
  try {
    return JSON.parse(s);
  } catch {
    return value;
  }
}

/** Dynamic column values: JSON inside strings parsed, and inside records' Value/NewValue/OldValue too. */
export function toDynamic(value: unknown): unknown {
  const v = parseJsonText(value);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        for (const k of ['NewValue', 'OldValue', 'newValue', 'oldValue']) {
          if (typeof o[k] === 'string') o[k] = parseEmbedded(o[k] as string);
        }
      }
    }
  }
  return v;
}

/** Embedded JSON values such as "[\r\n  true\r\n]" or "\"Mail.Read\"" become their value; other values stay as they are. */
export function parseEmbedded(s: unknown): unknown {
  if (typeof s !== 'string') return s;
  const t = s.trim();
  if (t === '') return s;
  const c = t.charCodeAt(0);
  if (c !== 123 && c !== 91 && c !== 34) return s;
  try {
    const v = JSON.parse(t);
    if (Array.isArray(v) && v.length === 1 && typeof v[0] !== 'object') return v[0];
    return v;
  } catch {
    return s;
  }
}

/**
 * [{Name, Value}] arrays (Parameters, ExtendedProperties, AdditionalDetails, OperationProperties),
 * and PowerShell parameter strings, to a name -> value bag. The first spelling of a name wins; later case-variants are kept under
 * their own spelling so nothing is lost.
 */
export function toNameValueBag(value: unknown): Record<string, unknown> | null {
  const v = parseJsonText(value);
  if (v === null || v === undefined) return null;
  // Security & Compliance cmdlets write their parameters as one PowerShell string.
  if (typeof v === 'string') return parsePowerShellParameters(v);
  if (!Array.isArray(v)) return typeof v === 'object' ? (v as Record<string, unknown>) : null;
  const bag: Record<string, unknown> = Object.create(null);
  for (const item of v) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const name = o.Name ?? o.name ?? o.key ?? o.Key;
    if (typeof name !== 'string' || name === '__proto__') continue;
    const val = 'Value' in o ? o.Value : 'value' in o ? o.value : null;
    if (!(name in bag)) bag[name] = val;
  }
  return bag;
}

/** Names of OperationProperties entries that have columns of their own (MailAccessType, IsThrottled). */
const ownColumns = new Set(['MailAccessType', 'IsThrottled']);

/**
 * OperationProperties as a name -> value bag, or null when every entry is one that has a column of
 * its own (MailItemsAccessed records: a million of them would otherwise repeat two columns).
 */
export function toOperationProperties(value: unknown): Record<string, unknown> | null {
  // The fast lane hands every record with the same OperationProperties text one frozen value: convert it once.
  if (typeof value === 'object' && value !== null && Object.isFrozen(value)) {
    let bag = convertedProperties.get(value);
    if (bag === undefined) {
      bag = operationPropertiesOf(value);
      if (bag !== null) Object.freeze(bag);
      convertedProperties.set(value, bag);
    }
    return bag;
  }
  return operationPropertiesOf(value);
}

/** Conversions of frozen (shared) OperationProperties values; the bags they give are shared too, as read-only. */
const convertedProperties = new WeakMap<object, Record<string, unknown> | null>();

function operationPropertiesOf(value: unknown): Record<string, unknown> | null {
  const v = parseJsonText(value);
  if (Array.isArray(v) && v.every((p) => p !== null && typeof p === 'object' && ownColumns.has((p as Record<string, unknown>).Name as string))) return null;
  return toNameValueBag(v);
}
