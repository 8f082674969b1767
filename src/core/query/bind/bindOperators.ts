/** Binding each tabular operator: checks its expressions and computes the schema it outputs. */
import { findAggregate } from '../functions';
import type { Call, Expr, JoinOp, MvExpandOp, NamedExpr, Operator, SummarizeOp } from '../syntax/ast';
import { joinKinds, renderKinds } from '../syntax/parseOperators';
import { typeFromName, type ScalarType } from '../types';
import type { BinderContext, Scope } from './binderContext';
import type { RowAggregateItem, ValueAggregateItem } from './binding';
import { bindExpr, constValue } from './bindExpr';
import { exprName } from './exprName';
import { bindPipeline, bindUnion } from './bindPipeline';
import { findColumn, matchWildcard, schemaOf, uniqueName, type BoundColumn, type RowSchema } from './rowSchema';
import { didYouMean, suggestNames } from './suggest';

export function bindOperator(b: BinderContext, op: Operator, input: RowSchema, scope: Scope, isLast: boolean): RowSchema {
  const row: Scope = { ...scope, row: input, aggregates: 'none' };
  switch (op.kind) {
    case 'Where': {
      const t = bindExpr(b, op.predicate, row);
      if (t !== 'bool' && t !== 'unknown' && t !== 'dynamic') b.report('wrong-type', op.predicate, `where needs a true/false condition; this is ${t}.`);
      return input;
    }
    case 'Project':
      return bindProject(b, op.items, row, input, false);
    case 'Extend':
      return bindProject(b, op.items, row, input, true);
    case 'ProjectAway':
    case 'ProjectKeep': {
      const hit = new Set<string>();
      for (const n of op.columns) {
        const matched = matchWildcard(input, n.name);
        if (matched.length === 0 && !input.open) reportUnknownColumn(b, n, n.name, input);
        for (const c of matched) hit.add(c.name);
        if (matched.length === 1 && !n.name.includes('*')) b.symbols.set(n, { kind: 'column', column: matched[0]! });
      }
      const columns = input.columns.filter((c) => (op.kind === 'ProjectAway' ? !hit.has(c.name) : hit.has(c.name)));
      return schemaOf(columns, input.open);
    }
    case 'ProjectRename': {
      let columns = [...input.columns];
      for (const item of op.items) {
        const old = findColumn(schemaOf(columns), item.oldName.name);
        if (!old) {
          if (!input.open) reportUnknownColumn(b, item.oldName, item.oldName.name, schemaOf(columns));
          continue;
        }
        b.symbols.set(item.oldName, { kind: 'column', column: old });
        const renamed: BoundColumn = { ...old, name: item.newName.name };
        columns = columns.filter((c) => c.name !== item.newName.name || c === old).map((c) => (c === old ? renamed : c));
      }
      return schemaOf(columns, input.open);
    }
    case 'Summarize':
      return bindSummarize(b, op, row, input);
    case 'Sort':
      for (const k of op.keys) bindSortKey(b, k, row);
      return input;
    case 'Top':
      bindCount(b, op.count, scope, 'top');
      for (const k of op.keys) bindSortKey(b, k, row);
      return input;
    case 'Take':
      bindCount(b, op.count, scope, op.keyword.name);
      return input;
    case 'Distinct':
      if (op.star) return schemaOf(input.columns, input.open);
      return bindProject(b, op.items, row, input, false);
    case 'Count':
      return schemaOf([{ name: 'Count', type: 'long' }]);
    case 'Join':
      return bindJoin(b, op, input, scope);
    case 'UnionOp':
      return bindUnion(b, op, op.tables, scope, input);
    case 'MvExpand':
      return bindMvExpand(b, op, row, input);
    case 'Render':
      if (!isLast) b.report('render-not-last', op.keyword, 'render must be the last operator of the query.');
      if (op.chart.name && !renderKinds.includes(op.chart.name)) {
        const s = suggestNames(op.chart.name, renderKinds);
        b.report('bad-argument', op.chart, `Unknown chart kind '${op.chart.name}'.${didYouMean(s)}`, s.length ? s : renderKinds, 'warning');
      }
      for (const p of op.props) for (const v of p.values) if (v.kind !== 'NameRef') bindExpr(b, v, { ...scope, row: undefined, aggregates: 'none' });
      return input;
    case 'BadOperator':
      return schemaOf(input.columns, true);
  }
}

function reportUnknownColumn(b: BinderContext, range: { start: number; end: number }, name: string, schema: RowSchema): void {
  const s = suggestNames(name, schema.columns.map((c) => c.name));
  b.report('unknown-column', range, `Unknown column '${name}'.${didYouMean(s)}`, s);
}

function bindCount(b: BinderContext, e: Expr, scope: Scope, what: string): void {
  const t = bindExpr(b, e, { ...scope, row: undefined, aggregates: 'none' });
  if (t !== 'long' && t !== 'unknown') b.report('wrong-type', e, `${what} needs a whole number of rows; this is ${t}.`);
}

function bindSortKey(b: BinderContext, k: { expr: Expr }, row: Scope): void {
  const t = bindExpr(b, k.expr, row);
  if (t === 'dynamic') b.report('wrong-type', k.expr, 'Sorting by a dynamic value: convert it first (tostring, tolong, todatetime).', undefined, 'warning');
}

/** The column a NamedExpr produces: explicit name, a name derived from the expression, or ColumnN. */
function outputName(item: NamedExpr, counter: { n: number }): string {
  if (item.name) return item.name.name;
  const derived = exprName(item.expr);
  if (derived !== undefined) return derived;
  counter.n++;
  return `Column${counter.n}`;
}

/** The column an item passes through unchanged (no explicit name), keeping its origin for KQL export. */
function keepsOrigin(item: NamedExpr, row: Scope): BoundColumn | undefined {
  if (item.name) return undefined;
  const inner = item.expr.kind === 'Paren' ? item.expr.expr : item.expr;
  return inner.kind === 'NameRef' && row.row ? findColumn(row.row, inner.name.name) : undefined;
}

/** project / extend / distinct items. */
function bindProject(b: BinderContext, items: readonly NamedExpr[], row: Scope, input: RowSchema, extend: boolean): RowSchema {
  const counter = { n: 0 };
  const produced: BoundColumn[] = [];
  const names = new Set<string>();
  for (const item of items) {
    const type = bindExpr(b, item.expr, row);
    const name = outputName(item, counter);
    if (!extend && names.has(name)) b.report('duplicate-column', item.name ?? item.expr, `Column '${name}' appears twice.`);
    names.add(name);
    b.itemNames.set(item, name);
    const src = keepsOrigin(item, row);
    produced.push(src ? { ...src, name, type } : { name, type });
  }
  if (!extend) return schemaOf(produced, input.open);
  const columns = [...input.columns];
  for (const c of produced) {
    const at = columns.findIndex((x) => x.name === c.name);
    if (at >= 0) columns[at] = c;
    else columns.push(c);
  }
  return schemaOf(columns, input.open);
}

function bindSummarize(b: BinderContext, op: SummarizeOp, row: Scope, input: RowSchema): RowSchema {
  const counter = { n: 0 };
  const columns: BoundColumn[] = [];
  const taken = new Set<string>();
  const byNames: string[] = [];
  for (const item of op.by) {
    const type = bindExpr(b, item.expr, row);
    if (type === 'dynamic') b.report('wrong-type', item.expr, 'Grouping by a dynamic value: convert it first (tostring, tolong).', undefined, 'warning');
    const name = uniqueName(outputName(item, counter), taken);
    taken.add(name);
    byNames.push(name);
    b.itemNames.set(item, name);
    const src = keepsOrigin(item, row);
    columns.push(src ? { ...src, name, type } : { name, type });
  }
  const items: Array<ValueAggregateItem | RowAggregateItem> = [];
  for (const item of op.aggregates) {
    const direct = item.expr.kind === 'Call' ? findAggregate(item.expr.callee.name) : undefined;
    if (direct?.shape === 'row' && item.expr.kind === 'Call') {
      const r = bindRowAggregate(b, item, item.expr, row, input, byNames, taken);
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
    let name = item.name?.name ?? fallback ?? (counter.n++, `Column${counter.n}`);
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
  b: BinderContext, item: NamedExpr, call: Call, row: Scope, input: RowSchema, byNames: readonly string[], taken: Set<string>,
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
    const exclude = new Set([...byNames, ...listed]);
    for (const c of input.columns) {
      if (exclude.has(c.name)) continue;
      const name = uniqueName(c.name, taken);
      taken.add(name);
      outputs.push({ name, type: c.type, column: c.name });
    }
  }
  return { shape: 'row', item, call, fn, outputs };
}

function bindJoin(b: BinderContext, op: JoinOp, left: RowSchema, scope: Scope): RowSchema {
  const right = bindPipeline(b, op.right, { ...scope, row: undefined, aggregates: 'none' });
  let kind = 'innerunique';
  for (const o of op.options) {
    if (o.name.name !== 'kind') continue;
    kind = o.value.name;
    if (!joinKinds.includes(kind)) {
      const s = suggestNames(kind, joinKinds);
      b.report('bad-argument', o.value, `Unknown join kind '${kind}'.${didYouMean(s)}`, s.length ? s : joinKinds);
      kind = 'innerunique';
    }
  }
  const leftKeys: string[] = [];
  const rightKeys: string[] = [];
  for (const c of op.on) {
    const l = findColumn(left, c.left.name);
    const r = findColumn(right, c.right.name);
    if (!l && !left.open) reportUnknownColumn(b, c.left, c.left.name, left);
    if (!r && !right.open) reportUnknownColumn(b, c.right, c.right.name, right);
    if (l) b.symbols.set(c.left, { kind: 'column', column: l });
    if (r && c.right !== c.left) b.symbols.set(c.right, { kind: 'column', column: r });
    if (l && r && l.type !== r.type && l.type !== 'dynamic' && r.type !== 'dynamic') {
      b.report('wrong-type', c, `Join keys have different types: ${l.type} and ${r.type}.`);
    }
    leftKeys.push(c.left.name);
    rightKeys.push(c.right.name);
  }
  if (op.on.length === 0) b.report('expected-token', op.keyword, "join needs 'on' and the key columns.");
  const outputs: Array<{ side: 'left' | 'right'; column: string; name: string }> = [];
  const columns: BoundColumn[] = [];
  const taken = new Set<string>();
  const add = (side: 'left' | 'right', c: BoundColumn): void => {
    const name = uniqueName(c.name, taken);
    taken.add(name);
    outputs.push({ side, column: c.name, name });
    columns.push(name === c.name ? c : { ...c, name });
  };
  const leftOnly = kind === 'leftanti' || kind === 'leftsemi' || kind === 'leftantisemi';
  const rightOnly = kind === 'rightanti' || kind === 'rightsemi' || kind === 'rightantisemi';
  if (!rightOnly) for (const c of left.columns) add('left', c);
  if (!leftOnly) for (const c of right.columns) add('right', c);
  b.joinPlans.set(op, { kind, leftKeys, rightKeys, outputs });
  return schemaOf(columns, left.open || right.open);
}

function bindMvExpand(b: BinderContext, op: MvExpandOp, row: Scope, input: RowSchema): RowSchema {
  const counter = { n: 0 };
  const names: string[] = [];
  const types: ScalarType[] = [];
  const columns = [...input.columns];
  let bagExpansion: 'bag' | 'array' = 'bag';
  let indexColumn: string | undefined;
  for (const o of op.options) {
    if (o.name.name === 'kind' || o.name.name === 'bagexpansion') {
      if (o.value.name !== 'bag' && o.value.name !== 'array') b.report('bad-argument', o.value, "Expected 'bag' or 'array'.", ['bag', 'array']);
      bagExpansion = o.value.name === 'array' ? 'array' : 'bag';
    } else if (o.name.name === 'with_itemindex') {
      indexColumn = o.value.name;
    }
  }
  for (const item of op.items) {
    const t = bindExpr(b, item.expr, row);
    if (t !== 'dynamic' && t !== 'unknown') b.report('wrong-type', item.expr, `mv-expand needs a dynamic array or bag; this is ${t}.`);
    const name = outputName(item, counter);
    let type: ScalarType = 'dynamic';
    if (item.toType) {
      const tt = typeFromName(item.toType.name);
      if (!tt) b.report('wrong-type', item.toType, `Unknown type '${item.toType.name}'.`);
      type = tt ?? 'unknown';
    }
    names.push(name);
    types.push(type);
    b.itemNames.set(item, name);
    const at = columns.findIndex((c) => c.name === name);
    if (at >= 0) columns[at] = { name, type };
    else columns.push({ name, type });
  }
  if (op.limit) bindCount(b, op.limit, { ...row, row: undefined }, 'mv-expand limit');
  if (indexColumn) columns.push({ name: indexColumn, type: 'long' });
  b.mvExpandPlans.set(op, { names, types, bagExpansion, ...(indexColumn ? { indexColumn } : {}) });
  return schemaOf(columns, input.open);
}

