/**
 * Compiles a bound expression into a row function (row number -> value) over a frame's columns.
 * Column names were checked by the binder; literals are captured as values, never turned into code.
 */
import { constValue } from '../bind/bindExpr';
import { typeOf } from '../bind/binding';
import { findScalarFunction, notConstant } from '../functions';
import type { Between, Binary, Call, Expr, InExpr } from '../syntax/ast';
import { isNumeric, type ScalarType } from '../types';
import type { AggregateColumns, ExecContext } from './context';
import { columnReader, type Frame } from './frame';
import { QueryError } from './queryError';
import { memoize, stringTest } from './stringOps';
import { compareValues, dynScalar, getIndex, getMember, isNull, keyOf, looseEquals, toKqlString, type RowFn } from './values';

export interface CompileScope {
  readonly ctx: ExecContext;
  readonly frame: Frame;
  readonly aggregates?: AggregateColumns;
}

export function compileExpr(s: CompileScope, e: Expr): RowFn {
  switch (e.kind) {
    case 'Literal': {
      const v = e.value;
      return () => v;
    }
    case 'Paren': return compileExpr(s, e.expr);
    case 'NameRef': return compileName(s, e);
    case 'Member': {
      const target = compileExpr(s, e.target);
      const name = e.member.name;
      return (r) => getMember(target(r), name);
    }
    case 'Index': {
      const target = compileExpr(s, e.target);
      const index = compileExpr(s, e.index);
      return (r) => getIndex(target(r), index(r));
    }
    case 'Unary': {
      const operand = compileExpr(s, e.operand);
      if (e.op === '+') return operand;
      return (r) => {
        const v = operand(r);
        return typeof v === 'number' ? -v : null;
      };
    }
    case 'Binary': return compileBinary(s, e);
    case 'In': return compileIn(s, e);
    case 'Between': return compileBetween(s, e);
    case 'Call': return compileCall(s, e);
    case 'Star':
    case 'ErrorExpr':
      throw new QueryError('runtime-error', 'This expression could not be read.', e);
  }
}

function compileName(s: CompileScope, e: Extract<Expr, { kind: 'NameRef' }>): RowFn {
  const sym = s.ctx.binding.symbols.get(e);
  if (sym?.kind === 'let') {
    const v = s.ctx.letValues.get(sym.symbol);
    return () => v;
  }
  const col = s.frame.column(e.name.name);
  if (!col) {
    // Only reachable when the schema was open (unknown) and the data lacks the column.
    throw new QueryError('runtime-error', `Column '${e.name.name}' does not exist in the data.`, e);
  }
  return columnReader(col);
}

/** The constant value of an argument (a literal or a scalar let), else notConstant. */
export function constOf(s: CompileScope, e: Expr): unknown {
  const c = constValue(e);
  if (c !== notConstant) return c;
  const inner = e.kind === 'Paren' ? e.expr : e;
  if (inner.kind === 'NameRef') {
    const sym = s.ctx.binding.symbols.get(inner);
    if (sym?.kind === 'let' && sym.symbol.kind === 'scalar') return s.ctx.letValues.get(sym.symbol);
  }
  return notConstant;
}

function compileCall(s: CompileScope, e: Call): RowFn {
  const hidden = s.aggregates?.get(e);
  if (hidden) return columnReader(hidden);
  const fn = findScalarFunction(e.callee.name);
  if (!fn) throw new QueryError('runtime-error', `Unknown function '${e.callee.name}'.`, e.callee);
  const args = e.args.map((a) => compileExpr(s, a));
  const binding = s.ctx.binding;
  return fn.compile(args, {
    argTypes: e.args.map((a) => typeOf(binding, a)),
    consts: e.args.map((a) => constOf(s, a)),
    now: s.ctx.now,
    fail: (message: string): never => { throw new QueryError('runtime-error', message, e); },
  });
}

/** A reader of text for string operators: '' for null, KQL text for other types. */
function asText(fn: RowFn, type: ScalarType): (r: number) => string {
  if (type === 'string') return (r) => { const v = fn(r); return typeof v === 'string' ? v : isNull(v) ? '' : toKqlString(v, 'dynamic'); };
  return (r) => toKqlString(fn(r), type);
}

function compileBinary(s: CompileScope, e: Binary): RowFn {
  const binding = s.ctx.binding;
  const lt = typeOf(binding, e.left);
  const rt = typeOf(binding, e.right);
  const op = e.op;
  if (op === 'and' || op === 'or') {
    const l = compileExpr(s, e.left);
    const r = compileExpr(s, e.right);
    if (op === 'and') return (row) => { const a = l(row); if (a === false) return false; const b = r(row); if (b === false) return false; return a === true && b === true ? true : null; };
    return (row) => { const a = l(row); if (a === true) return true; const b = r(row); if (b === true) return true; return a === false && b === false ? false : null; };
  }
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') return compileComparison(s, e, lt, rt);
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') return compileArithmetic(s, e, lt, rt);
  // string operators
  const left = asText(compileExpr(s, e.left), lt);
  const needle = constOf(s, e.right);
  if (needle !== notConstant) {
    let test;
    try {
      test = stringTest(op, toKqlString(needle, rt));
    } catch (err) {
      throw new QueryError('runtime-error', err instanceof Error ? err.message : String(err), e.right);
    }
    const cached = memoize(test);
    const plain = lt === 'string' && e.left.kind === 'NameRef';
    return plain ? (r) => cached(left(r)) : (r) => test(left(r));
  }
  const right = asText(compileExpr(s, e.right), rt);
  return (r) => {
    let test;
    try {
      test = stringTest(op, right(r));
    } catch (err) {
      throw new QueryError('runtime-error', err instanceof Error ? err.message : String(err), e.right);
    }
    return test(left(r));
  };
}

function compileComparison(s: CompileScope, e: Binary, lt: ScalarType, rt: ScalarType): RowFn {
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

function compileArithmetic(s: CompileScope, e: Binary, lt: ScalarType, rt: ScalarType): RowFn {
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

function compileBetween(s: CompileScope, e: Between): RowFn {
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

function flattenValues(v: unknown, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) flattenValues(x, out);
  else out.push(v);
}

function compileIn(s: CompileScope, e: InExpr): RowFn {
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

