/**
 * Column chunks: the rows that one segment of a JSON-lines file gives each table, in a form
 * that crosses threads cheaply (typed arrays are transferred, not copied). Strings of interned
 * columns are dictionary-encoded (audit columns repeat heavily); dynamic values travel as one JSON text
 * per column, which the receiving thread parses faster than it deserialises a structured
 * clone of the same values (measured: see the parallel loading notes in connect/parallelLoad).
 */
import type { TableName } from '../schema/types';
import type { Rejection } from './ledger';

export type EncodedColumn =
  /**
   * Strings of an interned column: row i holds entry codes[i] of the column's dictionary in the
   * chunk's stream (ColumnChunk.dictionary): the entries that stream's earlier chunks gave up to
   * `base`, then `added`.
   */
  | { readonly kind: 'dict'; readonly codes: Int32Array; readonly added: string[]; readonly base: number }
  /** Strings, mostly distinct (Id, ObjectId, ...): row i is text.slice(ends[i - 1], ends[i]). */
  | { readonly kind: 'strings'; readonly text: string; readonly ends: Uint32Array }
  /** Numbers or null: NaN stands for null (the converters never give NaN). */
  | { readonly kind: 'number'; readonly values: Float64Array }
  /** true / false / null as 1 / 0 / -1. */
  | { readonly kind: 'bool'; readonly values: Int8Array }
  /**
   * Dynamic values as JSON text (schema/dynamicColumn's dynamicText), row after row in `text`:
   * row i is text.slice(ends[i - 1], ends[i]), empty for null. Rows in `cloned` could not cross as
   * JSON (a -0 somewhere) and take their value from `clonedValues`; those in `clonedBags` are
   * objects without a prototype (a clone does not keep that). The receiving loader keeps the
   * texts: the values are parsed when they are read.
   */
  | {
    readonly kind: 'json'; readonly text: string; readonly ends: Uint32Array;
    readonly cloned: Int32Array; readonly clonedValues: unknown[]; readonly clonedBags: Int32Array;
  }
  /** Anything else, as a structured clone: values of an unexpected type. */
  | { readonly kind: 'values'; readonly values: unknown[] }
  /** Filled in by the receiving loader (SourceFile, SourceLine) or kept apart (Time). */
  | { readonly kind: 'none' };

/**
 * A dynamic value given as the JSON text the encoder would write for it (the fast lane keeps
 * Folders' text as read when it is exactly that text).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

export interface TableChunk {
  readonly rows: number;
  /** Epoch ms, NaN for records without a time. */
  readonly time: Float64Array;
  /** 1-based line in the segment where each record starts, and its byte offset and length in the segment. */
  readonly line: Uint32Array;
  readonly offset: Uint32Array;
  readonly length: Uint32Array;
  /** One per catalogue column, in catalogue order. */
  readonly columns: readonly EncodedColumn[];
}

/** A position inside a segment (line 1 is the segment's first line). */
export type SegmentDetail = Omit<Rejection, 'file'>;

export interface ColumnChunk {
  /** Bytes of the segment and the newlines in it (the next segment starts that many lines further on). */
  readonly bytes: number;
  readonly newlines: number;
  readonly tables: Readonly<Record<TableName, TableChunk>>;
  /**
   * The dictionary stream the chunk's dict columns extend (one encoder's segments of one file):
   * chunks of a stream are to be read in the order they were encoded, which for a file's segments
   * is file order.
   */
  readonly dictionary: string;
  readonly rejected: number;
  /** The first rejections and warnings in detail (segment positions); all are counted. */
  readonly rejections: SegmentDetail[];
  readonly warningCount: number;
  readonly warnings: SegmentDetail[];
  /** CSV segments: the rows read past the header (the file's format is named once there is one). */
  readonly csvRows?: number;
}

/**
 * A segment that could not be encoded (values nested deeper than a worker's stack can write or
 * clone): the loader reads its bytes itself, with the serial reader, in its place in the file.
 */
export interface RawSegment {
  readonly raw: Uint8Array;
  readonly reason: string;
}

/**
 * A CSV file from a segment on that the workers could not read on their own (a quoted cell running
 * past the segment's end, or damage): the loader reads these bytes, to the end of the file, itself.
 */
export interface CsvRest {
  readonly rest: AsyncIterable<Uint8Array>;
}

/** What a parallel reader hands the loader for each segment, in file order. */
export type SegmentChunk = ColumnChunk | RawSegment | CsvRest;

/** The buffers of a chunk, to hand to postMessage as its transfer list. */
export function chunkTransferList(chunk: ColumnChunk): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView): void => {
    if (a.buffer instanceof ArrayBuffer && a.byteLength > 0 && !out.includes(a.buffer)) out.push(a.buffer);
  };
  for (const t of Object.values(chunk.tables)) {
    add(t.time);
    add(t.line);
    add(t.offset);
    add(t.length);
    for (const c of t.columns) {
      if (c.kind === 'dict') add(c.codes);
      else if (c.kind === 'strings') add(c.ends);
      else if (c.kind === 'number' || c.kind === 'bool') add(c.values);
      else if (c.kind === 'json') {
        add(c.ends);
        add(c.cloned);
        add(c.clonedBags);
      }
    }
  }
  return out;
}
