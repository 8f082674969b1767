/**
 * join. Kinds: innerunique (KQL's default: one left row per key), inner, leftouter, leftanti,
 * leftsemi, rightouter, rightanti, rightsemi, fullouter. Null keys never match.
 */
import type { JoinOp } from '../../syntax/ast';
import type { ExecContext } from '../context';
import { columnReader, Frame, type FrameColumn } from '../frame';
import { groupKey } from '../grouping';
import { QueryError } from '../queryError';
import type { RowFn } from '../values';

function keyReader(frame: Frame, names: readonly string[], op: JoinOp): (r: number) => unknown {
  const readers: RowFn[] = names.map((n) => {
    const c = frame.column(n);
    if (!c) throw new QueryError('runtime-error', `Join column '${n}' does not exist in the data.`, op.keyword);
    return columnReader(c);
  });
  if (readers.length === 1) {
    const read = readers[0]!;
    return (r) => {
      const v = read(r);
      return v === null || v === undefined ? undefined : groupKey(v);
    };
  }
  return (r) => {
    let key = '';
    for (const read of readers) {
      const v = read(r);
      if (v === null || v === undefined) return undefined;
      key += `${typeof v}:${JSON.stringify(v)}\u0001`;
    }
    return key;
  };
}

class RowList {
  rows: Int32Array = new Int32Array(1024);
  length = 0;
  push(r: number): void {
    if (this.length === this.rows.length) {
      const next = new Int32Array(this.rows.length * 2);
      next.set(this.rows);
      this.rows = next;
    }
    this.rows[this.length++] = r;
  }
  view(): Int32Array {
    return this.rows.slice(0, this.length);
  }
}

export async function execJoin(ctx: ExecContext, op: JoinOp, left: Frame, right: Frame): Promise<Frame> {
  const plan = ctx.binding.joinPlans.get(op)!;
  const cp = ctx.checkpoint;
  const lkey = keyReader(left, plan.leftKeys, op);
  const rkey = keyReader(right, plan.rightKeys, op);
  // Index the right side: key -> its rows.
  const index = new Map<unknown, number[]>();
  await cp.chunks(right.length, (from, to) => {
    for (let r = from; r < to; r++) {
      const k = rkey(r);
      if (k === undefined) continue;
      const list = index.get(k);
      if (list) list.push(r);
      else index.set(k, [r]);
    }
  });
  const kind = plan.kind;
  const outL = new RowList();
  const outR = new RowList();
  const rightMatched = kind.startsWith('right') || kind === 'fullouter' ? new Uint8Array(right.length) : undefined;
  const seenLeftKeys = kind === 'innerunique' ? new Set<unknown>() : undefined;
  await cp.chunks(left.length, (from, to) => {
    for (let l = from; l < to; l++) {
      const k = lkey(l);
      const matches = k === undefined ? undefined : index.get(k);
      switch (kind) {
        case 'innerunique':
          if (!matches || seenLeftKeys!.has(k)) break;
          seenLeftKeys!.add(k);
          for (const r of matches) { outL.push(l); outR.push(r); }
          break;
        case 'inner':
          if (matches) for (const r of matches) { outL.push(l); outR.push(r); }
          break;
        case 'leftouter':
          if (matches) for (const r of matches) { outL.push(l); outR.push(r); }
          else { outL.push(l); outR.push(-1); }
          break;
        case 'leftanti':
        case 'leftantisemi':
          if (!matches) outL.push(l);
          break;
        case 'leftsemi':
          if (matches) outL.push(l);
          break;
        case 'rightouter':
        case 'fullouter':
          if (matches) for (const r of matches) { outL.push(l); outR.push(r); rightMatched![r] = 1; }
          else if (kind === 'fullouter') { outL.push(l); outR.push(-1); }
          break;
        case 'rightanti':
        case 'rightantisemi':
        case 'rightsemi':
          if (matches) for (const r of matches) rightMatched![r] = 1;
          break;
        default:
          throw new QueryError('runtime-error', `Unsupported join kind '${kind}'.`, op.keyword);
      }
    }
  });
  if (kind === 'rightouter' || kind === 'fullouter') {
    for (let r = 0; r < right.length; r++) if (!rightMatched![r]) { outL.push(-1); outR.push(r); }
  }
  if (kind === 'rightanti' || kind === 'rightantisemi' || kind === 'rightsemi') {
    const want = kind === 'rightsemi' ? 1 : 0;
    for (let r = 0; r < right.length; r++) if (rightMatched![r] === want) outR.push(r);
  }
  const leftRows = outL.view();
  const rightRows = outR.view();
  const rightOnly = kind === 'rightanti' || kind === 'rightantisemi' || kind === 'rightsemi';
  const length = rightOnly ? rightRows.length : leftRows.length;
  const lf = left.take(leftRows);
  const rf = right.take(rightRows);
  const columns: FrameColumn[] = plan.outputs.map((o) => {
    const src = (o.side === 'left' ? lf : rf).column(o.column);
    if (!src) throw new QueryError('runtime-error', `Column '${o.column}' does not exist in the data.`, op.keyword);
    return o.name === src.name ? src : { ...src, name: o.name };
  });
  return new Frame(columns, length);
}
