/** order by / sort by, top N by, take/limit. KQL sorts descending by default; nulls first ascending, last descending. */
import type { SortKey, SortOp, TakeOp, TopOp } from '../../syntax/ast';
import { compileExpr } from '../compileExpr';
import type { ExecContext } from '../context';
import { QueryError } from '../queryError';
import { rangeRows, type Frame } from '../frame';
import { compareValues, isNull } from '../values';

type RowCompare = (a: number, b: number) => number;

async function comparator(ctx: ExecContext, keys: readonly SortKey[], input: Frame): Promise<RowCompare> {
  const parts: RowCompare[] = [];
  for (const k of keys) {
    const fn = compileExpr({ ctx, frame: input }, k.expr);
    const n = input.length;
    const desc = k.direction?.name !== 'asc';
    const nullsFirst = k.nulls ? k.nulls.name === 'first' : !desc;
    const type = ctx.binding.types.get(k.expr);
    const numeric = type === 'long' || type === 'real' || type === 'datetime' || type === 'timespan';
    if (numeric) {
      const vals = new Float64Array(n);
      await ctx.checkpoint.chunks(n, (from, to) => {
        for (let r = from; r < to; r++) {
          const v = fn(r);
          vals[r] = typeof v === 'number' ? v : NaN;
        }
      });
      parts.push((a, b) => {
        const x = vals[a]!;
        const y = vals[b]!;
        const xn = x !== x;
        const yn = y !== y;
        if (xn || yn) return xn && yn ? 0 : xn === nullsFirst ? -1 : 1;
        return desc ? y - x : x - y;
      });
      continue;
    }
    const vals = new Array<unknown>(n);
    await ctx.checkpoint.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) vals[r] = fn(r);
    });
    parts.push((a, b) => {
      const x = vals[a];
      const y = vals[b];
      const xn = isNull(x);
      const yn = isNull(y);
      if (xn || yn) return xn && yn ? 0 : xn === nullsFirst ? -1 : 1;
      const c = compareValues(x, y);
      return desc ? -c : c;
    });
  }
  if (parts.length === 1) {
    const p = parts[0]!;
    return (a, b) => p(a, b) || a - b;
  }
  return (a, b) => {
    for (const p of parts) {
      const c = p(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  };
}

export async function execSort(ctx: ExecContext, op: SortOp, input: Frame): Promise<Frame> {
  const cmp = await comparator(ctx, op.keys, input);
  await ctx.checkpoint.tick();
  const rows = rangeRows(input.length).sort(cmp);
  return input.take(rows);
}

function countValue(ctx: ExecContext, e: import('../../syntax/ast').Expr, input: Frame, what: string): number {
  const v = compileExpr({ ctx, frame: input }, e)(0);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new QueryError('runtime-error', `${what} needs a non-negative number of rows.`, e);
  return Math.floor(v);
}

/** The k best rows by `cmp`, in order, with a bounded binary heap (the worst kept row on top). */
function topRows(n: number, k: number, cmp: RowCompare): Int32Array {
  if (k >= n) return rangeRows(n).sort(cmp);
  const heap = new Int32Array(k);
  let size = 0;
  const worse = (a: number, b: number): boolean => cmp(a, b) > 0;
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(heap[l]!, heap[m]!)) m = l;
      if (r < size && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let row = 0; row < n; row++) {
    if (size < k) {
      heap[size++] = row;
      up(size - 1);
    } else if (k > 0 && cmp(row, heap[0]!) < 0) {
      heap[0] = row;
      down(0);
    }
  }
  return heap.slice(0, size).sort(cmp);
}

export async function execTop(ctx: ExecContext, op: TopOp, input: Frame): Promise<Frame> {
  const k = countValue(ctx, op.count, input, 'top');
  const cmp = await comparator(ctx, op.keys, input);
  await ctx.checkpoint.tick();
  return input.take(topRows(input.length, k, cmp));
}

export function execTake(ctx: ExecContext, op: TakeOp, input: Frame): Frame {
  const k = countValue(ctx, op.count, input, op.keyword.name);
  if (k >= input.length) return input;
  return input.take(rangeRows(k));
}

/** order by ... | take N as one step (the order of the N rows is the same as a full sort's). */
export async function execSortTake(ctx: ExecContext, sort: SortOp, take: TakeOp, input: Frame): Promise<Frame> {
  let k: number;
  try {
    k = countValue(ctx, take.count, input, take.keyword.name);
  } catch (e) {
    throw e instanceof QueryError ? e.withOperator(take.keyword.name, take) : e;
  }
  const cmp = await comparator(ctx, sort.keys, input);
  await ctx.checkpoint.tick();
  return input.take(topRows(input.length, k, cmp));
}
