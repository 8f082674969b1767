import { logonTypeNames, recordTypeNames, userTypeNames } from '../../schema/enums';

export function recordTypeName(code: unknown): string {
  return typeof code === 'number' ? (recordTypeNames[code] ?? String(code)) : String(code ?? '');
}

export function userTypeName(code: unknown): string {
  return typeof code === 'number' ? (userTypeNames[code] ?? String(code)) : String(code ?? '');
}

export function logonTypeName(code: unknown): string {
  return typeof code === 'number' ? (logonTypeNames[code] ?? String(code)) : String(code ?? '');
}

/** Graph's camelCase enum member for a PascalCase name (ExchangeItemAggregated -> exchangeItemAggregated). */
export function camel(name: string): string {
  return name.length === 0 ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

export function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}
