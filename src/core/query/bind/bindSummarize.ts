/** summarize: by-keys first, then aggregates (value aggregates, possibly inside expressions, and row aggregates). */
import { findAggregate } from '../functions';
import type { Call, Expr, NamedExpr, SummarizeOp } from '../syntax/ast';
import type { ScalarType } from '../types';
import type { BinderContext, Scope } from './binderContext';
import type { RowAggregateItem, ValueAggregateItem } from './binding';
import { bindExpr, constValue } from './bindExpr';
import { exprName } from './exprName';
import { keepsOrigin, outputName } from './operatorHelpers';
import { findColumn, schemaOf, uniqueName, type BoundColumn, type RowSchema } from './rowSchema';

export function bindSummarize(b: BinderContext, op: SummarizeOp, row: Scope, input: RowSchema): RowSchema {
  const columns: BoundColumn[] = [];
  const taken = new Set<string>();
  const byNames: string[] = [];
  for (const item of op.by) {
    const type = bindExpr(b, item.expr, row);
    if (type === 'dynamic') b.report('wrong-type', item.expr, 'Cannot group by a dynamic value: convert it first (tostring, tolong).');
    const name = outputName(b, item, input);
    if (taken.has(name)) b.report('duplicate-column', item.name ?? item.expr, `A column named '${name}' is already declared.`);
    taken.add(name);
    byNames.push(name);
    b.itemNames.set(item, name);
    const src = keepsOrigin(item, row);
    columns.push(src ? { ...src, name, type } : { name, type });
  }
  // `*` in arg_max/take_any leaves out the input columns grouped by as they are (not computed keys).
  const byColumns = op.by.flatMap((item) => {
    const e = item.expr.kind === 'Paren' ? item.expr.expr : item.expr;
    return e.kind === 'NameRef' && findColumn(input, e.name.name) ? [e.name.name] : [];
  });
  const items: Array<ValueAggregateItem | RowAggregateItem> = [];
  for (const item of op.aggregates) {
    const direct = item.expr.kind === 'Call' ? findAggregate(item.expr.callee.name) : undefined;
    if (direct?.shape === 'row' && item.expr.kind === 'Call') {
      const r = bindRowAggregate(b, item, item.expr, row, input, byColumns, taken);
      if (r) {
        items.push(r);
        for (const o of r.outputs) columns.push(outputColumn(o, input));
      }
      continue;
    }
    const calls: Call[] = [];
    const errorsBefore = b.errorCount();
    const type = bindExpr(b, item.expr, { ...row, aggregates: 'outer', aggregateCalls: calls });
    for (const c of calls) {
      if (findAggregate(c.callee.name)?.shape === 'row' && c !== item.expr) b.report('unsupported-syntax', c, `'${c.callee.name}' must be used on its own, not inside an expression.`);
    }
    if (calls.length === 0 && b.errorCount() === errorsBefore) b.report('expected-aggregate', item.expr, 'summarize needs an aggregate function here (count(), sum(x), dcount(x), ...).');
    const first = calls.length === 1 && calls[0] === item.expr ? calls[0] : undefined;
    const agg = first ? findAggregate(first.callee.name) : undefined;
    const fallback = agg && first ? agg.defaultName(first.args[0] ? exprName(first.args[0]) : undefined, first.args.map(constValue)) : undefined;
    let name = item.name?.name ?? fallback ?? outputName(b, item, input);
    if (taken.has(name)) {
      if (item.name) b.report('duplicate-column', item.name, `Column '${name}' appears twice.`);
      name = uniqueName(name, taken);
    }
    taken.add(name);
    b.itemNames.set(item, name);
    items.push({ shape: 'value', item, name, type, calls });
    columns.push({ name, type });
  }
  b.summarizePlans.set(op, { byNames, items });
  return schemaOf(columns, input.open);
}

/** A row aggregate's output column; a passed-through column keeps its origin and description. */
function outputColumn(o: { name: string; type: ScalarType; column?: string }, input: RowSchema): BoundColumn {
  const c = o.column !== undefined ? findColumn(input, o.column) : undefined;
  if (!c?.origin) return { name: o.name, type: o.type };
  const out: { name: string; type: ScalarType; origin: BoundColumn['origin']; def?: BoundColumn['def']; description?: string } = { name: o.name, type: o.type, origin: c.origin };
  if (c.def) out.def = c.def;
  if (c.description) out.description = c.description;
  return out;
}

/** arg_max(X, a, b) / arg_max(X, *) / take_any(a, b) / take_any(*). */
function bindRowAggregate(
  b: BinderContext, item: NamedExpr, call: Call, row: Scope, input: RowSchema, byColumns: readonly string[], taken: Set<string>,
): RowAggregateItem | undefined {
  const fn = findAggregate(call.callee.name)!;
  b.symbols.set(call, { kind: 'aggregate', fn });
  b.types.set(call, 'unknown');
  if (call.args.length === 0) {
    b.report('wrong-arg-count', call.argsRange, `'${fn.name}' needs at least one argument.`);
    return undefined;
  }
  if (item.name) b.report('unsupported-syntax', item.name, `A name for ${fn.name}(...) is not supported: rename its columns with project-rename.`);
  const outputs: Array<{ name: string; type: ScalarType; expr?: Expr; column?: string }> = [];
  const counter = { n: 0 };
  const inner: Scope = { ...row, aggregates: 'inner' };
  const listed = new Set<string>();
  call.args.forEach((a, i) => {
    if (a.kind === 'Star') {
      if (i === 0 && fn.name !== 'take_any') b.report('unexpected-token', a, "'*' cannot be the first argument.");
      b.types.set(a, 'unknown');
      return;
    }
    const type = bindExpr(b, a, inner);
    const derived = exprName(a);
    let name = derived ?? (counter.n++, `${fn.name === 'take_any' ? 'any' : fn.name.slice(4)}_${counter.n}`);
    if (i === 0 && fn.name !== 'take_any' && derived === undefined) name = `${fn.name.slice(4)}_`;
    name = uniqueName(name, taken);
    taken.add(name);
    listed.add(derived ?? name);
    const src = a.kind === 'NameRef' ? a.name.name : undefined;
    outputs.push({ name, type, expr: a, ...(src ? { column: src } : {}) });
  });
  if (call.args.some((a) => a.kind === 'Star')) {
    const exclude = new Set([...byColumns, ...listed]);
    for (const c of input.columns) {
      if (exclude.has(c.name)) continue;
      const name = uniqueName(c.name, taken);
      taken.add(name);
      outputs.push({ name, type: c.type, column: c.name });
    }
  }
  return { shape: 'row', item, call, fn, outputs };
}

