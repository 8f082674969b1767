/** Comparisons (== != < <= > >=), arithmetic (+ - * / %) and between, by the operand types. */
import { typeOf } from '../bind/binding';
import { notConstant } from '../functions';
import type { Between, Binary } from '../syntax/ast';
import { isNumeric, type ScalarType } from '../types';
import { compileExpr, constOf, type CompileScope } from './compileExpr';
import { compareValues, dynScalar, isNull, looseEquals, type RowFn } from './values';

export function compileComparison(s: CompileScope, e: Binary, lt: ScalarType, rt: ScalarType): RowFn {
  const op = e.op;
  const l = compileExpr(s, e.left);
  const c = constOf(s, e.right);
  // The hot path: a string column compared with a constant.
  if (lt === 'string' && rt === 'string' && (op === '==' || op === '!=') && typeof c === 'string') {
    const read = e.left.kind === 'NameRef' ? s.frame.column(e.left.name.name) : undefined;
    if (read && !read.index && !read.constant) {
      const data = read.data;
      return op === '==' ? (r) => data[r] === c : (r) => data[r] !== c;
    }
    return op === '==' ? (r) => l(r) === c : (r) => l(r) !== c;
  }
  const r = c !== notConstant ? () => c : compileExpr(s, e.right);
  if (lt === 'string' && rt === 'string') {
    const txt = (v: unknown): string => (typeof v === 'string' ? v : '');
    switch (op) {
      case '==': return (row) => txt(l(row)) === txt(r(row));
      case '!=': return (row) => txt(l(row)) !== txt(r(row));
      default: {
        const cmp = orderTest(op);
        return (row) => cmp(compareValues(txt(l(row)), txt(r(row))));
      }
    }
  }
  const numericLike = (t: ScalarType): boolean => isNumeric(t) || t === 'datetime' || t === 'timespan' || t === 'bool';
  if (numericLike(lt) && numericLike(rt)) {
    switch (op) {
      case '==': return (row) => { const a = l(row); const b = r(row); return isNull(a) || isNull(b) ? null : a === b; };
      case '!=': return (row) => { const a = l(row); const b = r(row); return isNull(a) || isNull(b) ? null : a !== b; };
      case '<': return (row) => { const a = l(row) as number; const b = r(row) as number; return isNull(a) || isNull(b) ? null : a < b; };
      case '<=': return (row) => { const a = l(row) as number; const b = r(row) as number; return isNull(a) || isNull(b) ? null : a <= b; };
      case '>': return (row) => { const a = l(row) as number; const b = r(row) as number; return isNull(a) || isNull(b) ? null : a > b; };
      default: return (row) => { const a = l(row) as number; const b = r(row) as number; return isNull(a) || isNull(b) ? null : a >= b; };
    }
  }
  // dynamic on one side: compare what the values are.
  const other = lt === 'dynamic' ? rt : lt;
  const norm = (v: unknown): unknown => {
    const x = dynScalar(v);
    if (other === 'string' && typeof x !== 'string' && !isNull(x) && typeof x !== 'object') return String(x);
    return x;
  };
  if (op === '==') return (row) => looseEquals(norm(l(row)), norm(r(row)));
  if (op === '!=') return (row) => { const eq = looseEquals(norm(l(row)), norm(r(row))); return eq === null ? null : !eq; };
  const cmp = orderTest(op);
  return (row) => {
    const a = norm(l(row));
    const b = norm(r(row));
    return isNull(a) || isNull(b) ? null : cmp(compareValues(a, b));
  };
}

function orderTest(op: string): (c: number) => boolean {
  switch (op) {
    case '<': return (c) => c < 0;
    case '<=': return (c) => c <= 0;
    case '>': return (c) => c > 0;
    default: return (c) => c >= 0;
  }
}

export function compileArithmetic(s: CompileScope, e: Binary, lt: ScalarType, rt: ScalarType): RowFn {
  const l = compileExpr(s, e.left);
  const r = compileExpr(s, e.right);
  const integer = lt === 'long' && rt === 'long';
  const num = (v: unknown): number | null => (typeof v === 'number' && !Number.isNaN(v) ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null);
  const finite = (v: number): number | null => (Number.isNaN(v) ? null : v);
  switch (e.op) {
    case '+': return (row) => { const a = num(l(row)); const b = num(r(row)); return a === null || b === null ? null : a + b; };
    case '-': return (row) => { const a = num(l(row)); const b = num(r(row)); return a === null || b === null ? null : a - b; };
    case '*': return (row) => { const a = num(l(row)); const b = num(r(row)); return a === null || b === null ? null : a * b; };
    case '/': return (row) => {
      const a = num(l(row));
      const b = num(r(row));
      if (a === null || b === null) return null;
      if (integer) return b === 0 ? null : Math.trunc(a / b);
      return finite(a / b);
    };
    default: return (row) => {
      const a = num(l(row));
      const b = num(r(row));
      if (a === null || b === null || b === 0) return null;
      return finite(a % b);
    };
  }
}

export function compileBetween(s: CompileScope, e: Between): RowFn {
  const binding = s.ctx.binding;
  const l = compileExpr(s, e.left);
  const lo = compileExpr(s, e.low);
  const hi = compileExpr(s, e.high);
  // datetime between (start .. 1h): the upper bound is start + 1h.
  const relative = typeOf(binding, e.low) === 'datetime' && typeOf(binding, e.high) === 'timespan';
  const neg = e.negated;
  return (r) => {
    const v = dynScalar(l(r));
    const a = lo(r);
    let b = hi(r);
    if (isNull(v) || isNull(a) || isNull(b)) return null;
    if (relative) b = (a as number) + (b as number);
    const inside = compareValues(v, a) >= 0 && compareValues(v, b) <= 0;
    return neg ? !inside : inside;
  };
}

