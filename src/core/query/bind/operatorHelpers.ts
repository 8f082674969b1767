/** Helpers shared by the operator binders: output names, origins, counts, unknown columns. */
import type { Expr, NamedExpr } from '../syntax/ast';
import type { BinderContext, Scope } from './binderContext';
import { bindExpr } from './bindExpr';
import { exprName } from './exprName';
import { findColumn, type BoundColumn, type RowSchema } from './rowSchema';
import { didYouMean, suggestNames } from './suggest';

export function reportUnknownColumn(b: BinderContext, range: { start: number; end: number }, name: string, schema: RowSchema): void {
  const s = suggestNames(name, schema.columns.map((c) => c.name));
  b.report('unknown-column', range, `Unknown column '${name}'.${didYouMean(s)}`, s);
}

export function bindCount(b: BinderContext, e: Expr, scope: Scope, what: string): void {
  const t = bindExpr(b, e, { ...scope, row: undefined, aggregates: 'none' });
  if (t !== 'long' && t !== 'unknown') b.report('wrong-type', e, `${what} needs a whole number of rows; this is ${t}.`);
}

/** The column a NamedExpr produces: explicit name, a name derived from the expression, or ColumnN. */
export function outputName(b: BinderContext, item: NamedExpr, avoid: RowSchema): string {
  if (item.name) return item.name.name;
  const derived = exprName(item.expr);
  if (derived !== undefined) return derived;
  // Like Kusto: the next number of the query whose ColumnN is not already a column of the input.
  const counter = b.unnamedColumns;
  do counter.n++;
  while (findColumn(avoid, `Column${counter.n}`));
  return `Column${counter.n}`;
}

/** The column an item passes through unchanged (no explicit name), keeping its origin for KQL export. */
export function keepsOrigin(item: NamedExpr, row: Scope): BoundColumn | undefined {
  if (item.name) return undefined;
  const inner = item.expr.kind === 'Paren' ? item.expr.expr : item.expr;
  return inner.kind === 'NameRef' && row.row ? findColumn(row.row, inner.name.name) : undefined;
}

