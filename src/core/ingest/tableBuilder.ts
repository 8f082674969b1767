/**
 * Column buffers for one table, filled row by row or a column chunk at a time, and turned
 * into an arquero table. Times and record locations go into typed arrays; categorical
 * strings are interned so a million rows of "MailItemsAccessed" share one string.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnDef, TableDef } from '../schema/types';
import type { EncodedColumn, TableChunk } from './columnChunk';

class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Float64Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  /** Appends `base + from[i]` for the rows `keep` selects (all rows when it is null). */
  pushMany(from: ArrayLike<number>, base: number, keep: Uint8Array | null): void {
    this.reserve(from.length);
    const data = this.data;
    let n = this.length;
    for (let i = 0; i < from.length; i++) if (keep === null || keep[i] === 1) data[n++] = base + from[i]!;
    this.length = n;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Where a row's original record is, so it can be re-read from the file instead of kept in memory. */
export interface RecordLocation {
  readonly fileIndex: number;
  /** 1-based line where the record starts (in the decoded text). */
  readonly line: number;
  /** Byte offset and length of the record in the decoded UTF-8 text. */
  readonly offset: number;
  readonly length: number;
}

/** Where a column chunk's rows sit in their file, and which rows to keep. */
export interface ChunkPlacement {
  readonly fileIndex: number;
  readonly fileName: string;
  /** Line and byte offset (in the decoded text) of the chunk's segment. */
  readonly line: number;
  readonly offset: number;
  /** 1 for rows to append, 0 for duplicates; null appends every row. */
  readonly keep: Uint8Array | null;
  readonly kept: number;
}

/** The values of an encoded column for the kept rows, as a plain array. */
function decodeColumn(col: EncodedColumn, rows: number, keep: Uint8Array | null, kept: number, interner: Map<string, string> | null): unknown[] {
  const out = new Array<unknown>(kept);
  let n = 0;
  switch (col.kind) {
    case 'dict': {
      let dict = col.dict;
      if (interner !== null) {
        dict = dict.slice();
        for (let d = 0; d < dict.length; d++) {
          const hit = interner.get(dict[d]!);
          if (hit === undefined) interner.set(dict[d]!, dict[d]!);
          else dict[d] = hit;
        }
      }
      const codes = col.codes;
      for (let i = 0; i < rows; i++) if (keep === null || keep[i] === 1) out[n++] = dict[codes[i]!];
      return out;
    }
    case 'number': {
      const v = col.values;
      for (let i = 0; i < rows; i++) {
        if (keep !== null && keep[i] !== 1) continue;
        const x = v[i]!;
        out[n++] = x !== x ? null : x;
      }
      return out;
    }
    case 'bool': {
      const v = col.values;
      for (let i = 0; i < rows; i++) if (keep === null || keep[i] === 1) out[n++] = v[i] === 1 ? true : v[i] === 0 ? false : null;
      return out;
    }
    case 'json': {
      const all = JSON.parse(col.text) as unknown[];
      for (let c = 0; c < col.cloned.length; c++) all[col.cloned[c]!] = col.clonedValues[c];
      // Neither JSON nor a structured clone keeps a missing prototype.
      for (const row of col.nullProto) Object.setPrototypeOf(all[row], null);
      return keep === null ? all : all.filter((_, i) => keep[i] === 1);
    }
    case 'values':
      return keep === null ? col.values : col.values.filter((_, i) => keep[i] === 1);
    case 'none':
      return out;
  }
}

export class TableBuilder {
  readonly def: TableDef;
  readonly columnIndex: ReadonlyMap<string, number>;
  /** Per column: finished parts (from chunks), then the part rows are appended to. */
  private readonly parts: unknown[][][] = [];
  private stores: unknown[][] = [];
  private readonly interners: (Map<string, string> | null)[] = [];
  private readonly previous: unknown[] = [];
  private readonly time = new GrowableFloat64();
  private readonly timeColumn: number;
  private readonly fileColumn: number;
  private readonly lineColumn: number;
  private readonly fileIndex = new GrowableFloat64();
  private readonly offset = new GrowableFloat64();
  private readonly length = new GrowableFloat64();
  private readonly line = new GrowableFloat64();
  private rows = 0;
  /** Rows in `stores` (appended one by one since the last chunk). */
  private storedRows = 0;

  constructor(def: TableDef, interned: ReadonlySet<string> = new Set()) {
    this.def = def;
    this.columnIndex = new Map(def.columns.map((c, i) => [c.name, i]));
    this.timeColumn = this.columnIndex.get('Time') ?? -1;
    this.fileColumn = this.columnIndex.get('SourceFile') ?? -1;
    this.lineColumn = this.columnIndex.get('SourceLine') ?? -1;
    for (const col of def.columns) {
      this.parts.push([]);
      this.stores.push([]);
      this.interners.push(col.type === 'string' && (col.categorical || interned.has(col.name)) ? new Map() : null);
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Appends a row of already-converted values (in catalogue column order). Time goes separately. */
  append(values: readonly unknown[], time: number, loc: RecordLocation): void {
    const stores = this.stores;
    const interners = this.interners;
    const previous = this.previous;
    for (let i = 0; i < stores.length; i++) {
      if (i === this.timeColumn) continue;
      let v = values[i];
      const interner = interners[i];
      if (interner !== null && typeof v === 'string') {
        // Neighbouring rows mostly repeat a value: compare with the last one before hashing.
        if (v === previous[i]) v = previous[i];
        else {
          const hit = interner.get(v);
          if (hit === undefined) interner.set(v, v);
          else v = hit;
          previous[i] = v;
        }
      }
      stores[i]!.push(v);
    }
    this.time.push(time);
    this.fileIndex.push(loc.fileIndex);
    this.offset.push(loc.offset);
    this.length.push(loc.length);
    this.line.push(loc.line);
    this.rows++;
    this.storedRows++;
  }

  /** Appends the rows of a column chunk that `at.keep` selects, in order, as if appended one by one. */
  appendChunk(chunk: TableChunk, at: ChunkPlacement): void {
    if (at.kept === 0) return;
    const { rows } = chunk;
    const keep = at.kept === rows ? null : at.keep;
    // Rows appended one by one so far become a finished part, so the order stays.
    if (this.storedRows > 0) {
      for (let i = 0; i < this.stores.length; i++) this.parts[i]!.push(this.stores[i]!);
      this.stores = this.stores.map(() => []);
      this.storedRows = 0;
    }
    for (let i = 0; i < chunk.columns.length; i++) {
      if (i === this.timeColumn) continue;
      let part: unknown[];
      if (i === this.fileColumn) part = new Array<unknown>(at.kept).fill(this.intern(i, at.fileName));
      else if (i === this.lineColumn) {
        part = new Array<unknown>(at.kept);
        let n = 0;
        for (let r = 0; r < rows; r++) if (keep === null || keep[r] === 1) part[n++] = at.line + chunk.line[r]! - 1;
      } else part = decodeColumn(chunk.columns[i]!, rows, keep, at.kept, this.interners[i]!);
      this.parts[i]!.push(part);
    }
    this.time.pushMany(chunk.time, 0, keep);
    this.line.pushMany(chunk.line, at.line - 1, keep);
    this.offset.pushMany(chunk.offset, at.offset, keep);
    this.length.pushMany(chunk.length, 0, keep);
    const fileIndexes = new Float64Array(at.kept).fill(at.fileIndex);
    this.fileIndex.pushMany(fileIndexes, 0, null);
    this.rows += at.kept;
  }

  private intern(column: number, value: string): string {
    const interner = this.interners[column];
    if (!interner) return value;
    const hit = interner.get(value);
    if (hit !== undefined) return hit;
    interner.set(value, value);
    return value;
  }

  location(row: number): RecordLocation {
    return {
      fileIndex: this.fileIndex.data[row]!,
      line: this.line.data[row]!,
      offset: this.offset.data[row]!,
      length: this.length.data[row]!,
    };
  }

  private column(i: number): unknown[] {
    const parts = this.parts[i]!;
    if (parts.length === 0) return this.stores[i]!;
    const rest = this.storedRows > 0 ? [...parts.slice(1), this.stores[i]!] : parts.slice(1);
    return parts[0]!.concat(...rest);
  }

  /** Builds the arquero table; the builder keeps the record locations. */
  build(): ColumnTable {
    const columns: Record<string, unknown> = {};
    this.def.columns.forEach((col: ColumnDef, i) => {
      columns[col.name] = i === this.timeColumn ? this.time.view() : this.column(i);
    });
    return aq.table(columns as Record<string, unknown[]>);
  }
}
