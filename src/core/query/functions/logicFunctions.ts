/** Conditionals and null tests: iff, iif, case, coalesce, isempty, isnotempty, isnull, isnotnull, not; abs, round. */
import { isNull } from '../exec/values';
import type { ScalarType } from '../types';
import { checkSameTypes, fn, returnsType, type ScalarFunction } from './types';

/** The type several branches share: long and real give real; differing types give dynamic. */
export function commonType(types: readonly ScalarType[]): ScalarType {
  let out: ScalarType = 'unknown';
  for (const t of types) {
    if (t === 'unknown' || t === out) continue;
    if (out === 'unknown') out = t;
    else if ((out === 'long' && t === 'real') || (out === 'real' && t === 'long')) out = 'real';
    else return 'dynamic';
  }
  return out;
}

const isEmptyValue = (v: unknown): boolean => isNull(v) || v === '';

export const logicFunctions: readonly ScalarFunction[] = [
  ...(['iff', 'iif'] as const).map((name) => fn({
    name, signature: `${name}(condition: bool, ifTrue, ifFalse)`, description: 'ifTrue when the condition is true, else ifFalse.',
    minArgs: 3, maxArgs: 3, params: ['bool', 'any', 'any'], returns: (t) => commonType([t[1]!, t[2]!]),
    checkTypes: checkSameTypes(() => [1, 2], true),
    compile: ([c, a, b]) => (r) => (c!(r) === true ? a!(r) : b!(r)),
  })),
  fn({
    name: 'case', signature: 'case(predicate1, then1, [predicate2, then2, ...] else)', description: 'The value after the first true predicate, else the last argument.',
    minArgs: 3, maxArgs: 255, params: ['any'], returns: (t) => commonType(t.filter((_, i) => i % 2 === 1 || i === t.length - 1)),
    checkTypes: (t) => {
      for (let i = 0; i + 1 < t.length; i += 2) {
        const p = t[i];
        if (p !== undefined && p !== 'bool' && p !== 'unknown') return { arg: i, message: `Each predicate of case must be true/false; this is ${p}.` };
      }
      return checkSameTypes((n) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 1 || i === n - 1))(t);
    },
    compile: (args) => (r) => {
      const n = args.length;
      for (let i = 0; i + 1 < n; i += 2) if (args[i]!(r) === true) return args[i + 1]!(r);
      return args[n - 1]!(r);
    },
  }),
  fn({
    name: 'coalesce', signature: 'coalesce(arg1, arg2, ...)', description: 'The first argument that is not null (or empty, for strings).',
    minArgs: 2, maxArgs: 64, params: ['any'], returns: (t) => commonType(t),
    checkTypes: checkSameTypes((n) => Array.from({ length: n }, (_, i) => i)),
    compile: (args) => (r) => {
      for (const a of args) {
        const v = a(r);
        if (!isEmptyValue(v)) return v;
      }
      const last = args[args.length - 1]!(r);
      return last === '' ? '' : null;
    },
  }),
  fn({
    name: 'isempty', signature: 'isempty(value): bool', description: 'true when the value is null or an empty string.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('bool'),
    compile: ([a]) => (r) => isEmptyValue(a!(r)),
  }),
  fn({
    name: 'isnotempty', signature: 'isnotempty(value): bool', description: 'true when the value is neither null nor an empty string.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('bool'),
    compile: ([a]) => (r) => !isEmptyValue(a!(r)),
  }),
  fn({
    name: 'isnull', signature: 'isnull(value): bool', description: 'true when the value is null (strings are never null: use isempty).',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('bool'),
    compile: ([a]) => (r) => isNull(a!(r)),
  }),
  fn({
    name: 'isnotnull', signature: 'isnotnull(value): bool', description: 'true when the value is not null.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: returnsType('bool'),
    compile: ([a]) => (r) => !isNull(a!(r)),
  }),
  fn({
    name: 'not', signature: 'not(condition: bool): bool', description: 'The negation of the condition (null stays null).',
    minArgs: 1, maxArgs: 1, params: ['bool'], returns: returnsType('bool'),
    compile: ([a]) => (r) => {
      const v = a!(r);
      return typeof v === 'boolean' ? !v : null;
    },
  }),
  fn({
    name: 'abs', resultName: 'firstArgument', signature: 'abs(x: number): number', description: 'The absolute value.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: (t) => t[0] ?? 'unknown',
    checkTypes: (t) => (t[0] !== undefined && !['long', 'real', 'timespan', 'unknown'].includes(t[0]) ? { arg: 0, message: `abs needs a number or a timespan; this is ${t[0]}.` } : undefined),
    compile: ([a]) => (r) => {
      const v = a!(r);
      return typeof v === 'number' ? Math.abs(v) : null;
    },
  }),
  fn({
    name: 'round', resultName: 'firstArgument', signature: 'round(x: real [, precision: long]): real', description: 'x rounded to the given number of decimals (default 0).',
    minArgs: 1, maxArgs: 2, params: ['real', 'long'], returns: (t) => (t[0] === 'long' ? 'long' : 'real'),
    compile: ([a, p]) => (r) => {
      const v = a!(r);
      if (typeof v !== 'number') return null;
      const digits = p ? Number(p(r)) : 0;
      const f = 10 ** (Number.isFinite(digits) ? Math.trunc(digits) : 0);
      return Math.round(v * f) / f;
    },
  }),
];
