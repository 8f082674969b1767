/** distinct and count. */
import type { DistinctOp } from '../../syntax/ast';
import { compileExpr } from '../compileExpr';
import type { ExecContext } from '../context';
import { evalAt } from '../evalColumn';
import { columnReader, Frame } from '../frame';
import { groupRows } from '../grouping';

export async function execDistinct(ctx: ExecContext, op: DistinctOp, input: Frame): Promise<Frame> {
  if (op.star) {
    const groups = await groupRows(ctx.checkpoint, input.columns.map((column) => ({ fn: columnReader(column), column })), input.length);
    return input.take(groups.firstRow.subarray(0, groups.nGroups).slice());
  }
  const fns = op.items.map((item) => compileExpr({ ctx, frame: input }, item.expr));
  const groups = await groupRows(ctx.checkpoint, op.items.map((item, i) => {
    const e = item.expr.kind === 'Paren' ? item.expr.expr : item.expr;
    const column = e.kind === 'NameRef' && ctx.binding.symbols.get(e)?.kind === 'column' ? input.column(e.name.name) : undefined;
    return column ? { fn: fns[i]!, column } : { fn: fns[i]! };
  }), input.length);
  const rows = groups.nGroups === 1 && input.length === 0 ? new Int32Array(0) : groups.firstRow;
  const columns = op.items.map((item, i) => evalAt(fns[i]!, rows, ctx.binding.itemNames.get(item)!, ctx.binding.types.get(item.expr) ?? 'unknown'));
  return new Frame(columns, rows.length);
}

export function execCount(input: Frame): Frame {
  return new Frame([{ name: 'Count', type: 'long', data: [input.length] }], 1);
}
