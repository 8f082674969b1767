/** Binding each tabular operator: checks its expressions and computes the schema it outputs. */
import type { Expr, NamedExpr, Operator } from '../syntax/ast';
import { renderKinds } from '../syntax/parseOperators';
import type { BinderContext, Scope } from './binderContext';
import { bindExpr } from './bindExpr';
import { bindJoin } from './bindJoin';
import { bindMvExpand } from './bindMvExpand';
import { bindUnion } from './bindPipeline';
import { bindSummarize } from './bindSummarize';
import { bindCount, keepsOrigin, outputName, reportUnknownColumn } from './operatorHelpers';
import { findColumn, matchWildcard, schemaOf, type BoundColumn, type RowSchema } from './rowSchema';
import { didYouMean, suggestNames } from './suggest';

export function bindOperator(b: BinderContext, op: Operator, input: RowSchema, scope: Scope, isLast: boolean): RowSchema {
  const row: Scope = { ...scope, row: input, aggregates: 'none' };
  switch (op.kind) {
    case 'Where': {
      const t = bindExpr(b, op.predicate, row);
      if (t !== 'bool' && t !== 'unknown') b.report('wrong-type', op.predicate, `where needs a true/false condition; this is ${t}.${t === 'dynamic' ? ' Use tobool(...).' : ''}`);
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
    case 'Distinct': {
      if (op.star) return schemaOf(input.columns, input.open);
      const out = bindProject(b, op.items, row, input, false);
      for (const item of op.items) {
        if (b.types.get(item.expr) === 'dynamic') b.report('wrong-type', item.expr, 'distinct does not take dynamic values: convert them first (tostring).');
      }
      return out;
    }
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

function bindSortKey(b: BinderContext, k: { expr: Expr }, row: Scope): void {
  const t = bindExpr(b, k.expr, row);
  if (t === 'dynamic') b.report('wrong-type', k.expr, 'Cannot sort by a dynamic value: convert it first (tostring, tolong, todatetime).');
}

/** project / extend / distinct items. */
function bindProject(b: BinderContext, items: readonly NamedExpr[], row: Scope, input: RowSchema, extend: boolean): RowSchema {
  const produced: BoundColumn[] = [];
  const names = new Set<string>();
  for (const item of items) {
    const type = bindExpr(b, item.expr, row);
    const name = outputName(b, item, input);
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

