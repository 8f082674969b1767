/**
 * Column buffers for one table, filled row by row or a column chunk at a time, and turned
 * into an arquero table. Times and record locations go into typed arrays; categorical
 * strings are interned so a million rows of "MailItemsAccessed" share one string.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { dynamicColumn, storedDynamic } from '../schema/dynamicColumn';
import type { ColumnDef, TableDef } from '../schema/types';
import { rememberDictionary } from '../query/exec/dictionary';
import type { EncodedColumn, TableChunk } from './columnChunk';
import { growableFloat64 } from './growable';
import { InternedColumn } from './internedColumn';

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
  /** How many more rows the rest of the file will likely add (to reserve room once, not regrow); 0 when unknown. */
  readonly expectMore?: number;
  /** Per column, the codes of the entries its dict codes index (see TableBuilder.dictionariesOf). */
  readonly dictionaries: readonly (readonly number[] | null)[];
  /** A column the caller already decoded (all rows): its values are taken as they are. */
  readonly decoded?: { readonly column: number; readonly values: readonly unknown[] };
}

/** Writes the kept rows of an encoded column (not an interned one) into `target` from index `start` on. */
function decodeInto(col: EncodedColumn, rows: number, keep: Uint8Array | null, target: unknown[], start: number): void {
  let n = start;
  switch (col.kind) {
    case 'dict':
      throw new Error('a dictionary-coded column that is not interned');
    case 'strings': {
      const { text, ends } = col;
      let from = 0;
      for (let i = 0; i < rows; i++) {
        const end = ends[i]!;
        if (keep === null || keep[i] === 1) target[n++] = text.slice(from, end);
        from = end;
      }
      return;
    }
    case 'number': {
      const v = col.values;
      for (let i = 0; i < rows; i++) {
        if (keep !== null && keep[i] !== 1) continue;
        const x = v[i]!;
        target[n++] = x !== x ? null : x;
      }
      return;
    }
    case 'bool': {
      const v = col.values;
      for (let i = 0; i < rows; i++) if (keep === null || keep[i] === 1) target[n++] = v[i] === 1 ? true : v[i] === 0 ? false : null;
      return;
    }
    case 'json': {
      // The texts are kept as they are (slices of the chunk's text): parsed when read.
      const { text, ends, cloned, clonedValues } = col;
      for (const row of col.clonedBags) Object.setPrototypeOf(clonedValues[cloned.indexOf(row)], null);
      let c = 0;
      let start = 0;
      for (let i = 0; i < rows; i++) {
        const end = ends[i]!;
        let v: unknown = null;
        if (end > start) v = text.slice(start, end);
        else if (c < cloned.length && cloned[c] === i) v = storedDynamic(clonedValues[c]);
        if (c < cloned.length && cloned[c] === i) c++;
        start = end;
        if (keep === null || keep[i] === 1) target[n++] = v;
      }
      return;
    }
    case 'values':
      for (let i = 0; i < rows; i++) if (keep === null || keep[i] === 1) target[n++] = col.values[i];
      return;
    case 'none':
      return;
  }
}

/**
 * Writes the kept rows of an interned column into `target` from index `start` on, as interned
 * strings, and their codes; `entries` are the codes of a dict column's dictionary entries.
 */
function decodeInterned(
  interned: InternedColumn, col: EncodedColumn, rows: number, keep: Uint8Array | null, target: unknown[], start: number, entries: readonly number[] | null,
): void {
  let n = start;
  if (col.kind === 'dict') {
    if (entries === null) throw new Error('a dictionary-coded column came without its dictionary');
    const codes = col.codes;
    for (let i = 0; i < rows; i++) {
      if (keep !== null && keep[i] !== 1) continue;
      const code = entries[codes[i]!]!;
      target[n++] = interned.name(code);
      interned.push(code);
    }
    return;
  }
  // Strings that did not come dictionary-coded (a value of another type in the column): one by one.
  const values: unknown[] = [];
  decodeInto(col, rows, keep, values, 0);
  for (const v of values) {
    if (typeof v === 'string') {
      const code = interned.code(v);
      target[n++] = interned.name(code);
      interned.push(code);
    } else {
      target[n++] = v;
      interned.pushUncoded();
    }
  }
}

export class TableBuilder {
  readonly def: TableDef;
  readonly columnIndex: ReadonlyMap<string, number>;
  /**
   * One array per column, rows 0..rowCount-1 filled; it may be longer (room reserved for rows to
   * come). build() trims and hands them to arquero as they are: no copy at the end of a load.
   */
  private readonly stores: unknown[][] = [];
  private readonly interned: (InternedColumn | null)[] = [];
  /** Per dictionary stream of the file being merged (ColumnChunk.dictionary), per column: its entries' codes so far. */
  private readonly streams = new Map<string, (number[] | null)[]>();
  /** Per column: true for dynamic columns (stored as schema/dynamicColumn says). */
  private readonly dynamic: boolean[] = [];
  private readonly time = growableFloat64();
  private readonly timeColumn: number;
  private readonly fileColumn: number;
  private readonly lineColumn: number;
  private readonly fileIndex = growableFloat64();
  private readonly offset = growableFloat64();
  private readonly length = growableFloat64();
  private readonly line = growableFloat64();
  private rows = 0;
  /** Rows the column arrays have room for. */
  private reserved = 0;

  constructor(def: TableDef, interned: ReadonlySet<string> = new Set()) {
    this.def = def;
    this.columnIndex = new Map(def.columns.map((c, i) => [c.name, i]));
    this.timeColumn = this.columnIndex.get('Time') ?? -1;
    this.fileColumn = this.columnIndex.get('SourceFile') ?? -1;
    this.lineColumn = this.columnIndex.get('SourceLine') ?? -1;
    for (const col of def.columns) {
      this.stores.push([]);
      this.interned.push(col.type === 'string' && (col.categorical || interned.has(col.name)) ? new InternedColumn() : null);
      this.dynamic.push(col.type === 'dynamic');
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Rows the columns have room for without growing (at least rowCount). */
  get capacity(): number {
    return Math.max(this.rows, this.reserved);
  }

  /** Appends a row of already-converted values (in catalogue column order). Time goes separately. */
  append(values: readonly unknown[], time: number, loc: RecordLocation): void {
    const stores = this.stores;
    for (let i = 0; i < stores.length; i++) {
      if (i === this.timeColumn) continue;
      let v = values[i];
      const interned = this.interned[i];
      if (interned) {
        if (typeof v === 'string') {
          const code = interned.code(v);
          interned.push(code);
          v = interned.name(code);
        } else interned.pushUncoded();
      }
      stores[i]![this.rows] = this.dynamic[i] ? storedDynamic(v) : v;
    }
    this.time.push(time);
    this.fileIndex.push(loc.fileIndex);
    this.offset.push(loc.offset);
    this.length.push(loc.length);
    this.line.push(loc.line);
    this.rows++;
  }

  /** Appends the rows of a column chunk that `at.keep` selects, in order, as if appended one by one. */
  appendChunk(chunk: TableChunk, at: ChunkPlacement): void {
    if (at.kept === 0) return;
    const { rows } = chunk;
    const keep = at.kept === rows ? null : at.keep;
    // Without a guess the arrays grow as they are written. With one, room is made once (a regrowth
    // copies every column: then by the guess, and by an eighth at least).
    const expectMore = at.expectMore ?? 0;
    if (expectMore > 0 && this.rows + at.kept > this.reserved) this.reserve(at.kept + Math.max(expectMore, this.rows / 8));
    const start = this.rows;
    for (let i = 0; i < chunk.columns.length; i++) {
      if (i === this.timeColumn) continue;
      const target = this.stores[i]!;
      const interned = this.interned[i];
      const col: EncodedColumn = at.decoded?.column === i ? { kind: 'values', values: at.decoded.values as unknown[] } : chunk.columns[i]!;
      if (i === this.fileColumn) {
        const code = interned ? interned.code(at.fileName) : -1;
        const name = interned ? interned.name(code) : at.fileName;
        for (let r = 0; r < at.kept; r++) {
          target[start + r] = name;
          interned?.push(code);
        }
      } else if (i === this.lineColumn) {
        let n = start;
        for (let r = 0; r < rows; r++) if (keep === null || keep[r] === 1) target[n++] = at.line + chunk.line[r]! - 1;
      } else if (interned) decodeInterned(interned, col, rows, keep, target, start, at.dictionaries[i] ?? null);
      else decodeInto(col, rows, keep, target, start);
    }
    this.time.pushMany(chunk.time, 0, keep);
    this.line.pushMany(chunk.line, at.line - 1, keep);
    this.offset.pushMany(chunk.offset, at.offset, keep);
    this.length.pushMany(chunk.length, 0, keep);
    const fileIndexes = new Float64Array(at.kept).fill(at.fileIndex);
    this.fileIndex.pushMany(fileIndexes, 0, null);
    this.rows += at.kept;
  }

  /**
   * The dictionaries a chunk's dict columns index, brought up to date with the chunk's additions
   * (interned here, once per value and stream). Call it once for every chunk of the stream, in the
   * stream's order, also for chunks whose rows are all dropped: later chunks may use their entries.
   */
  dictionariesOf(chunk: TableChunk, stream: string): (readonly number[] | null)[] {
    let dicts = this.streams.get(stream);
    if (!dicts) {
      dicts = this.def.columns.map(() => null);
      this.streams.set(stream, dicts);
    }
    for (let i = 0; i < chunk.columns.length; i++) {
      const col = chunk.columns[i]!;
      if (col.kind !== 'dict') continue;
      const dict = (dicts[i] ??= []);
      if (col.base > dict.length) throw new Error(`a chunk's dictionary starts at entry ${col.base}, after the ${dict.length} known`);
      // Entries past `base` are those of a chunk the encoder did not keep (see SegmentDictionaries).
      dict.length = col.base;
      const interned = this.interned[i];
      if (!interned) throw new Error(`column ${this.def.columns[i]!.name} came dictionary-coded but is not interned`);
      for (const v of col.added) dict.push(interned.code(v));
    }
    return dicts;
  }

  /** Forgets the dictionary streams (at the end of a file's chunks). */
  endDictionaryStreams(): void {
    this.streams.clear();
  }

  /**
   * Makes room for `more` rows beyond those appended (the loader's guess from a file's size), so the
   * columns of a large load are not regrown, and copied, again and again.
   */
  reserve(more: number): void {
    const want = this.rows + Math.ceil(more);
    this.reserved = Math.max(this.reserved, want);
    for (let i = 0; i < this.stores.length; i++) {
      if (i === this.timeColumn) continue;
      const store = this.stores[i]!;
      if (store.length >= want) continue;
      const next = new Array<unknown>(want);
      for (let r = 0; r < this.rows; r++) next[r] = store[r];
      this.stores[i] = next;
    }
    for (const interned of this.interned) interned?.reserve(want);
    for (const g of [this.time, this.fileIndex, this.offset, this.length, this.line]) g.reserve(want - g.length);
  }

  location(row: number): RecordLocation {
    return {
      fileIndex: this.fileIndex.data[row]!,
      line: this.line.data[row]!,
      offset: this.offset.data[row]!,
      length: this.length.data[row]!,
    };
  }

  /** Builds the arquero table; the builder keeps the record locations. */
  build(): ColumnTable {
    const columns: Record<string, unknown> = {};
    this.def.columns.forEach((col: ColumnDef, i) => {
      const store = this.stores[i]!;
      if (store.length > this.rows) store.length = this.rows;
      columns[col.name] = i === this.timeColumn ? this.time.view() : this.dynamic[i] ? dynamicColumn(store) : store;
      const dictionary = this.interned[i]?.dictionary(this.rows);
      if (dictionary) rememberDictionary(store, dictionary);
    });
    return aq.table(columns as Record<string, unknown[]>);
  }
}
