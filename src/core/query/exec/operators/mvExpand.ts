/**
 * mv-expand: one row per element of the arrays (or per key of the bags) of each expanded value,
 * expanded side by side. null gives one row with null; an empty array or bag gives none.
 */
import type { MvExpandOp } from '../../syntax/ast';
import type { ScalarType } from '../../types';
import { compileExpr } from '../compileExpr';
import type { ExecContext } from '../context';
import { Frame, type FrameColumn } from '../frame';
import { QueryError } from '../queryError';
import { isBag, isNull, newBag } from '../values';

function elements(v: unknown, bagMode: 'bag' | 'array'): unknown[] {
  if (Array.isArray(v)) return v;
  if (isBag(v)) {
    return Object.keys(v).map((k) => {
      if (bagMode === 'array') return [k, v[k]];
      const one = newBag();
      one[k] = v[k];
      return one;
    });
  }
  return [isNull(v) ? null : v];
}

/** `to typeof(T)` casts without converting: an element of another type becomes null. */
function cast(v: unknown, type: ScalarType): unknown {
  switch (type) {
    case 'string': return typeof v === 'string' ? v : '';
    case 'long': return typeof v === 'number' && Number.isInteger(v) ? v : null;
    case 'real': return typeof v === 'number' ? v : null;
    case 'bool': return typeof v === 'boolean' ? v : null;
    default: return v ?? null;
  }
}

export async function execMvExpand(ctx: ExecContext, op: MvExpandOp, input: Frame): Promise<Frame> {
  const plan = ctx.binding.mvExpandPlans.get(op)!;
  const fns = op.items.map((item) => compileExpr({ ctx, frame: input }, item.expr));
  let limit = Infinity;
  if (op.limit) {
    const l = compileExpr({ ctx, frame: input }, op.limit)(0);
    if (typeof l !== 'number' || l < 0) throw new QueryError('runtime-error', 'mv-expand limit needs a non-negative number.', op.limit);
    limit = Math.floor(l);
  }
  const sourceRows: number[] = [];
  const values: unknown[][] = op.items.map(() => []);
  const itemIndex: number[] = [];
  await ctx.checkpoint.chunks(input.length, (from, to) => {
    for (let r = from; r < to; r++) {
      const lists = fns.map((f) => elements(f(r), plan.bagExpansion));
      let count = 0;
      for (const l of lists) count = Math.max(count, l.length);
      count = Math.min(count, limit);
      for (let i = 0; i < count; i++) {
        sourceRows.push(r);
        itemIndex.push(i);
        lists.forEach((l, k) => values[k]!.push(cast(i < l.length ? l[i] : null, plan.types[k]!)));
      }
    }
  });
  const taken = input.take(Int32Array.from(sourceRows));
  const columns: FrameColumn[] = [...taken.columns];
  plan.names.forEach((name, k) => {
    const col: FrameColumn = { name, type: plan.types[k]!, data: values[k]! };
    const at = columns.findIndex((c) => c.name === name);
    if (at >= 0) columns[at] = col;
    else columns.push(col);
  });
  if (plan.indexColumn) columns.push({ name: plan.indexColumn, type: 'long', data: itemIndex });
  return new Frame(columns, sourceRows.length);
}
