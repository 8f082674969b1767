/** runQuery: parse, bind and run one block of a document over loaded arquero tables. */
import type { ColumnTable } from 'arquero';
import { bindDocument } from './bind/bindDocument';
import type { Binding, BoundBlock, LetSymbol } from './bind/binding';
import { diag, hasErrors, type Diagnostic } from './diagnostics';
import { Checkpoint } from './exec/checkpoint';
import { Scratch } from './exec/scratch';
import { sourceRowsIn } from './exec/sourceRows';
import { compileExpr } from './exec/compileExpr';
import type { ExecContext } from './exec/context';
import { Frame } from './exec/frame';
import { QueryError } from './exec/queryError';
import { prepareSubqueries, runPipeline } from './exec/runPipeline';
import { frameFromTable, tableFromFrame } from './exec/tableFrame';
import { catalogueSchema, schemaWithLoadedTables, type SchemaProvider } from './schemaProvider';
import { tableColumns } from './bind/bindPipeline';
import { schemaOf } from './bind/rowSchema';
import { parseDocument } from './syntax/parseDocument';
import { blockIndexAt } from './syntax/blocks';
import type { RenderOp } from './syntax/ast';
import type { ScalarType } from './types';

export interface QueryEnv {
  /** Loaded tables by name (AuditLogs, SignIns, DirectoryAudits, or any other). */
  readonly tables: Readonly<Record<string, ColumnTable>>;
  /** Tables and columns known to the binder; default: the catalogue plus the loaded tables' columns. */
  readonly schema?: SchemaProvider;
  /** The query clock for now() and ago(), epoch ms; default Date.now(). */
  readonly now?: number;
}

export interface QueryOptions {
  readonly signal?: AbortSignal;
  /** Which blank-line-separated block to run (0-based). */
  readonly block?: number;
  /** Run the block containing this offset (when `block` is not given). */
  readonly offset?: number;
  /** Also tell, where the executor knows it, which row of this loaded table each result row came from (`sourceRows`). */
  readonly sourceRowsOf?: ColumnTable;
}

export interface RenderHint {
  readonly kind: string;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface QueryResult {
  /** false when the block had errors (then `table` is empty) */
  readonly ok: boolean;
  readonly table: ColumnTable;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: ScalarType }>;
  readonly render?: RenderHint;
  /** Diagnostics of the block that ran (syntax, semantic, and warnings such as tables not loaded). */
  readonly diagnostics: readonly Diagnostic[];
  readonly elapsedMs: number;
  /** The block that ran. */
  readonly block: number;
  /** With `sourceRowsOf`: the loaded row of each result row (-1 for none), when the result's Id and Time were read straight from that table. */
  readonly sourceRows?: Int32Array;
  /**
   * With `sourceRows`: true when every column of the result is a column of that table read at those
   * rows (nothing computed, renamed or joined). `table` is then built only when it is first read.
   */
  readonly sourceOnly?: boolean;
}

/** The schema the binder uses for `env`. */
export function schemaForEnv(env: QueryEnv): SchemaProvider {
  return schemaWithLoadedTables(env.schema ?? catalogueSchema(), env.tables);
}

function chooseBlock(binding: Binding, opts: QueryOptions | undefined): number {
  const blocks = binding.blocks;
  if (opts?.block !== undefined) return Math.max(0, Math.min(blocks.length - 1, opts.block));
  if (opts?.offset !== undefined) return blockIndexAt(binding.document, opts.offset);
  const withQuery = blocks.findIndex((b) => b.query);
  return withQuery >= 0 ? withQuery : 0;
}

/**
 * Runs one block of `text`. Resolves with diagnostics (and an empty table) when the block has
 * syntax or semantic errors; rejects with a QueryError on a run-time failure or cancellation.
 */
export async function runQuery(text: string, env: QueryEnv, opts?: QueryOptions): Promise<QueryResult> {
  const t0 = performance.now();
  const schema = schemaForEnv(env);
  const binding = bindDocument(parseDocument(text), schema);
  const index = chooseBlock(binding, opts);
  const bound = binding.blocks[index]!;
  const extent = bound.block.extent;
  const diagnostics: Diagnostic[] = binding.diagnostics.filter((d) => d.range.start >= extent.start && d.range.start <= extent.end);
  const fail = (extra: Diagnostic[] = []): QueryResult => ({
    ok: false, table: tableFromFrame(new Frame([], 0)), columns: [], diagnostics: [...diagnostics, ...extra],
    elapsedMs: performance.now() - t0, block: index,
  });
  if (!bound.query) {
    return fail(diagnostics.some((d) => d.code === 'no-query') ? [] : [diag('no-query', { start: bound.block.start, end: bound.block.end }, 'There is no query to run.')]);
  }
  if (hasErrors(diagnostics)) return fail();
  const checkpoint = new Checkpoint(opts?.signal, { start: bound.block.start, end: bound.block.end });
  checkpoint.throwIfCancelled();
  const warnings: Diagnostic[] = [];
  const scratch = new Scratch();
  try {
    const ctx = makeContext(binding, bound, env, schema, checkpoint, scratch, warnings);
    await evaluateScalarLets(ctx, bound);
    const frame = await runPipeline(ctx, bound.query.body);
    checkpoint.throwIfCancelled();
    const render = bound.render ? renderHint(ctx, bound.render) : undefined;
    const source = opts?.sourceRowsOf ? sourceRowsIn(frame, opts.sourceRowsOf) : undefined;
    // A result that is only the loaded table's columns at some rows needs no copy until someone reads it.
    const lazy = source?.frame;
    let table = lazy ? undefined : tableFromFrame(frame);
    return {
      ok: true,
      get table() {
        return (table ??= tableFromFrame(lazy!));
      },
      ...(source ? { sourceRows: source.rows } : {}),
      ...(lazy ? { sourceOnly: true } : {}),
      columns: frame.columns.map((c) => ({ name: c.name, type: c.type })),
      ...(render ? { render } : {}),
      diagnostics: [...diagnostics, ...warnings],
      elapsedMs: performance.now() - t0,
      block: index,
    };
  } finally {
    scratch.release();
  }
}

function makeContext(
  binding: Binding, bound: BoundBlock, env: QueryEnv, schema: SchemaProvider, checkpoint: Checkpoint, scratch: Scratch, warnings: Diagnostic[],
): ExecContext {
  const tableFrames = new Map<string, Frame>();
  const letFrames = new Map<LetSymbol, Promise<Frame>>();
  const ctx: ExecContext = {
    binding,
    now: env.now ?? Date.now(),
    checkpoint,
    scratch,
    letValues: new Map(),
    subquerySets: new Map(),
    frameOfTable(name) {
      const hit = tableFrames.get(name);
      if (hit) return hit;
      const info = schema.table(name);
      const rowSchema = info ? schemaOf(tableColumns(info)) : schemaOf([], true);
      const table = env.tables[name];
      let frame: Frame;
      if (table) {
        frame = frameFromTable(table, rowSchema);
      } else {
        frame = new Frame(rowSchema.columns.map((c) => ({ name: c.name, type: c.type, data: [] })), 0);
        warnings.push(diag('unknown-table', { start: bound.block.start, end: bound.block.end }, `Table '${name}' is not loaded: it has no rows.`, undefined, 'warning'));
      }
      tableFrames.set(name, frame);
      return frame;
    },
    frameOfLet(symbol) {
      let p = letFrames.get(symbol);
      if (!p) {
        const v = symbol.statement.value;
        if (v.kind === 'Pipeline') p = runPipeline(ctx, v);
        else {
          const sym = binding.symbols.get(v);
          p = sym?.kind === 'let' ? ctx.frameOfLet(sym.symbol) : Promise.resolve(ctx.frameOfTable(v.kind === 'NameRef' ? v.name.name : ''));
        }
        letFrames.set(symbol, p);
      }
      return p;
    },
  };
  return ctx;
}

async function evaluateScalarLets(ctx: ExecContext, bound: BoundBlock): Promise<void> {
  const one = new Frame([], 1);
  for (const sym of bound.lets) {
    if (sym.kind !== 'scalar') continue;
    const e = sym.statement.value;
    if (e.kind === 'Pipeline') continue;
    try {
      await prepareSubqueries(ctx, e);
      ctx.letValues.set(sym, compileExpr({ ctx, frame: one }, e)(0));
    } catch (err) {
      if (err instanceof QueryError) throw err.withOperator('let', sym.statement);
      throw new QueryError('runtime-error', err instanceof Error ? err.message : String(err), sym.statement, 'let');
    }
  }
}

function renderHint(ctx: ExecContext, op: RenderOp): RenderHint {
  const props: Record<string, unknown> = {};
  const one = new Frame([], 1);
  for (const p of op.props) {
    const values = p.values.map((v) => (v.kind === 'NameRef' ? v.name.name : compileExpr({ ctx, frame: one }, v)(0)));
    props[p.name.name] = values.length === 1 ? values[0] : values;
  }
  return { kind: op.chart.name, props };
}
