/**
 * Turns a segment of JSON-lines bytes into a column chunk per table, running the same
 * per-record logic as the serial loader (RecordRows). Pure: no I/O, no threads; the caller
 * decides where it runs. Dedupe is not done here: it needs the whole file in order.
 */
import type { ColumnDef, TableName } from '../schema/types';
import type { ColumnChunk, EncodedColumn, SegmentDetail, TableChunk } from './columnChunk';
import { readJsonLinesSegment } from './jsonLinesReader';
import { RecordRows, tableDef, tableNames } from './recordRows';
import type { RecordPosition } from './recordSink';

/** Columns the receiving loader fills itself (the file and line) or keeps apart (the time). */
const filledByLoader = new Set(['Time', 'SourceFile', 'SourceLine']);

function encodeStrings(values: readonly unknown[]): EncodedColumn | null {
  const codes = new Int32Array(values.length);
  const dict: string[] = [];
  const seen = new Map<string, number>();
  let last: unknown;
  let lastCode = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string') return null;
    if (v === last) {
      codes[i] = lastCode;
      continue;
    }
    let code = seen.get(v);
    if (code === undefined) {
      code = dict.length;
      dict.push(v);
      seen.set(v, code);
    }
    codes[i] = code;
    last = v;
    lastCode = code;
  }
  return { kind: 'dict', codes, dict };
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
 * JSON text keeps every value a JSON.parse made except -0 (written as 0) and the missing
 * prototype of name -> value bags: rows whose record text holds "-0" cross as a structured
 * clone, and bags are listed to get their null prototype back.
 */
function encodeJson(values: unknown[], minusZeroRows: readonly number[]): EncodedColumn | null {
  const nullProto: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) return null;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === null) nullProto.push(i);
  }
  const clonedValues: unknown[] = [];
  const plain = minusZeroRows.length === 0 ? values : values.slice();
  for (const row of minusZeroRows) {
    clonedValues.push(plain[row]);
    plain[row] = null;
  }
  return {
    kind: 'json', text: JSON.stringify(plain), nullProto: Int32Array.from(nullProto),
    cloned: Int32Array.from(minusZeroRows), clonedValues,
  };
}

function encodeColumn(col: ColumnDef, values: unknown[], minusZeroRows: readonly number[]): EncodedColumn {
  if (filledByLoader.has(col.name)) return { kind: 'none' };
  let encoded: EncodedColumn | null = null;
  switch (col.type) {
    case 'string': encoded = encodeStrings(values); break;
    case 'long':
    case 'real': encoded = encodeNumbers(values); break;
    case 'bool': encoded = encodeBools(values); break;
    case 'dynamic': encoded = encodeJson(values, minusZeroRows); break;
    default: break;
  }
  // A value of an unexpected type keeps the whole column as a structured clone: exact, only slower.
  return encoded ?? { kind: 'values', values };
}

class TableRows {
  private readonly columns: ColumnDef[];
  private readonly values: unknown[][];
  private readonly time: number[] = [];
  private readonly line: number[] = [];
  private readonly offset: number[] = [];
  private readonly length: number[] = [];
  private readonly minusZeroRows: number[] = [];

  constructor(name: TableName) {
    this.columns = tableDef(name).columns.slice();
    this.values = this.columns.map(() => []);
  }

  add(values: readonly unknown[], time: number, pos: RecordPosition, text: string | null): void {
    const row = this.time.length;
    for (let i = 0; i < this.values.length; i++) this.values[i]!.push(values[i]);
    this.time.push(time);
    this.line.push(pos.line);
    this.offset.push(pos.offset);
    this.length.push(pos.length);
    if (text !== null && text.includes('-0')) this.minusZeroRows.push(row);
  }

  finish(): TableChunk {
    return {
      rows: this.time.length,
      time: Float64Array.from(this.time),
      line: Uint32Array.from(this.line),
      offset: Uint32Array.from(this.offset),
      length: Uint32Array.from(this.length),
      columns: this.columns.map((c, i) => encodeColumn(c, this.values[i]!, this.minusZeroRows)),
    };
  }
}

/**
 * Reads a segment of whole JSON lines (positions relative to the segment) into column chunks.
 * At most `maxDetails` rejections and warnings are kept in detail; all are counted.
 */
export function encodeJsonLinesSegment(segment: Buffer, maxDetails: number): ColumnChunk {
  const tables = {
    AuditLogs: new TableRows('AuditLogs'),
    SignIns: new TableRows('SignIns'),
    DirectoryAudits: new TableRows('DirectoryAudits'),
  };
  const rejections: SegmentDetail[] = [];
  const warnings: SegmentDetail[] = [];
  let rejected = 0;
  let warningCount = 0;
  const rows = new RecordRows({
    row: (table, values, time, pos, text) => tables[table].add(values, time, pos, text),
    reject: (reason, pos) => {
      rejected++;
      if (rejections.length < maxDetails) rejections.push({ line: pos.line, offset: pos.offset, reason });
    },
    warn: (reason, pos) => {
      warningCount++;
      if (warnings.length < maxDetails) warnings.push({ line: pos.line, offset: pos.offset, reason });
    },
  });
  const newlines = readJsonLinesSegment(segment, {
    json: (text, pos) => rows.json(text, pos),
    warn: (reason, pos) => {
      warningCount++;
      if (warnings.length < maxDetails) warnings.push({ line: pos.line, offset: pos.offset, reason });
    },
  });
  const done = {} as Record<TableName, TableChunk>;
  for (const name of tableNames) done[name] = tables[name].finish();
  return { bytes: segment.length, newlines, tables: done, rejected, rejections, warningCount, warnings };
}
