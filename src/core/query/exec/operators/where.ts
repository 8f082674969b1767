/** where: keeps the rows whose predicate is true (null and false drop the row). */
import type { WhereOp } from '../../syntax/ast';
import { compileExpr } from '../compileExpr';
import type { ExecContext } from '../context';
import type { Frame } from '../frame';

export async function execWhere(ctx: ExecContext, op: WhereOp, input: Frame): Promise<Frame> {
  const pred = compileExpr({ ctx, frame: input }, op.predicate);
  const n = input.length;
  const rows = new Int32Array(n);
  let k = 0;
  await ctx.checkpoint.chunks(n, (from, to) => {
    for (let r = from; r < to; r++) if (pred(r) === true) rows[k++] = r;
  });
  if (k === n) return input;
  return input.take(rows.slice(0, k));
}
