/** Binding tabular expressions: sources, then each operator turning the input schema into its output schema. */
import type { TableInfo } from '../schemaProvider';
import type { Datatable, Pipeline, Source, Tabular, UnionSource } from '../syntax/ast';
import { fits, typeFromName } from '../types';
import type { BinderContext, Scope } from './binderContext';
import { bindExpr, constValue } from './bindExpr';
import { exprName } from './exprName';
import { bindOperator } from './bindOperators';
import { openSchema, schemaOf, uniqueName, type BoundColumn, type RowSchema } from './rowSchema';
import { didYouMean, suggestNames } from './suggest';
import { notConstant } from '../functions';

export function bindPipeline(b: BinderContext, p: Pipeline, scope: Scope): RowSchema {
  let schema = bindSource(b, p.source, scope);
  const last = p.operators.length - 1;
  p.operators.forEach((op, i) => {
    const errorsBefore = b.errorCount();
    let output = bindOperator(b, op, schema, scope, i === last);
    // An operator with errors may not produce the columns the user meant: accept unknown names
    // after it rather than reporting each one again.
    if (b.errorCount() > errorsBefore && !output.open) output = schemaOf(output.columns, true);
    b.stages.set(op, { node: op, input: schema, output });
    schema = output;
  });
  b.pipelineSchemas.set(p, schema);
  return schema;
}

const columnsOfTable = new WeakMap<TableInfo, readonly BoundColumn[]>();

/** The bound columns of a table (the same array for the same table, so lookups can be cached). */
export function tableColumns(t: TableInfo): readonly BoundColumn[] {
  let cols = columnsOfTable.get(t);
  if (!cols) {
    cols = makeTableColumns(t);
    columnsOfTable.set(t, cols);
  }
  return cols;
}

function makeTableColumns(t: TableInfo): BoundColumn[] {
  return t.columns.map((c) => ({
    name: c.name, type: c.type, origin: { table: t.name, column: c.name },
    ...(c.description ? { description: c.description } : {}), ...(c.def ? { def: c.def } : {}),
  }));
}

function bindSource(b: BinderContext, s: Source, scope: Scope): RowSchema {
  const out = bindSourceInner(b, s, scope);
  b.stages.set(s, { node: s, input: out, output: out });
  return out;
}

function bindSourceInner(b: BinderContext, s: Source, scope: Scope): RowSchema {
  switch (s.kind) {
    case 'BadSource':
      return openSchema;
    case 'ParenTabular':
      return bindPipeline(b, s.body, scope);
    case 'Datatable':
      return bindDatatable(b, s);
    case 'Print': {
      const columns: BoundColumn[] = [];
      const taken = new Set<string>();
      s.items.forEach((item, i) => {
        const type = bindExpr(b, item.expr, { ...scope, row: undefined, aggregates: 'none' });
        const name = uniqueName(item.name?.name ?? exprName(item.expr) ?? `print_${i}`, taken);
        taken.add(name);
        b.itemNames.set(item, name);
        columns.push({ name, type });
      });
      return schemaOf(columns);
    }
    case 'Union':
      return bindUnion(b, s, s.tables, scope, undefined);
    case 'TableRef': {
      const name = s.name.name;
      const sym = scope.lets.get(name);
      if (sym) {
        b.symbols.set(s, { kind: 'let', symbol: sym });
        sym.references.push({ start: s.name.start, end: s.name.end });
        if (sym.kind !== 'tabular') {
          b.report('wrong-type', s.name, `'${name}' is a scalar value, not a table.`);
          return openSchema;
        }
        return sym.schema ?? openSchema;
      }
      const table = b.schema.table(name);
      if (table) {
        b.symbols.set(s, { kind: 'table', table });
        return schemaOf(tableColumns(table));
      }
      const candidates = [...b.schema.tableNames(), ...[...scope.lets.values()].filter((l) => l.kind === 'tabular').map((l) => l.name)];
      const suggestions = suggestNames(name, candidates);
      b.report('unknown-table', s.name, `Unknown table '${name}'.${didYouMean(suggestions)}`, suggestions);
      return openSchema;
    }
  }
}

function bindDatatable(b: BinderContext, d: Datatable): RowSchema {
  const columns: BoundColumn[] = [];
  const seen = new Set<string>();
  for (const c of d.columns) {
    const t = typeFromName(c.type.name);
    if (!t) b.report('wrong-type', c.type, `Unknown type '${c.type.name}' (string, long, real, bool, datetime, timespan, dynamic).`);
    if (seen.has(c.name.name)) b.report('duplicate-column', c.name, `Duplicate column '${c.name.name}'.`);
    seen.add(c.name.name);
    columns.push({ name: c.name.name, type: t ?? 'unknown' });
  }
  if (columns.length && d.values.length % columns.length !== 0) {
    b.report('bad-literal', d, `datatable has ${columns.length} columns but ${d.values.length} values (not a multiple).`);
  }
  d.values.forEach((v, i) => {
    const col = columns[i % Math.max(1, columns.length)];
    const c = constValue(v);
    const t = v.kind === 'Literal' ? v.type : v.kind === 'Unary' && typeof c === 'number' ? (Number.isInteger(c) ? 'long' : 'real') : undefined;
    b.setType(v, t ?? 'unknown');
    if (c === notConstant) {
      b.report('bad-literal', v, 'datatable values must be literals.');
    } else if (col && t && c !== null && col.type !== 'unknown' && !fits(t, col.type)) {
      b.report('wrong-type', v, `Column '${col.name}' is ${col.type}; this value is ${t}.`);
    }
  });
  return schemaOf(columns);
}

/** union: columns by name across inputs; a name whose types differ becomes dynamic. */
export function bindUnion(b: BinderContext, node: UnionSource | import('../syntax/ast').UnionOp, tables: readonly Tabular[], scope: Scope, input: RowSchema | undefined): RowSchema {
  const schemas: RowSchema[] = input ? [input] : [];
  for (const t of tables) schemas.push(bindPipeline(b, t, { ...scope, row: undefined, aggregates: 'none' }));
  let withSource: string | undefined;
  let inner = false;
  for (const o of node.options) {
    if (o.name.name === 'withsource') withSource = o.value.name;
    else if (o.name.name === 'kind') {
      if (o.value.name !== 'inner' && o.value.name !== 'outer') b.report('bad-argument', o.value, "union kind is 'inner' or 'outer'.", ['outer', 'inner']);
      inner = o.value.name === 'inner';
    }
  }
  b.unionPlans.set(node, { ...(withSource ? { withSource } : {}), inner });
  const byName = new Map<string, BoundColumn>();
  const counts = new Map<string, number>();
  for (const s of schemas) {
    for (const c of s.columns) {
      counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
      const prev = byName.get(c.name);
      if (!prev) byName.set(c.name, { name: c.name, type: c.type, ...(c.origin ? { origin: c.origin } : {}) });
      else if (prev.type !== c.type) byName.set(c.name, { name: c.name, type: 'dynamic' });
      else if (prev.origin && (!c.origin || c.origin.column !== prev.origin.column)) byName.set(c.name, { name: c.name, type: prev.type });
    }
  }
  let columns = [...byName.values()];
  if (inner) columns = columns.filter((c) => counts.get(c.name) === schemas.length);
  if (withSource) columns = [{ name: withSource, type: 'string' }, ...columns.filter((c) => c.name !== withSource)];
  return schemaOf(columns, schemas.some((s) => s.open));
}
