/**
 * Small integer codes for the strings of a column, computed once per table
 * column and shared by every rule (cached on the column array itself). Rules
 * group and compare codes instead of strings, and test a value's properties
 * once per distinct value instead of once per row.
 */
import type { ColumnTable } from 'arquero';
import { identityKey } from './identities';
import { values } from './columns';
import { dictionaryOf } from '../query/exec/dictionary';

export type CodeFold = 'exact' | 'identity' | 'lower';

export interface ColumnCodes {
  /** Code of each row's value. */
  readonly codes: Int32Array;
  /** A spelling of each code's value (the first seen). */
  readonly names: readonly string[];
  readonly size: number;
}

const cache = new WeakMap<object, Map<CodeFold, ColumnCodes>>();

const folds: Record<CodeFold, (s: string) => string> = {
  exact: (s) => s,
  identity: identityKey,
  lower: (s) => s.toLowerCase(),
};

/**
 * Codes of a column's values (equal under `fold`), for every row of the table: read off the
 * column's dictionary (made by the loader for categorical columns, else built once and shared
 * with the query executor), folding each distinct value once.
 */
export function codesOf(t: ColumnTable, column: string, fold: CodeFold = 'exact'): ColumnCodes {
  const col = values(t, column) as ArrayLike<unknown>;
  let perFold = cache.get(col as object);
  if (!perFold) cache.set(col as object, (perFold = new Map()));
  const hit = perFold.get(fold);
  if (hit) return hit;
  const f = folds[fold];
  const dict = dictionaryOf(col);
  const names: string[] = [];
  const byKey = new Map<string, number>();
  const remap = new Int32Array(dict.values.length);
  let same = true;
  dict.values.forEach((v, k) => {
    // Dictionary values come in order of first occurrence: the first spelling of a key is kept.
    const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
    const key = f(s);
    let c = byKey.get(key);
    if (c === undefined) {
      c = names.length;
      names.push(s);
      byKey.set(key, c);
    }
    remap[k] = c;
    if (c !== k) same = false;
  });
  let codes = dict.codes;
  if (!same) {
    codes = new Int32Array(col.length);
    for (let r = 0; r < codes.length; r++) codes[r] = remap[dict.codes[r]!]!;
  }
  const out: ColumnCodes = { codes, names, size: names.length };
  perFold.set(fold, out);
  return out;
}

/** A per-code flag: `test` runs once per distinct value. */
export function flagsOf(c: ColumnCodes, test: (value: string) => boolean): Uint8Array {
  return Uint8Array.from(c.names, (n) => (test(n) ? 1 : 0));
}
