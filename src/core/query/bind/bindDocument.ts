/** Binding a parsed document block by block: let statements in order, then the block's query. */
import type { SchemaProvider } from '../schemaProvider';
import type { Block, LetStatement, QueryStatement, RenderOp } from '../syntax/ast';
import type { ParsedDocument } from '../syntax/parseDocument';
import { BinderContext, type Scope } from './binderContext';
import type { Binding, BoundBlock, LetSymbol } from './binding';
import { bindExpr } from './bindExpr';
import { bindPipeline, tableColumns } from './bindPipeline';
import { schemaOf, type RowSchema } from './rowSchema';

export function bindDocument(doc: ParsedDocument, schema: SchemaProvider): Binding {
  const b = new BinderContext(schema);
  const blocks = doc.blocks.map((block) => bindBlock(b, block));
  const diagnostics = [...doc.diagnostics, ...b.diagnostics].sort((x, y) => x.range.start - y.range.start);
  return {
    document: doc, diagnostics, blocks,
    types: b.types, symbols: b.symbols, stages: b.stages, itemNames: b.itemNames,
    summarizePlans: b.summarizePlans, joinPlans: b.joinPlans, mvExpandPlans: b.mvExpandPlans,
    unionPlans: b.unionPlans, pipelineSchemas: b.pipelineSchemas,
  };
}

function bindBlock(b: BinderContext, block: Block): BoundBlock {
  const lets = new Map<string, LetSymbol>();
  const letList: LetSymbol[] = [];
  const queries: QueryStatement[] = [];
  let resultSchema: RowSchema | undefined;
  for (const st of block.statements) {
    b.unnamedColumns.n = 0;
    if (st.kind === 'Let') {
      const sym = bindLet(b, st, lets);
      if (sym.name) lets.set(sym.name, sym);
      letList.push(sym);
    } else {
      queries.push(st);
      resultSchema = bindPipeline(b, st.body, { row: undefined, lets, aggregates: 'none' });
    }
  }
  for (const extra of queries.slice(0, -1)) {
    b.report('multiple-queries', extra, 'Only the last query of a block runs; separate queries with a blank line.', undefined, 'warning');
  }
  const query = queries[queries.length - 1];
  if (!query && block.statements.length > 0) {
    b.report('no-query', { start: block.end, end: block.end }, 'The block has let statements but no query.', undefined, 'warning');
  }
  const lastOp = query?.body.operators[query.body.operators.length - 1];
  const render = lastOp?.kind === 'Render' ? (lastOp as RenderOp) : undefined;
  return { block, lets: letList, ...(query ? { query } : {}), ...(resultSchema ? { resultSchema } : {}), ...(render ? { render } : {}) };
}

function bindLet(b: BinderContext, st: LetStatement, lets: ReadonlyMap<string, LetSymbol>): LetSymbol {
  const scope: Scope = { row: undefined, lets, aggregates: 'none' };
  const base = { name: st.name.name, nameRange: { start: st.name.start, end: st.name.end }, statement: st, references: [] as LetSymbol['references'] };
  const v = st.value;
  if (v.kind === 'Pipeline') {
    return { ...base, kind: 'tabular', type: 'unknown', schema: bindPipeline(b, v, scope) };
  }
  // `let T = AuditLogs;` or `let U = T;`: a bare name of a table is a tabular let.
  if (v.kind === 'NameRef') {
    const prior = lets.get(v.name.name);
    if (prior?.kind === 'tabular') {
      b.symbols.set(v, { kind: 'let', symbol: prior });
      prior.references.push({ start: v.name.start, end: v.name.end });
      return { ...base, kind: 'tabular', type: 'unknown', ...(prior.schema ? { schema: prior.schema } : {}) };
    }
    const table = !prior ? b.schema.table(v.name.name) : undefined;
    if (table) {
      b.symbols.set(v, { kind: 'table', table });
      return { ...base, kind: 'tabular', type: 'unknown', schema: schemaOf(tableColumns(table)) };
    }
  }
  return { ...base, kind: 'scalar', type: bindExpr(b, v, scope) };
}
