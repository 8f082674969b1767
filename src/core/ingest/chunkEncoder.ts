/**
 * Turns a segment of JSON-lines bytes into a column chunk per table, running the same
 * per-record logic as the serial loader (RecordRows). Pure: no I/O, no threads; the caller
 * decides where it runs. Dedupe is not done here: it needs the whole file in order.
 */
import { dynamicText } from '../schema/dynamicColumn';
import type { ColumnDef, TableName } from '../schema/types';
import { JsonText, type ColumnChunk, type EncodedColumn, type SegmentDetail, type TableChunk } from './columnChunk';
import { readJsonLinesSegment } from './jsonLinesReader';
import { isInterned, RecordRows, tableDef, tableNames } from './recordRows';
import type { RecordPosition } from './recordSink';
import { SegmentDictionaries } from './segmentDictionaries';

/** Columns the receiving loader fills itself (the file and line) or keeps apart (the time). */
const filledByLoader = new Set(['Time', 'SourceFile', 'SourceLine']);

/**
 * A string column encoded as rows come, against the stream's kept dictionary (see
 * SegmentDictionaries): known values take their kept code, new ones are added after them.
 * Repeated values (most audit columns) are dropped at once instead of being kept alive to the end
 * of the segment.
 */
class StringColumn {
  private codes = new Int32Array(1024);
  private rows = 0;
  private readonly base: number;
  private readonly added: string[] = [];
  private readonly seen = new Map<string, number>();
  private lastValue: string | null = null;
  private lastCode = 0;
  /** The values as they came, once one was not a string. */
  private values: unknown[] | null = null;

  private readonly known: ReadonlyMap<string, number>;

  constructor(private readonly key: string, private readonly dictionaries: SegmentDictionaries) {
    this.known = dictionaries.column(key);
    this.base = this.known.size;
  }

  add(v: unknown): void {
    if (this.values !== null) {
      this.values.push(v);
      return;
    }
    if (typeof v !== 'string') {
      const byCode: string[] = [];
      for (const [value, code] of this.known) byCode[code] = value;
      byCode.push(...this.added);
      this.values = Array.from(this.codes.subarray(0, this.rows), (c) => byCode[c]);
      this.values.push(v);
      return;
    }
    // Most audit columns repeat the row before's value (Workload, Operation, ResultStatus, ...).
    if (v === this.lastValue) {
      this.push(this.lastCode);
      return;
    }
    let code = this.known.get(v);
    if (code === undefined) {
      code = this.seen.get(v);
      if (code === undefined) {
        code = this.base + this.added.length;
        this.added.push(v);
        this.seen.set(v, code);
      }
    }
    this.lastValue = v;
    this.lastCode = code;
    this.push(code);
  }

  private push(code: number): void {
    if (this.rows === this.codes.length) {
      const more = new Int32Array(this.rows * 2);
      more.set(this.codes);
      this.codes = more;
    }
    this.codes[this.rows++] = code;
  }

  finish(): EncodedColumn {
    // A value of an unexpected type keeps the whole column as a structured clone: exact, only slower.
    if (this.values !== null) return { kind: 'values', values: this.values };
    this.dictionaries.propose(this.key, this.added, this.base);
    return { kind: 'dict', codes: this.codes.slice(0, this.rows), added: this.added, base: this.base };
  }
}

function encodeNumbers(values: readonly unknown[]): EncodedColumn | null {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) out[i] = Number.NaN;
    else if (typeof v === 'number' && !Number.isNaN(v)) out[i] = v;
    else return null;
  }
  return { kind: 'number', values: out };
}

function encodeBools(values: readonly unknown[]): EncodedColumn | null {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === true) out[i] = 1;
    else if (v === false) out[i] = 0;
    else if (v === null) out[i] = -1;
    else return null;
  }
  return { kind: 'bool', values: out };
}

/**
 * Strings of a column whose values are mostly distinct (Id, ObjectId, SessionId) as one text with
 * the end of each: one string to copy across threads instead of one per row, sliced again on the
 * other side. Falls back to the values as they came once one is not a string.
 */
class TextColumn {
  private readonly texts: string[] = [];
  private ends = new Uint32Array(1024);
  private total = 0;
  private values: unknown[] | null = null;

  add(v: unknown): void {
    if (this.values !== null) {
      this.values.push(v);
      return;
    }
    const rows = this.texts.length;
    if (typeof v !== 'string') {
      this.values = this.texts.slice();
      this.values.push(v);
      return;
    }
    this.texts.push(v);
    this.total += v.length;
    if (rows === this.ends.length) {
      const more = new Uint32Array(rows * 2);
      more.set(this.ends);
      this.ends = more;
    }
    this.ends[rows] = this.total;
  }

  finish(): EncodedColumn {
    if (this.values !== null) return { kind: 'values', values: this.values };
    return { kind: 'strings', text: this.texts.join(''), ends: this.ends.slice(0, this.texts.length) };
  }
}

/**
 * Whether JSON text gives the value back exactly: it writes -0 as 0 and Infinity as null (a
 * JSON.parse makes both from literals such as -0.0 and 1e400). Throws on values nested deeper
 * than the stack allows (the caller then hands the whole segment back).
 */
function survivesJson(v: unknown): boolean {
  if (typeof v === 'number') return v === 0 ? 1 / v > 0 : v - v === 0;
  if (v === null || typeof v !== 'object') return v !== undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!survivesJson(v[i])) return false;
    return true;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (!survivesJson(o[k])) return false;
  return true;
}

/**
 * Dynamic values as JSON text one row after another (the loader keeps the texts and parses a value
 * when it is read), except values JSON cannot give back (see survivesJson): a structured clone.
 */
class JsonColumn {
  private readonly texts: string[] = [];
  private readonly ends: number[] = [];
  private total = 0;
  private readonly cloned: number[] = [];
  private readonly clonedValues: unknown[] = [];
  private readonly clonedBags: number[] = [];

  add(v: unknown, row: number): void {
    if (v instanceof JsonText) {
      this.texts.push(v.text);
      this.total += v.text.length;
    } else if (v !== null) {
      if (survivesJson(v)) {
        const text = dynamicText(v);
        this.texts.push(text);
        this.total += text.length;
      } else {
        this.cloned.push(row);
        this.clonedValues.push(v);
        if (typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === null) this.clonedBags.push(row);
      }
    }
    this.ends.push(this.total);
  }

  finish(): EncodedColumn {
    return {
      kind: 'json', text: this.texts.join(''), ends: new Uint32Array(this.ends),
      cloned: new Int32Array(this.cloned), clonedValues: this.clonedValues, clonedBags: new Int32Array(this.clonedBags),
    };
  }
}

class TableRows {
  private readonly columns: readonly ColumnDef[];
  /** Per column, the one that holds it: interned strings, dynamic values, or other plain values (null for loader-filled columns). */
  private readonly strings: (StringColumn | null)[];
  private readonly json: (JsonColumn | null)[];
  private readonly texts: (TextColumn | null)[];
  private readonly values: (unknown[] | null)[];
  private readonly time: number[] = [];
  private readonly line: number[] = [];
  private readonly offset: number[] = [];
  private readonly length: number[] = [];

  constructor(name: TableName, dictionaries: SegmentDictionaries) {
    this.columns = tableDef(name).columns;
    const kept = (c: ColumnDef): boolean => !filledByLoader.has(c.name);
    // Interned columns repeat (a dictionary pays); the others (Id, ObjectId, ...) are mostly unique and cross as they are.
    this.strings = this.columns.map((c) => (kept(c) && isInterned(c) ? new StringColumn(`${name}.${c.name}`, dictionaries) : null));
    this.json = this.columns.map((c) => (kept(c) && c.type === 'dynamic' ? new JsonColumn() : null));
    const plain = (c: ColumnDef): boolean => kept(c) && !isInterned(c) && c.type !== 'dynamic';
    this.texts = this.columns.map((c) => (plain(c) && c.type === 'string' ? new TextColumn() : null));
    this.values = this.columns.map((c) => (plain(c) && c.type !== 'string' ? [] : null));
  }

  add(values: readonly unknown[], time: number, pos: RecordPosition): void {
    const row = this.time.length;
    for (let i = 0; i < values.length; i++) {
      const strings = this.strings[i];
      if (strings) {
        strings.add(values[i]);
        continue;
      }
      const text = this.texts[i];
      if (text) {
        text.add(values[i]);
        continue;
      }
      const plain = this.values[i];
      if (plain) {
        plain.push(values[i]);
        continue;
      }
      const json = this.json[i];
      if (json) json.add(values[i], row);
    }
    this.time.push(time);
    this.line.push(pos.line);
    this.offset.push(pos.offset);
    this.length.push(pos.length);
  }

  private encode(i: number): EncodedColumn {
    const strings = this.strings[i];
    if (strings) return strings.finish();
    const json = this.json[i];
    if (json) return json.finish();
    const text = this.texts[i];
    if (text) return text.finish();
    const values = this.values[i];
    if (!values) return { kind: 'none' };
    let encoded: EncodedColumn | null = null;
    switch (this.columns[i]!.type) {
      case 'long':
      case 'real': encoded = encodeNumbers(values); break;
      case 'bool': encoded = encodeBools(values); break;
      default: break;
    }
    // A value of an unexpected type keeps the whole column as a structured clone: exact, only slower.
    return encoded ?? { kind: 'values', values };
  }

  finish(): TableChunk {
    return {
      rows: this.time.length,
      time: new Float64Array(this.time),
      line: new Uint32Array(this.line),
      offset: new Uint32Array(this.offset),
      length: new Uint32Array(this.length),
      columns: this.columns.map((_, i) => this.encode(i)),
    };
  }
}

/**
 * Collects the rows, rejections and warnings of one segment, as the loader would count them,
 * into a column chunk. At most `maxDetails` rejections and warnings are kept in detail; all are counted.
 */
export class ChunkCollector {
  private readonly tables;
  private readonly rejections: SegmentDetail[] = [];
  private readonly warnings: SegmentDetail[] = [];
  private rejected = 0;
  private warningCount = 0;
  readonly rows: RecordRows;

  /**
   * `dictionaries`: the stream's kept dictionaries, when the encoder reads several segments of a file;
   * `fastLane`: whether JSON lines of the hot UAL shape are read from their bytes (see UalFastLane).
   */
  constructor(private readonly maxDetails: number, private readonly dictionaries = new SegmentDictionaries(), fastLane = false) {
    this.tables = {
      AuditLogs: new TableRows('AuditLogs', dictionaries),
      SignIns: new TableRows('SignIns', dictionaries),
      DirectoryAudits: new TableRows('DirectoryAudits', dictionaries),
    };
    this.rows = new RecordRows({
      row: (table, values, time, pos) => this.tables[table].add(values, time, pos),
      reject: this.reject,
      warn: this.warn,
    }, { fastLane });
  }

  readonly reject = (reason: string, pos: RecordPosition): void => {
    this.rejected++;
    if (this.rejections.length < this.maxDetails) this.rejections.push({ line: pos.line, offset: pos.offset, reason });
  };

  readonly warn = (reason: string, pos: RecordPosition): void => {
    this.warningCount++;
    if (this.warnings.length < this.maxDetails) this.warnings.push({ line: pos.line, offset: pos.offset, reason });
  };

  /** The chunk of a segment of `bytes` bytes holding `newlines` line feeds. */
  finish(bytes: number, newlines: number, csvRows?: number): ColumnChunk {
    const done = {} as Record<TableName, TableChunk>;
    for (const name of tableNames) done[name] = this.tables[name].finish();
    return {
      bytes, newlines, tables: done, dictionary: this.dictionaries.id, rejected: this.rejected, rejections: this.rejections,
      warningCount: this.warningCount, warnings: this.warnings, ...(csvRows === undefined ? {} : { csvRows }),
    };
  }
}

export interface SegmentOptions {
  /** Read lines of the hot UAL shape through the fast lane (default; off to compare the two in tests). */
  readonly fastLane?: boolean;
}

/** Reads a segment of whole JSON lines (positions relative to the segment) into column chunks. */
export function encodeJsonLinesSegment(
  segment: Buffer, maxDetails: number, dictionaries?: SegmentDictionaries, options: SegmentOptions = {},
): ColumnChunk {
  const collector = new ChunkCollector(maxDetails, dictionaries, options.fastLane ?? true);
  const rows = collector.rows;
  const lane = rows.fastLaneFor(segment);
  const newlines = readJsonLinesSegment(segment, {
    json: (text, pos) => rows.json(text, pos),
    ...(lane ? { bytes: (buf: Buffer, start: number, end: number, pos: RecordPosition) => rows.jsonBytes(buf, start, end, pos) } : {}),
    warn: collector.warn,
  });
  return collector.finish(segment.length, newlines);
}
