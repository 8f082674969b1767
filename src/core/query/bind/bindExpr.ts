/** Binding scalar expressions: names resolved in scope, types computed and checked. */
import { findAggregate, findScalarFunction, aggregateFunctions, scalarFunctions, notConstant } from '../functions';
import { compileRegex } from '../functions/regex';
import type { Binary, Call, Expr, InExpr, NameRef, Pipeline } from '../syntax/ast';
import { fits, isNumeric, type ScalarType } from '../types';
import type { BinderContext, Scope } from './binderContext';
import { bindPipeline } from './bindPipeline';
import { findColumn } from './rowSchema';
import { didYouMean, suggestNames } from './suggest';

const stringOps: ReadonlySet<string> = new Set([
  'has', '!has', 'has_cs', '!has_cs', 'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
  'hasprefix', '!hasprefix', 'hassuffix', '!hassuffix', 'matches regex', '=~', '!~',
]);
const equalityOps: ReadonlySet<string> = new Set(['==', '!=']);
const orderOps: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);
const rowAggregates: ReadonlySet<string> = new Set(['arg_max', 'arg_min', 'take_any']);

/** The value of a constant expression (literal, negated number, parenthesised literal), else notConstant. */
export function constValue(e: Expr): unknown {
  switch (e.kind) {
    case 'Literal': return e.value;
    case 'Paren': return constValue(e.expr);
    case 'Unary': {
      const v = constValue(e.operand);
      return typeof v === 'number' ? (e.op === '-' ? -v : v) : notConstant;
    }
    default: return notConstant;
  }
}

export function bindExpr(b: BinderContext, e: Expr, scope: Scope): ScalarType {
  return b.setType(e, bindExprInner(b, e, scope));
}

function bindExprInner(b: BinderContext, e: Expr, scope: Scope): ScalarType {
  switch (e.kind) {
    case 'Literal': return e.type;
    case 'ErrorExpr': return 'unknown';
    case 'Paren': return bindExpr(b, e.expr, scope);
    case 'Star':
      b.report('unexpected-token', e, "'*' is only allowed in arg_max, arg_min and take_any.");
      return 'unknown';
    case 'NameRef': return bindNameRef(b, e, scope);
    case 'Member':
    case 'Index': {
      if (e.kind === 'Member' && e.target.kind === 'NameRef' && (e.target.name.name === '$left' || e.target.name.name === '$right')) {
        b.report('unsupported-syntax', e, `${e.target.name.name} is only allowed in the 'on' clause of a join.`);
        return 'unknown';
      }
      const t = bindExpr(b, e.target, scope);
      if (e.kind === 'Index') {
        const it = bindExpr(b, e.index, scope);
        if (it !== 'long' && it !== 'string' && it !== 'unknown' && it !== 'dynamic') b.report('wrong-type', e.index, `An index must be a number or a string, not ${it}.`);
      }
      if (t !== 'dynamic' && t !== 'unknown') {
        b.report('wrong-type', e.target, `Member and index access need a dynamic value; this is ${t}. Use parse_json(...) first.`);
        return 'unknown';
      }
      return 'dynamic';
    }
    case 'Unary': {
      const t = bindExpr(b, e.operand, scope);
      if (!(isNumeric(t) || t === 'timespan' || t === 'unknown' || t === 'dynamic')) b.report('wrong-type', e, `Cannot negate a ${t}.`);
      return t === 'dynamic' ? 'real' : t;
    }
    case 'Binary': return bindBinary(b, e, scope);
    case 'In': return bindIn(b, e, scope);
    case 'Between': {
      const l = bindExpr(b, e.left, scope);
      const lo = bindExpr(b, e.low, scope);
      const hi = bindExpr(b, e.high, scope);
      const ok = (t: ScalarType): boolean => isNumeric(t) || t === 'datetime' || t === 'timespan' || t === 'unknown';
      if (!ok(l) && l !== 'dynamic') b.report('wrong-type', e.left, `between needs a number, datetime or timespan, not ${l}.`);
      else if (!ok(lo) || !ok(hi)) b.report('wrong-type', e, 'The bounds of between must be numbers, datetimes or timespans.');
      else if (l !== 'dynamic' && l !== 'unknown' && [lo, hi].some((t) => t !== 'unknown' && !(isNumeric(t) && isNumeric(l)) && t !== l && !(l === 'datetime' && t === 'timespan' && hi === t))) {
        b.report('wrong-type', e, `The bounds of between must be of the type of the value (${l}).`);
      }
      else if (l === 'dynamic' && (!isNumeric(lo) && lo !== 'unknown' || !isNumeric(hi) && hi !== 'unknown')) {
        b.report('wrong-type', e.left, 'A dynamic value is compared with numbers only: convert it first (todatetime, totimespan).');
      }
      return 'bool';
    }
    case 'Call': return bindCall(b, e, scope);
  }
}

function bindNameRef(b: BinderContext, e: NameRef, scope: Scope): ScalarType {
  const name = e.name.name;
  const col = scope.row ? findColumn(scope.row, name) : undefined;
  if (col) {
    b.symbols.set(e, { kind: 'column', column: col });
    if (scope.aggregates === 'outer') {
      b.report('expected-aggregate', e, `'${name}' must be inside an aggregate function (for example take_any(${name})), or listed after 'by'.`);
      return 'unknown';
    }
    return col.type;
  }
  const sym = scope.lets.get(name);
  if (sym) {
    b.symbols.set(e, { kind: 'let', symbol: sym });
    sym.references.push({ start: e.name.start, end: e.name.end });
    if (sym.kind === 'tabular') {
      b.report('wrong-type', e, `'${name}' is a table; a scalar value is expected here.`);
      return 'unknown';
    }
    return sym.type;
  }
  if (scope.row?.open) return 'unknown';
  const candidates = [...(scope.row?.columns.map((c) => c.name) ?? []), ...[...scope.lets.values()].filter((l) => l.kind === 'scalar').map((l) => l.name)];
  const suggestions = suggestNames(name, candidates);
  if (name === 'null') {
    b.report('unknown-name', e, 'There is no null literal: use isnull(x) / isempty(x), or a typed null such as long(null).', ['isnull()']);
  } else if (scope.row) {
    b.report('unknown-column', e.name, `Unknown column '${name}'.${didYouMean(suggestions)}`, suggestions);
  } else {
    b.report('unknown-name', e.name, `Unknown name '${name}'.${didYouMean(suggestions)}`, suggestions);
  }
  return 'unknown';
}

function comparable(l: ScalarType, r: ScalarType): boolean {
  if (l === 'unknown' || r === 'unknown' || l === 'dynamic' || r === 'dynamic') return true;
  if (isNumeric(l) && isNumeric(r)) return true;
  return l === r;
}

function arithmeticType(op: string, l: ScalarType, r: ScalarType): ScalarType | undefined {
  if (l === 'unknown' || r === 'unknown') return 'unknown';
  if (l === 'dynamic' || r === 'dynamic') {
    // Kusto takes a dynamic value in arithmetic with numbers (or another dynamic) only.
    const other = l === 'dynamic' ? r : l;
    if (other === 'dynamic') return 'dynamic';
    return isNumeric(other) ? 'real' : undefined;
  }
  if (isNumeric(l) && isNumeric(r)) return l === 'long' && r === 'long' ? 'long' : 'real';
  switch (op) {
    case '+':
      if ((l === 'datetime' && r === 'timespan') || (l === 'timespan' && r === 'datetime')) return 'datetime';
      if (l === 'timespan' && r === 'timespan') return 'timespan';
      return undefined;
    case '-':
      if (l === 'datetime' && r === 'datetime') return 'timespan';
      if (l === 'datetime' && r === 'timespan') return 'datetime';
      if (l === 'timespan' && r === 'timespan') return 'timespan';
      return undefined;
    case '*':
      if ((l === 'timespan' && isNumeric(r)) || (isNumeric(l) && r === 'timespan')) return 'timespan';
      return undefined;
    case '/':
      if (l === 'timespan' && r === 'timespan') return 'real';
      if (l === 'timespan' && isNumeric(r)) return 'timespan';
      return undefined;
    case '%':
      if (l === 'timespan' && r === 'timespan') return 'timespan';
      return undefined;
    default:
      return undefined;
  }
}

function bindBinary(b: BinderContext, e: Binary, scope: Scope): ScalarType {
  const l = bindExpr(b, e.left, scope);
  const r = bindExpr(b, e.right, scope);
  const op = e.op;
  if (op === 'and' || op === 'or') {
    for (const [side, t] of [[e.left, l], [e.right, r]] as const) {
      if (t !== 'bool' && t !== 'unknown' && t !== 'dynamic') b.report('wrong-type', side, `'${op}' needs true/false values; this is ${t}.`);
    }
    return 'bool';
  }
  if (equalityOps.has(op) || orderOps.has(op)) {
    if (!comparable(l, r)) b.report('wrong-type', e, `Cannot compare ${l} with ${r}.`);
    // Kusto defines < <= > >= on numbers, datetimes and timespans only.
    else if (orderOps.has(op) && (l === 'string' || r === 'string' || l === 'bool' || r === 'bool')) {
      b.report('wrong-type', e, `'${op}' does not apply to ${l === 'string' || l === 'bool' ? l : r} values.`);
    } else if (orderOps.has(op) && (l === 'dynamic') !== (r === 'dynamic') && !isNumeric(l === 'dynamic' ? r : l) && (l === 'dynamic' ? r : l) !== 'unknown') {
      b.report('wrong-type', e, `'${op}' compares a dynamic value with numbers only; convert it first (todatetime, totimespan).`);
    }
    return 'bool';
  }
  if (stringOps.has(op)) {
    if (l !== 'string' && l !== 'unknown' && l !== 'dynamic') b.report('wrong-type', e.left, `'${op}' needs a string on the left; this is ${l}. Use tostring(...) first.`);
    if (r !== 'string' && r !== 'unknown' && r !== 'dynamic') b.report('wrong-type', e.right, `'${op}' needs a string on the right; this is ${r}.`);
    if (op === 'matches regex') {
      const c = constValue(e.right);
      if (typeof c === 'string') {
        const rx = compileRegex(c);
        if (typeof rx === 'string') b.report('bad-regex', e.right, `Invalid regular expression: ${rx}`);
      }
    }
    return 'bool';
  }
  const t = arithmeticType(op, l, r);
  if (t === undefined) {
    b.report('wrong-type', e, l === 'string' && r === 'string' && op === '+'
      ? "Strings are not added with '+': use strcat(a, b)."
      : `Operator '${op}' does not apply to ${l} and ${r}.`, l === 'string' && op === '+' ? ['strcat()'] : undefined);
    return 'unknown';
  }
  return t;
}

/** A name that denotes a table (a tabular let or a table of the schema). */
function tabularNameSchema(b: BinderContext, e: Expr, scope: Scope): Pipeline | 'table' | undefined {
  if (e.kind !== 'NameRef') return undefined;
  if (scope.row && findColumn(scope.row, e.name.name)) return undefined;
  const sym = scope.lets.get(e.name.name);
  if (sym) return sym.kind === 'tabular' ? 'table' : undefined;
  return b.schema.table(e.name.name) ? 'table' : undefined;
}

function bindIn(b: BinderContext, e: InExpr, scope: Scope): ScalarType {
  const l = bindExpr(b, e.left, scope);
  const isSet = e.op === 'has_any' || e.op === 'has_all';
  if (e.items.length === 0) b.report('expected-expression', e, `'${e.op}' needs at least one value.`);
  for (const item of e.items) {
    if (item.kind === 'Pipeline') {
      const s = bindPipeline(b, item, { ...scope, row: undefined, aggregates: 'none' });
      if (e.items.length > 1) b.report('wrong-type', item, 'A subquery must be the only item of the list.');
      if (!s.open && s.columns.length === 0) b.report('wrong-type', item, 'The subquery returns no column.');
      continue;
    }
    if (e.items.length === 1 && tabularNameSchema(b, item, scope)) {
      // `x in (T)`: a table's first column is the set.
      const name = (item as NameRef).name;
      const sym = scope.lets.get(name.name);
      if (sym) {
        b.symbols.set(item, { kind: 'let', symbol: sym });
        sym.references.push({ start: name.start, end: name.end });
      } else {
        const table = b.schema.table(name.name)!;
        b.symbols.set(item, { kind: 'table', table });
      }
      b.setType(item, 'dynamic');
      continue;
    }
    const t = bindExpr(b, item, { ...scope, aggregates: scope.aggregates === 'outer' ? 'outer' : scope.aggregates });
    if (!isSet && !comparable(l, t) && t !== 'dynamic') b.report('wrong-type', item, `Cannot compare ${l} with ${t}.`);
  }
  if ((e.op === 'in~' || e.op === '!in~' || isSet) && l !== 'string' && l !== 'dynamic' && l !== 'unknown') {
    b.report('wrong-type', e.left, `'${e.op}' compares strings; this is ${l}.`);
  }
  return 'bool';
}

function bindCall(b: BinderContext, e: Call, scope: Scope): ScalarType {
  const name = e.callee.name;
  const agg = findAggregate(name);
  if (agg && scope.aggregates === 'outer') {
    b.symbols.set(e, { kind: 'aggregate', fn: agg });
    scope.aggregateCalls?.push(e);
    const inner: Scope = { ...scope, aggregates: 'inner' };
    const argTypes = e.args.map((a, i) => {
      if (a.kind === 'Star') {
        if (!rowAggregates.has(name) || (i === 0 && name !== 'take_any')) b.report('unexpected-token', a, `'*' is not allowed here.`);
        return b.setType(a, 'unknown');
      }
      return bindExpr(b, a, inner);
    });
    if (!checkArity(b, e, agg.minArgs, agg.maxArgs)) return 'unknown';
    checkArgTypes(b, e, argTypes, agg.params);
    reportTypeProblem(b, e, agg.checkTypes?.(argTypes));
    return agg.returns(argTypes);
  }
  const fn = findScalarFunction(name);
  if (!fn) {
    if (agg) {
      b.report('aggregate-outside-summarize', e.callee, `'${name}' is an aggregate function: use it in summarize.`);
      for (const a of e.args) if (a.kind !== 'Star') bindExpr(b, a, scope);
      return 'unknown';
    }
    const all = [...scalarFunctions.map((f) => f.name), ...(scope.aggregates === 'outer' ? aggregateFunctions.map((a) => a.name) : [])];
    const suggestions = suggestNames(name, all);
    b.report('unknown-function', e.callee, `Unknown function '${name}'.${didYouMean(suggestions)}`, suggestions);
    for (const a of e.args) if (a.kind !== 'Star') bindExpr(b, a, scope);
    return 'unknown';
  }
  b.symbols.set(e, { kind: 'function', fn });
  const argTypes = e.args.map((a) => bindExpr(b, a, scope));
  if (!checkArity(b, e, fn.minArgs, fn.maxArgs)) return 'unknown';
  checkArgTypes(b, e, argTypes, fn.params);
  reportTypeProblem(b, e, fn.checkTypes?.(argTypes));
  if (fn.check) {
    const problem = fn.check(e.args.map(constValue));
    if (problem) {
      const arg = e.args[problem.arg];
      b.report(problem.message.startsWith('Invalid regular') ? 'bad-regex' : 'bad-argument', arg ?? e, problem.message);
    }
  }
  return fn.returns(argTypes);
}

function reportTypeProblem(b: BinderContext, e: Call, problem: { arg: number; message: string } | undefined): void {
  if (problem) b.report('wrong-type', e.args[problem.arg] ?? e, problem.message);
}

function checkArity(b: BinderContext, e: Call, min: number, max: number): boolean {
  const n = e.args.length;
  if (n >= min && n <= max) return true;
  const expected = min === max ? `${min}` : max >= 64 ? `at least ${min}` : `${min} to ${max}`;
  b.report('wrong-arg-count', e.argsRange, `'${e.callee.name}' takes ${expected} argument${min === 1 && max === 1 ? '' : 's'}; got ${n}.`);
  return false;
}

function checkArgTypes(b: BinderContext, e: Call, argTypes: readonly ScalarType[], params: readonly (ScalarType | 'any')[]): void {
  argTypes.forEach((t, i) => {
    const expected = params[Math.min(i, params.length - 1)];
    if (expected === undefined || expected === 'any') return;
    if (!fits(t, expected)) b.report('wrong-type', e.args[i]!, `Argument ${i + 1} of '${e.callee.name}' must be ${expected}; this is ${t}.`);
  });
}
