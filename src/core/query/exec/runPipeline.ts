/** Running tabular expressions: a source, then each operator, with cancellation checks and error locations. */
import type { Pipeline, Operator, Source, Datatable, Expr, InExpr, Node } from '../syntax/ast';
import { compileExpr } from './compileExpr';
import { evalAt } from './evalColumn';
import type { ExecContext, SubquerySet } from './context';
import { Frame, columnReader, type FrameColumn } from './frame';
import { QueryError } from './queryError';
import { execCount, execDistinct } from './operators/distinct';
import { execJoin } from './operators/join';
import { execMvExpand } from './operators/mvExpand';
import { execExtend, execProject, execProjectAwayOrKeep, execProjectRename } from './operators/project';
import { execSort, execSortTake, execTake, execTop } from './operators/sort';
import { execSummarize } from './operators/summarize';
import { concatFrames, unionInputName } from './operators/union';
import { execWhere } from './operators/where';
import { dynScalar, keyOf, toKqlString } from './values';

export async function runPipeline(ctx: ExecContext, p: Pipeline): Promise<Frame> {
  let frame = await runSource(ctx, p.source);
  for (let i = 0; i < p.operators.length; i++) {
    const op = p.operators[i]!;
    const next = p.operators[i + 1];
    ctx.checkpoint.throwIfCancelled();
    try {
      await prepareSubqueries(ctx, op);
      if (op.kind === 'Sort' && next?.kind === 'Take') {
        // order by ... | take N keeps the N first rows of the order: no need to sort them all.
        frame = await execSortTake(ctx, op, next, frame);
        i++;
        continue;
      }
      frame = await runOperator(ctx, op, frame, i === 0 ? p : undefined);
    } catch (e) {
      throw located(e, op.keyword.name || 'operator', op);
    }
  }
  return frame;
}

function located(e: unknown, operator: string, range: { start: number; end: number }): QueryError {
  if (e instanceof QueryError) return e.withOperator(operator, range);
  const message = e instanceof Error ? e.message : String(e);
  return new QueryError('runtime-error', message, { start: range.start, end: range.end }, operator);
}

async function runOperator(ctx: ExecContext, op: Operator, input: Frame, firstOf: Pipeline | undefined): Promise<Frame> {
  switch (op.kind) {
    case 'Where': return execWhere(ctx, op, input);
    case 'Project': return execProject(ctx, op, input);
    case 'Extend': return execExtend(ctx, op, input);
    case 'ProjectAway':
    case 'ProjectKeep': return execProjectAwayOrKeep(ctx, op, input);
    case 'ProjectRename': return execProjectRename(op, input);
    case 'Summarize': return execSummarize(ctx, op, input);
    case 'Sort': return execSort(ctx, op, input);
    case 'Top': return execTop(ctx, op, input);
    case 'Take': return execTake(ctx, op, input);
    case 'Distinct': return execDistinct(ctx, op, input);
    case 'Count': return execCount(input);
    case 'Join': return execJoin(ctx, op, input, await runPipeline(ctx, op.right));
    case 'UnionOp': {
      const plan = ctx.binding.unionPlans.get(op)!;
      const frames = [input];
      for (const t of op.tables) frames.push(await runPipeline(ctx, t));
      const names = [firstOf ? unionInputName({ ...firstOf, operators: [] }, 0) : 'union_arg0', ...op.tables.map((t, i) => unionInputName(t, i + 1))];
      return concatFrames(ctx, frames, names, ctx.binding.stages.get(op)!.output, plan.withSource);
    }
    case 'MvExpand': return execMvExpand(ctx, op, input);
    case 'Render': return input;
    case 'BadOperator': throw new QueryError('runtime-error', 'The operator could not be read.', op);
  }
}

async function runSource(ctx: ExecContext, s: Source): Promise<Frame> {
  switch (s.kind) {
    case 'TableRef': {
      const sym = ctx.binding.symbols.get(s);
      if (sym?.kind === 'let') return ctx.frameOfLet(sym.symbol);
      return ctx.frameOfTable(s.name.name);
    }
    case 'ParenTabular': return runPipeline(ctx, s.body);
    case 'Datatable': return datatableFrame(ctx, s);
    case 'Print': {
      await prepareSubqueries(ctx, s);
      const one = new Frame([], 1);
      const columns = s.items.map((item) => evalAt(compileExpr({ ctx, frame: one }, item.expr), Int32Array.of(0), ctx.binding.itemNames.get(item)!, ctx.binding.types.get(item.expr) ?? 'unknown'));
      return new Frame(columns, 1);
    }
    case 'Union': {
      const plan = ctx.binding.unionPlans.get(s)!;
      const frames: Frame[] = [];
      for (const t of s.tables) frames.push(await runPipeline(ctx, t));
      return concatFrames(ctx, frames, s.tables.map((t, i) => unionInputName(t, i)), ctx.binding.stages.get(s)!.output, plan.withSource);
    }
    case 'BadSource': throw new QueryError('runtime-error', 'The table could not be read.', s);
  }
}

function datatableFrame(ctx: ExecContext, d: Datatable): Frame {
  const schema = ctx.binding.stages.get(d)!.output;
  const width = Math.max(1, d.columns.length);
  const rows = Math.floor(d.values.length / width);
  const empty = new Frame([], 1);
  const columns: FrameColumn[] = schema.columns.map((c, ci) => {
    const data = new Array<unknown>(rows);
    for (let r = 0; r < rows; r++) {
      const v = compileExpr({ ctx, frame: empty }, d.values[r * width + ci]!)(0);
      data[r] = v === null || v === undefined ? (c.type === 'string' ? '' : null) : c.type === 'real' && typeof v === 'number' ? v : v;
    }
    return { name: c.name, type: c.type, data };
  });
  return new Frame(columns, rows);
}

/** Runs the subqueries of `x in (T | ...)` inside an operator's (or a let's) expressions, before it is compiled. */
export async function prepareSubqueries(ctx: ExecContext, op: Node): Promise<void> {
  const ins: InExpr[] = [];
  collectIns(op, ins);
  for (const e of ins) {
    if (ctx.subquerySets.has(e) || e.items.length !== 1) continue;
    const item = e.items[0]!;
    let frame: Frame | undefined;
    if (item.kind === 'Pipeline') frame = await runPipeline(ctx, item);
    else {
      const sym = ctx.binding.symbols.get(item);
      if (sym?.kind === 'let' && sym.symbol.kind === 'tabular') frame = await ctx.frameOfLet(sym.symbol);
      else if (sym?.kind === 'table') frame = ctx.frameOfTable(sym.table.name);
    }
    if (!frame) continue;
    ctx.subquerySets.set(e, setOfFirstColumn(frame));
  }
}

function setOfFirstColumn(frame: Frame): SubquerySet {
  const values = new Set<unknown>();
  const lowered = new Set<string>();
  const first = frame.columns[0];
  if (first) {
    const read = columnReader(first);
    for (let r = 0; r < frame.length; r++) {
      const v = read(r);
      values.add(keyOf(dynScalar(v)));
      lowered.add(toKqlString(v, first.type).toLowerCase());
    }
  }
  return { values, lowered };
}

/** Finds `in` expressions in an operator, not descending into nested pipelines (they prepare their own). */
function collectIns(node: Node | Expr, out: InExpr[]): void {
  if (node.kind === 'Pipeline') return;
  if (node.kind === 'In') out.push(node);
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object' && 'kind' in x) collectIns(x as Node, out);
    } else if (v && typeof v === 'object' && 'kind' in v && (v as Node).kind !== 'Pipeline') {
      collectIns(v as Node, out);
    }
  }
}
