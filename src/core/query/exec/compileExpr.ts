/**
 * Compiles a bound expression into a row function (row number -> value) over a frame's columns.
 * Column names were checked by the binder; literals are captured as values, never turned into code.
 */
import { constValue } from '../bind/bindExpr';
import { typeOf } from '../bind/binding';
import { findScalarFunction, notConstant } from '../functions';
import type { Binary, Call, Expr } from '../syntax/ast';
import type { ScalarType } from '../types';
import type { AggregateColumns, ExecContext } from './context';
import { columnReader, type Frame } from './frame';
import { QueryError } from './queryError';
import { compileArithmetic, compileBetween, compileComparison } from './compileComparison';
import { compileIn } from './compileIn';
import { memoize, stringTest } from './stringOps';
import { getIndex, getMember, isNull, toKqlString, type RowFn } from './values';

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
export function asText(fn: RowFn, type: ScalarType): (r: number) => string {
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

