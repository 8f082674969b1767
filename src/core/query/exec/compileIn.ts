/** `x in (...)`, `!in`, `in~`, `!in~`, `has_any`, `has_all`: constant sets, subquery sets, or per-row lists. */
import { typeOf } from '../bind/binding';
import { notConstant } from '../functions';
import type { InExpr } from '../syntax/ast';
import { asText, compileExpr, constOf, type CompileScope } from './compileExpr';
import { QueryError } from './queryError';
import { memoize, stringTest } from './stringOps';
import { dynScalar, isNull, keyOf, looseEquals, toKqlString, type RowFn } from './values';

function flattenValues(v: unknown, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) flattenValues(x, out);
  else out.push(v);
}

export function compileIn(s: CompileScope, e: InExpr): RowFn {
  const binding = s.ctx.binding;
  const lt = typeOf(binding, e.left);
  const left = compileExpr(s, e.left);
  const negated = e.op === '!in' || e.op === '!in~';
  const insensitive = e.op === 'in~' || e.op === '!in~';
  if (e.op === 'has_any' || e.op === 'has_all') {
    const needles: string[] = [];
    for (const item of e.items) {
      if (item.kind === 'Pipeline') continue;
      const c = constOf(s, item);
      if (c === notConstant) throw new QueryError('runtime-error', `The values of ${e.op} must be constants.`, item);
      const flat: unknown[] = [];
      flattenValues(c, flat);
      for (const f of flat) needles.push(toKqlString(f, 'dynamic'));
    }
    const tests = needles.map((n) => stringTest('has', n));
    const text = asText(left, lt);
    const all = e.op === 'has_all';
    const test = memoize((t: string) => (all ? tests.every((f) => f(t)) : tests.some((f) => f(t))));
    return (r) => test(text(r));
  }
  // The set: a subquery's column, or constant values (arrays flattened), or per-row values.
  let set: Set<unknown> | undefined;
  let lowered: Set<string> | undefined;
  const sub = s.ctx.subquerySets.get(e);
  if (sub) {
    set = sub.values as Set<unknown>;
    lowered = sub.lowered as Set<string>;
  } else {
    const consts = e.items.map((i) => (i.kind === 'Pipeline' ? notConstant : constOf(s, i)));
    if (consts.every((c) => c !== notConstant)) {
      const flat: unknown[] = [];
      for (const c of consts) flattenValues(c, flat);
      set = new Set(flat.map((v) => keyOf(dynScalar(v))));
      lowered = new Set(flat.map((v) => toKqlString(v, 'dynamic').toLowerCase()));
    }
  }
  if (set && lowered) {
    if (insensitive) {
      const text = asText(left, lt);
      const ls = lowered;
      const test = memoize((t: string) => ls.has(t.toLowerCase()));
      return negated ? (r) => !test(text(r)) : (r) => test(text(r));
    }
    const st = set;
    const stringish = lt === 'string';
    const probe = stringish ? (v: unknown): boolean => st.has(typeof v === 'string' ? v : '') : (v: unknown): boolean => st.has(keyOf(dynScalar(v)));
    if (!stringish && lt !== 'dynamic') {
      // A null on the left is neither in nor not in the list.
      return (r) => { const v = left(r); if (isNull(v)) return null; return negated ? !probe(v) : probe(v); };
    }
    return negated ? (r) => !probe(left(r)) : (r) => probe(left(r));
  }
  const items = e.items.map((i) => (i.kind === 'Pipeline' ? () => null : compileExpr(s, i)));
  return (r) => {
    const v = dynScalar(left(r));
    const flat: unknown[] = [];
    for (const f of items) flattenValues(f(r), flat);
    const hit = insensitive
      ? flat.some((x) => toKqlString(x, 'dynamic').toLowerCase() === toKqlString(v, lt).toLowerCase())
      : flat.some((x) => looseEquals(x, v) === true);
    return negated ? !hit : hit;
  };
}

