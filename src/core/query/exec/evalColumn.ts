/** Evaluating an expression for every row into a new column (in chunks, so it can be cancelled). */
import type { ScalarType } from '../types';
import type { Checkpoint } from './checkpoint';
import { columnReader, type FrameColumn } from './frame';
import type { RowFn } from './values';

/** Values in the data conventions: strings never null, numbers null rather than NaN/undefined. */
export async function evalColumn(cp: Checkpoint, fn: RowFn, n: number, name: string, type: ScalarType): Promise<FrameColumn> {
  const out = new Array<unknown>(n);
  if (type === 'string') {
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        const v = fn(r);
        out[r] = typeof v === 'string' ? v : v === null || v === undefined ? '' : v;
      }
    });
  } else {
    await cp.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) {
        const v = fn(r);
        out[r] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v;
      }
    });
  }
  return { name, type, data: out };
}

/** Evaluates `fn` at the given rows only. */
export function evalAt(fn: RowFn, rows: Int32Array, name: string, type: ScalarType): FrameColumn {
  const out = new Array<unknown>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const v = r < 0 ? null : fn(r);
    out[k] = v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)) ? (type === 'string' ? '' : null) : v;
  }
  return { name, type, data: out };
}

export function renamed(c: FrameColumn, name: string, type: ScalarType = c.type): FrameColumn {
  return name === c.name && type === c.type ? c : { ...c, name, type };
}

export { columnReader };
