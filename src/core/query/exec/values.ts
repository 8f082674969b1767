/** Run-time values and their KQL conversions (datetime = epoch ms, timespan = ms, strings never null). */
import type { ScalarType } from '../types';

export type RowFn = (row: number) => unknown;

export function isNull(v: unknown): v is null | undefined {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** A property bag with no prototype: keys such as `__proto__` or `constructor` stay plain data. */
export function newBag(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export function isBag(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !ArrayBuffer.isView(v);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `bag.name`: own properties only, never the prototype chain. */
export function getMember(v: unknown, name: string): unknown {
  if (!isBag(v)) return null;
  return hasOwn.call(v, name) ? (v[name] ?? null) : null;
}

/** `arr[i]` (negative counts from the end) or `bag["key"]`. */
export function getIndex(v: unknown, index: unknown): unknown {
  if (Array.isArray(v)) {
    if (typeof index !== 'number' || !Number.isInteger(index)) return null;
    const i = index < 0 ? v.length + index : index;
    return i >= 0 && i < v.length ? (v[i] ?? null) : null;
  }
  if (typeof index === 'string') return getMember(v, index);
  return null;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDatetime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const frac = ((ms % 1000) + 1000) % 1000;
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return frac ? `${base}.${pad(Math.floor(frac), 3)}0000Z` : `${base}Z`;
}

/** KQL's timespan text: [-][d.]hh:mm:ss[.fffffff] */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86400000);
  rest -= days * 86400000;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const s = Math.floor(rest / 1000);
  const frac = Math.round((rest - s * 1000) * 10000);
  return `${sign}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${frac ? `.${String(frac).padStart(7, '0')}` : ''}`;
}

/** tostring(): the text of a value of the given static type ('' for null). */
export function toKqlString(v: unknown, type: ScalarType): string {
  if (isNull(v)) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (type === 'datetime') return formatDatetime(v);
    if (type === 'timespan') return formatTimespan(v);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return formatDatetime(v.getTime());
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** The value a dynamic holds, as a comparable scalar (numbers, strings, booleans) or the value itself. */
export function dynScalar(v: unknown): unknown {
  return v instanceof Date ? v.getTime() : v;
}

/** Equality across types, for comparisons involving dynamic values. */
export function looseEquals(a: unknown, b: unknown): boolean | null {
  if (isNull(a) || isNull(b)) return null;
  const x = dynScalar(a);
  const y = dynScalar(b);
  if (typeof x === typeof y && typeof x !== 'object') return x === y;
  if (typeof x === 'object' || typeof y === 'object') return JSON.stringify(x) === JSON.stringify(y);
  return String(x) === String(y);
}

/** Total order used by sort, min/max and comparisons: numbers, then strings, booleans; null is handled by callers. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const sa = JSON.stringify(a) ?? '';
  const sb = JSON.stringify(b) ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function rank(v: unknown): number {
  switch (typeof v) {
    case 'boolean': return 0;
    case 'number': return 1;
    case 'string': return 2;
    default: return 3;
  }
}

/** A hashable key for a value (group-by, distinct, join, dcount, make_set). */
export function keyOf(v: unknown): unknown {
  if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (v !== null && typeof v === 'object') return `\u0000${JSON.stringify(v)}`;
  return v;
}

/** The KQL "term" characters: letters and digits (has/has_cs match whole terms). */
export function isTermChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}
