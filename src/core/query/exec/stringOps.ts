/**
 * String operators with KQL semantics: has/has_cs match whole terms (letters and digits), contains,
 * startswith, endswith and =~ ignore case, the _cs forms do not. Predicates on a constant needle
 * remember their answer per distinct text, which makes repeated (interned) values cheap.
 */
import { compileRegex } from '../functions/regex';

export type StringTest = (text: string) => boolean;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const termChar = /[\p{L}\p{N}]/u;

/** Builds `text OP needle` for a constant needle. */
export function stringTest(op: string, needle: string): StringTest {
  const negated = op.startsWith('!');
  const base = op === '!~' ? '=~' : negated ? op.slice(1) : op;
  const test = positiveTest(base, needle);
  return negated ? (s) => !test(s) : test;
}

function termRegex(needle: string, flags: string, prefixOnly: boolean, suffixOnly: boolean): RegExp {
  const before = !suffixOnly && termChar.test(needle[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '';
  const after = !prefixOnly && termChar.test(needle[needle.length - 1] ?? '') ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${escapeRegex(needle)}${after}`, `u${flags}`);
}

function positiveTest(op: string, needle: string): StringTest {
  switch (op) {
    case '=~': {
      const lower = needle.toLowerCase();
      return (s) => s.length === needle.length && (s === needle || s.toLowerCase() === lower);
    }
    case 'has': {
      if (needle === '') return () => true;
      const rx = termRegex(needle, 'i', false, false);
      return (s) => rx.test(s);
    }
    case 'has_cs': {
      if (needle === '') return () => true;
      const rx = termRegex(needle, '', false, false);
      return (s) => s.includes(needle) && rx.test(s);
    }
    case 'hasprefix': {
      const rx = termRegex(needle, 'i', true, false);
      return (s) => rx.test(s);
    }
    case 'hassuffix': {
      const rx = termRegex(needle, 'i', false, true);
      return (s) => rx.test(s);
    }
    case 'contains': {
      const rx = new RegExp(escapeRegex(needle), 'i');
      return (s) => rx.test(s);
    }
    case 'contains_cs': return (s) => s.includes(needle);
    case 'startswith': {
      const lower = needle.toLowerCase();
      return (s) => s.length >= needle.length && s.slice(0, needle.length).toLowerCase() === lower;
    }
    case 'startswith_cs': return (s) => s.startsWith(needle);
    case 'endswith': {
      const lower = needle.toLowerCase();
      return (s) => s.length >= needle.length && s.slice(s.length - needle.length).toLowerCase() === lower;
    }
    case 'endswith_cs': return (s) => s.endsWith(needle);
    case 'matches regex': {
      const rx = compileRegex(needle);
      if (typeof rx === 'string') throw new Error(`Invalid regular expression: ${rx}`);
      return (s) => rx.test(s);
    }
    default:
      throw new Error(`unknown string operator ${op}`);
  }
}

/** Remembers a test's answer for up to `limit` distinct texts. */
export function memoize(test: StringTest, limit = 65536): StringTest {
  const memo = new Map<string, boolean>();
  return (s) => {
    const hit = memo.get(s);
    if (hit !== undefined) return hit;
    const v = test(s);
    if (memo.size < limit) memo.set(s, v);
    return v;
  };
}
