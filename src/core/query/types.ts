/** Scalar types of the query language, and the rules that relate them. */
import type { ColumnType } from '../schema';

/** KQL's scalar types; 'unknown' stands for an expression that could not be typed (errors already reported). */
export type ScalarType = ColumnType | 'unknown';

export const typeNames: readonly ScalarType[] = ['string', 'long', 'real', 'bool', 'datetime', 'timespan', 'dynamic'];

/** Type names accepted in datatable(...) and typeof(...), with KQL's aliases. */
export function typeFromName(name: string): ScalarType | undefined {
  switch (name) {
    case 'string': return 'string';
    case 'long': case 'int': return 'long';
    case 'real': case 'double': case 'decimal': return 'real';
    case 'bool': case 'boolean': return 'bool';
    case 'datetime': case 'date': return 'datetime';
    case 'timespan': case 'time': return 'timespan';
    case 'dynamic': return 'dynamic';
    default: return undefined;
  }
}

export function isNumeric(t: ScalarType): boolean {
  return t === 'long' || t === 'real';
}

/**
 * Whether a value of type `actual` may stand where `expected` is wanted. As in Kusto, a dynamic
 * value is taken where a string is wanted, not where a number, datetime, timespan or bool is.
 */
export function fits(actual: ScalarType, expected: ScalarType): boolean {
  if (actual === expected || actual === 'unknown') return true;
  if (actual === 'dynamic') return expected === 'string';
  // A whole number may stand for a real, not the other way round.
  return expected === 'real' && actual === 'long';
}
