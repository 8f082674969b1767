/**
 * The executor's table: named columns over shared data arrays. A column may read its data through
 * an index (rows kept by where, sorted by order by, matched by join); index -1 reads as null.
 * Selecting rows composes indices instead of copying every column.
 */
import { dynamicColumn, dynamicStore } from '../../schema/dynamicColumn';
import type { ScalarType } from '../types';
import type { RowFn } from './values';

export interface FrameColumn {
  readonly name: string;
  readonly type: ScalarType;
  readonly data: ArrayLike<unknown>;
  /** data[index[r]] is row r; -1 means null. Absent: data[r]. */
  readonly index?: Int32Array;
  /** Every row holds data[0] (a column the loaded data lacks, read as null). */
  readonly constant?: boolean;
}

export class Frame {
  private byName?: Map<string, FrameColumn>;
  constructor(readonly columns: readonly FrameColumn[], readonly length: number) {}

  column(name: string): FrameColumn | undefined {
    this.byName ??= new Map(this.columns.map((c) => [c.name, c]));
    return this.byName.get(name);
  }

  /** The rows at `rows` (-1 gives a row of nulls), in that order. */
  take(rows: Int32Array): Frame {
    const composed = new Map<Int32Array, Int32Array>();
    const columns = this.columns.map((c): FrameColumn => {
      if (c.constant) return c;
      if (!c.index) return { ...c, index: rows };
      let idx = composed.get(c.index);
      if (!idx) {
        idx = new Int32Array(rows.length);
        const inner = c.index;
        for (let r = 0; r < rows.length; r++) {
          const i = rows[r]!;
          idx[r] = i < 0 ? -1 : inner[i]!;
        }
        composed.set(c.index, idx);
      }
      return { ...c, index: idx };
    });
    return new Frame(columns, rows.length);
  }

  withColumns(columns: readonly FrameColumn[]): Frame {
    return new Frame(columns, this.length);
  }
}

/** The value a column has where there is none: '' for strings (KQL strings are never null), else null. */
export function missingValue(type: ScalarType): unknown {
  return type === 'string' ? '' : null;
}

export function columnReader(c: FrameColumn): RowFn {
  const data = c.data;
  if (c.constant) {
    const v = data[0];
    return () => v;
  }
  const index = c.index;
  if (!index) return (r) => data[r];
  const missing = missingValue(c.type);
  return (r) => {
    const i = index[r]!;
    return i < 0 ? missing : data[i];
  };
}

/** The column's values as a dense array (shares the data when there is no index). */
export function materialize(c: FrameColumn, length: number): ArrayLike<unknown> {
  if (c.constant) return new Array<unknown>(length).fill(c.data[0]);
  if (!c.index && c.data.length === length) return c.data;
  const read = columnReader(c);
  const data = c.data;
  const dynamic = dynamicStore(data);
  if (dynamic && c.index) {
    // Rows of a dynamic column stay JSON text until somebody reads them.
    const out = new Array<unknown>(length);
    const idx = c.index;
    for (let r = 0; r < length; r++) { const i = idx[r]!; out[r] = i < 0 ? null : dynamic[i]; }
    return dynamicColumn(out);
  }
  if (ArrayBuffer.isView(data) && c.index && !c.index.includes(-1)) {
    const Ctor = (data as unknown as { constructor: new (n: number) => { [i: number]: number } }).constructor;
    const out = new Ctor(length);
    const idx = c.index;
    const src = data as unknown as ArrayLike<number>;
    for (let r = 0; r < length; r++) out[r] = src[idx[r]!]!;
    return out as unknown as ArrayLike<unknown>;
  }
  const out = new Array<unknown>(length);
  for (let r = 0; r < length; r++) out[r] = read(r);
  return out;
}

export function rangeRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
