/** JSON with a stable layout: object keys sorted (deeply), 2-space indent, a trailing newline. */
import type { JsonValue } from './types';

/** A copy of `value` whose objects have their keys in sorted order; undefined members are dropped. */
export function sortKeysDeep(value: unknown): JsonValue {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value as JsonValue;
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeysDeep(v)));
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function') continue;
    Object.defineProperty(out, key, { value: sortKeysDeep(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Pretty JSON of a value whose key order the caller has already fixed. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
