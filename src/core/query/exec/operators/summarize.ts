/** summarize: groups rows by the `by` keys and computes the aggregates of each group. */
import type { RowAggregateItem, ValueAggregateItem } from '../../bind/binding';
import { findAggregate } from '../../functions';
import type { Call, SummarizeOp } from '../../syntax/ast';
import { compileExpr, constOf, type CompileScope } from '../compileExpr';
import type { ExecContext } from '../context';
import { evalAt, evalColumn, renamed } from '../evalColumn';
import { Frame, type FrameColumn } from '../frame';
import { dictionaryOf } from '../dictionary';
import { groupRows, type GroupKey, type GroupResult } from '../grouping';
import type { ArgumentCodes } from '../../functions/aggregateTypes';

export async function execSummarize(ctx: ExecContext, op: SummarizeOp, input: Frame): Promise<Frame> {
  const plan = ctx.binding.summarizePlans.get(op)!;
  const scope: CompileScope = { ctx, frame: input };
  const keyFns = op.by.map((item) => compileExpr(scope, item.expr));
  const keys = op.by.map((item, i): GroupKey => {
    const column = plainColumn(ctx, item.expr, input);
    if (column) return { fn: keyFns[i]!, column };
    const bin = binKey(ctx, item.expr, scope);
    return bin ? { fn: keyFns[i]!, bin } : { fn: keyFns[i]! };
  });
  const groups = await groupRows(ctx.checkpoint, keys, input.length, ctx.scratch);
  const columns: FrameColumn[] = [];
  op.by.forEach((item, i) => {
    const type = ctx.binding.types.get(item.expr) ?? 'unknown';
    columns.push(evalAt(keyFns[i]!, groups.firstRow, plan.byNames[i]!, type));
  });
  for (const item of plan.items) {
    if (item.shape === 'value') columns.push(await valueItem(ctx, item, input, groups));
    else columns.push(...(await rowItem(ctx, item, input, groups)));
  }
  return new Frame(columns, groups.nGroups);
}

/** bin(x, size) / floor(x, size) over a number, datetime or timespan with a constant size. */
function binKey(ctx: ExecContext, e: import('../../syntax/ast').Expr, scope: CompileScope): GroupKey['bin'] {
  if (e.kind !== 'Call' || (e.callee.name !== 'bin' && e.callee.name !== 'floor') || e.args.length !== 2) return undefined;
  const t = ctx.binding.types.get(e.args[0]!);
  if (t !== 'long' && t !== 'real' && t !== 'datetime' && t !== 'timespan') return undefined;
  const size = constOf(scope, e.args[1]!);
  if (typeof size !== 'number' || !(size > 0)) return undefined;
  const column = plainColumn(ctx, e.args[0]!, scope.frame);
  return { value: compileExpr(scope, e.args[0]!), size, ...(column ? { column } : {}) };
}

/** Dictionary codes of an argument that is a plain column of strings (dcount counts them as integers). */
function argumentCodes(ctx: ExecContext, e: import('../../syntax/ast').Expr, input: Frame): ArgumentCodes | undefined {
  const col = plainColumn(ctx, e, input);
  if (!col || col.constant || !Array.isArray(col.data) || col.type !== 'string') return undefined;
  const dict = dictionaryOf(col.data);
  const codes = dict.codes;
  const idx = col.index;
  // Strings are never null: '' is a value like any other, and an unmatched join row reads as ''.
  const empty = dict.values.indexOf('');
  const missing = empty >= 0 ? empty : dict.values.length;
  return {
    code: idx ? (r) => { const i = idx[r]!; return i < 0 ? missing : codes[i]!; } : (r) => codes[r]!,
    cardinality: dict.values.length + 1,
    nullCode: dict.values.indexOf(null),
  };
}

function plainColumn(ctx: ExecContext, e: import('../../syntax/ast').Expr, input: Frame): FrameColumn | undefined {
  return e.kind === 'NameRef' && ctx.binding.symbols.get(e)?.kind === 'column' ? input.column(e.name.name) : undefined;
}

async function aggregateColumn(ctx: ExecContext, call: Call, input: Frame, groups: GroupResult, name: string): Promise<FrameColumn> {
  const fn = findAggregate(call.callee.name)!;
  const scope: CompileScope = { ctx, frame: input };
  const args = call.args.map((a) => compileExpr(scope, a));
  const acc = fn.start(args, groups, {
    argTypes: call.args.map((a) => ctx.binding.types.get(a) ?? 'unknown'),
    consts: call.args.map((a) => constOf(scope, a)),
    argCodes: call.args.map((a) => argumentCodes(ctx, a, input)),
  });
  await ctx.checkpoint.chunks(input.length, (from, to) => acc.step(from, to));
  return { name, type: ctx.binding.types.get(call) ?? 'unknown', data: acc.finish() };
}

async function valueItem(ctx: ExecContext, item: ValueAggregateItem, input: Frame, groups: GroupResult): Promise<FrameColumn> {
  const e = item.item.expr;
  if (item.calls.length === 1 && item.calls[0] === e) {
    return renamed(await aggregateColumn(ctx, e as Call, input, groups, item.name), item.name, item.type);
  }
  // An expression over aggregates: compute each aggregate, then the expression per group.
  const hidden = new Map<Call, FrameColumn>();
  for (const call of item.calls) hidden.set(call, await aggregateColumn(ctx, call, input, groups, ''));
  const groupFrame = new Frame([], groups.nGroups);
  const fn = compileExpr({ ctx, frame: groupFrame, aggregates: hidden }, e);
  return evalColumn(ctx.checkpoint, fn, groups.nGroups, item.name, item.type);
}

async function rowItem(ctx: ExecContext, item: RowAggregateItem, input: Frame, groups: GroupResult): Promise<FrameColumn[]> {
  const scope: CompileScope = { ctx, frame: input };
  const args = item.call.args.filter((a) => a.kind !== 'Star').map((a) => compileExpr(scope, a));
  const acc = item.fn.start(args, groups, { argTypes: [], consts: [] });
  await ctx.checkpoint.chunks(input.length, (from, to) => acc.step(from, to));
  const rows = acc.finish() as Int32Array;
  const picked = input.take(rows);
  return item.outputs.map((o) => {
    const direct = o.column !== undefined && (!o.expr || o.expr.kind === 'NameRef') ? picked.column(o.column) : undefined;
    if (direct) return renamed(direct, o.name, o.type);
    return evalAt(compileExpr(scope, o.expr!), rows, o.name, o.type);
  });
}
