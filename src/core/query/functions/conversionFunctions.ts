/** Conversions: tostring, toint, tolong, todouble, toreal, tobool, todatetime, totimespan, parse_json, todynamic. */
import { isNull, toKqlString } from '../exec/values';
import { parseDatetimeText, parseTimespanText } from '../syntax/literals';
import { fn, returnsType, type ScalarFunction } from './types';

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const toInteger = (v: unknown): number | null => {
  const n = toNumber(v);
  return n === null ? null : Math.trunc(n);
};

/** JSON text -> value; other values pass through; text that is not JSON stays text. */
export function parseJsonValue(v: unknown): unknown {
  if (typeof v !== 'string') return isNull(v) ? null : v;
  try {
    return JSON.parse(v, (_k, value: unknown) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        // Rebuild bags without a prototype so keys like __proto__ stay data.
        const bag = Object.create(null) as Record<string, unknown>;
        for (const key of Object.keys(value)) bag[key] = (value as Record<string, unknown>)[key];
        return bag;
      }
      return value;
    }) as unknown;
  } catch {
    return v;
  }
}

export const conversionFunctions: readonly ScalarFunction[] = [
  fn({
    name: 'tostring', resultName: 'firstArgument', signature: 'tostring(value): string', description: 'The value as text (empty for null).',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('string'),
    compile: ([a], ctx) => {
      const t = ctx.argTypes[0] ?? 'dynamic';
      return (r) => toKqlString(a!(r), t);
    },
  }),
  ...(['toint', 'tolong'] as const).map((name) => fn({
    name, resultName: 'firstArgument', signature: `${name}(value): long`, description: 'The value as a whole number (fractions truncated); null when it is not a number.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('long'),
    compile: ([a]) => (r) => toInteger(a!(r)),
  })),
  ...(['todouble', 'toreal'] as const).map((name) => fn({
    name, resultName: 'firstArgument', signature: `${name}(value): real`, description: 'The value as a real number; null when it is not a number.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('real'),
    compile: ([a]) => (r) => toNumber(a!(r)),
  })),
  fn({
    name: 'tobool', resultName: 'firstArgument', signature: 'tobool(value): bool', description: "true/false from a bool, a number (non-zero is true) or the text 'true'/'false'.",
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('bool'),
    compile: ([a]) => (r) => {
      const v = a!(r);
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v !== 0 : null;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        return s === 'true' ? true : s === 'false' ? false : null;
      }
      return null;
    },
  }),
  fn({
    name: 'todatetime', resultName: 'firstArgument', signature: 'todatetime(value): datetime', description: 'Text (ISO 8601, RFC 822) as a datetime; null when it is not one.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('datetime'),
    compile: ([a], ctx) => {
      const t = ctx.argTypes[0];
      return (r) => {
        const v = a!(r);
        if (typeof v === 'string') return parseDatetimeText(v) ?? null;
        if (typeof v === 'number' && t === 'datetime') return v;
        if (v instanceof Date) return v.getTime();
        return null;
      };
    },
  }),
  fn({
    name: 'totimespan', resultName: 'firstArgument', signature: 'totimespan(value): timespan', description: "Text such as '1.02:03:04' or '30m' as a timespan; null when it is not one.",
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('timespan'),
    compile: ([a], ctx) => {
      const t = ctx.argTypes[0];
      return (r) => {
        const v = a!(r);
        if (typeof v === 'string') return parseTimespanText(v) ?? null;
        if (typeof v === 'number' && t === 'timespan') return v;
        return null;
      };
    },
  }),
  ...(['parse_json', 'todynamic'] as const).map((name) => fn({
    name, resultName: 'firstArgument', signature: `${name}(json: string): dynamic`, description: 'JSON text as a dynamic value (arrays and property bags).',
    minArgs: 1, maxArgs: 1, params: ['string'], returns: returnsType('dynamic'),
    compile: ([a]) => (r) => parseJsonValue(a!(r)),
  })),
];
