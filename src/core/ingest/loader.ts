/**
 * Loads audit exports into arquero tables. Callers hand it byte streams (the core does
 * no I/O); it sniffs each file's encoding and layout, reads every record, routes it to
 * AuditLogs / SignIns / DirectoryAudits, normalises it by the catalogue, drops repeated
 * record Ids, and keeps a ledger where read = loaded + duplicates + rejected.
 * Large JSON-lines and CSV files may come as column chunks encoded on other threads (InputFile.jsonLinesChunks,
 * csvChunks): they are deduplicated and appended here, in file order, with the same ledger as a serial read.
 */
import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';
import type { EncodedColumn, SegmentChunk } from './columnChunk';
import { countLineFeeds, readCsvAfterHeader } from './csvAfterHeader';
import { csvHeaderOf, readCsv } from './csvReader';
import { readCsvRow } from './csvRows';
import { decodeToUtf8 } from './decode';
import { readJsonDocument } from './jsonDocumentReader';
import { FirstSeen } from './firstSeen';
import { readJsonLines, readJsonLinesSegment } from './jsonLinesReader';
import { emptyFileLedger, totalLedger, type FileLedger, type LoadLedger } from './ledger';
import { peekChunks } from './peek';
import { alsoInterned, RecordRows, tableDef, tableNames } from './recordRows';
import type { CsvFormat, RecordPosition, RecordSink } from './recordSink';
import { sniffLayout } from './sniff';
import { TableBuilder, type RecordLocation } from './tableBuilder';

/** A file handed to the loader: its name and a way to stream its bytes. */
export interface InputFile {
  /** Shown in the ledger and the SourceFile column (a path relative to the workspace, or a name). */
  readonly name: string;
  readonly size?: number;
  open(): AsyncIterable<Uint8Array>;
  /** The file's SHA-256 (hex), computed by the caller (for instance in parallel, on another thread). */
  sha256?(): Promise<string>;
  /**
   * Optional: the file's JSON lines read and encoded elsewhere (other threads), as column chunks
   * of consecutive segments in file order. The loader asks for them after sniffing a plain UTF-8
   * JSON-lines file, instead of reading on from open(); null means read it serially.
   */
  jsonLinesChunks?(plan: JsonLinesPlan): AsyncIterable<SegmentChunk> | null;
  /** The same for a plain UTF-8 CSV export whose header the loader has read: segments start after the header. */
  csvChunks?(plan: CsvPlan): AsyncIterable<SegmentChunk> | null;
}

export interface JsonLinesPlan {
  /** Bytes at the start of the file that are not text (a UTF-8 BOM): the first segment starts after them. */
  readonly skip: number;
  /** How many rejections / warnings each chunk must keep in detail. */
  readonly maxDetails: number;
  readonly signal?: AbortSignal;
}

export interface CsvPlan extends JsonLinesPlan {
  /** The header record with its line break (after `skip`): each segment is read after it. */
  readonly header: Uint8Array;
}

/** Where a file's column chunks start, and for a CSV file its header (to read a rest of the file after it). */
interface ChunkStart {
  readonly line: number;
  readonly offset: number;
  readonly csv?: { readonly header: Buffer; readonly format: CsvFormat };
}

export interface LoadOptions {
  readonly signal?: AbortSignal;
}

export interface LoaderOptions {
  /** How many rejections / warnings each file keeps in detail (all are counted). */
  readonly maxDetailsPerFile?: number;
}

export interface LoadedFile {
  readonly index: number;
  readonly name: string;
  readonly encoding: string;
  readonly gzip: boolean;
}

export interface Dataset {
  readonly tables: Readonly<Record<TableName, ColumnTable>>;
  readonly ledger: LoadLedger;
  readonly files: readonly LoadedFile[];
  /** Where row `row` of `table` came from (to re-read the original record or point at its line). */
  locate(table: TableName, row: number): RecordLocation & { file: LoadedFile };
}

class TableState {
  readonly builder;
  /** Record Id -> time of the first record with it; an Id seen again at another time goes to `alsoSeen`. */
  private readonly seenIds = new FirstSeen();
  private readonly alsoSeen = new Set<string>();
  readonly idAt: number;
  readonly fileAt: number;
  readonly lineAt: number;
  /**
   * A duplicate is a record whose Id was already loaded at the same time (to the second): overlapping
   * exports repeat records exactly. Anonymised samples reuse one Id for different events
   * at different times; those are kept.
   */
  isDuplicate(id: string, exactTime: number): boolean {
    if (id === '') return false;
    // Formats keep different precision (UAL CreationTime has whole seconds, Sentinel and Graph
    // add milliseconds): the same record must match across them.
    const time = Math.floor(exactTime / 1000);
    const first = this.seenIds.firstOrAdd(id, time);
    if (first === undefined) return false;
    if (first === time || (Number.isNaN(first) && Number.isNaN(time))) return true;
    const key = `${id}|${time}`;
    if (this.alsoSeen.has(key)) return true;
    this.alsoSeen.add(key);
    return false;
  }

  constructor(readonly name: TableName) {
    this.builder = new TableBuilder(tableDef(name), alsoInterned);
    const positions = this.builder.columnIndex;
    this.idAt = positions.get('Id')!;
    this.fileAt = positions.get('SourceFile')!;
    this.lineAt = positions.get('SourceLine')!;
  }
}

/** The values of an encoded string column that is not interned (the Id, for dedupe). */
function stringsOf(col: EncodedColumn, rows: number): string[] {
  const out = new Array<string>(rows);
  switch (col.kind) {
    case 'strings': {
      let from = 0;
      for (let i = 0; i < rows; i++) {
        const end = col.ends[i]!;
        out[i] = col.text.slice(from, end);
        from = end;
      }
      return out;
    }
    case 'values':
      for (let i = 0; i < rows; i++) out[i] = col.values[i] as string;
      return out;
    default:
      throw new Error(`an Id column cannot be encoded as ${col.kind}`);
  }
}

/** Rows the rest of a file will likely add, at the rows per byte read so far (with a 10% margin); 0 at its end. */
function rowsToCome(rows: number, bytesRead: number, fileBytes: number): number {
  return fileBytes > bytesRead ? Math.ceil((rows / bytesRead) * (fileBytes - bytesRead) * 1.1) : 0;
}

/** Passes chunks through, counting their bytes and the line the end is on. */
function countBytesAndLines(source: AsyncIterable<Buffer>): { chunks: AsyncIterable<Buffer>; bytes: number; lines: number } {
  const counts = { bytes: 0, lines: 1 };
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      counts.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) counts.lines++;
      yield chunk;
    }
  }
  return Object.assign(counts, { chunks: chunks() });
}

export class DatasetLoader {
  private readonly states: Record<TableName, TableState> = {
    AuditLogs: new TableState('AuditLogs'),
    SignIns: new TableState('SignIns'),
    DirectoryAudits: new TableState('DirectoryAudits'),
  };
  private readonly fileLedgers: FileLedger[] = [];
  private readonly files: LoadedFile[] = [];
  private readonly maxDetails: number;

  constructor(options: LoaderOptions = {}) {
    this.maxDetails = options.maxDetailsPerFile ?? 1000;
  }

  /** Loads one file; a bad record never stops the file. Throws only for cancellation or an unreadable stream. */
  async load(file: InputFile, options: LoadOptions = {}): Promise<FileLedger> {
    const ledger = emptyFileLedger(file.name);
    ledger.bytes = file.size ?? null;
    const fileIndex = this.files.length;
    const hash = file.sha256?.();
    const decoded = await decodeToUtf8(file.open());
    ledger.encoding = decoded.encoding;
    ledger.gzip = decoded.gzip;
    this.files.push({ index: fileIndex, name: file.name, encoding: decoded.encoding, gzip: decoded.gzip });
    this.fileLedgers.push(ledger);

    // For gzip, count what was decompressed, to say where a cut or corrupt file stopped.
    const counted = decoded.gzip ? countBytesAndLines(decoded.chunks) : null;
    const { head, rest } = await peekChunks(counted ? counted.chunks : decoded.chunks, 1 << 20);
    const layout = sniffLayout(head);
    // Offsets count the decoded UTF-8 text: the file's size is that text's size only for plain UTF-8.
    const textBytes = !decoded.gzip && decoded.encoding.startsWith('utf-8') ? file.size ?? 0 : 0;
    const sink = this.sinkFor(file.name, fileIndex, ledger, textBytes);
    // Plain UTF-8 files can be read by others (worker threads) from a byte offset: after a BOM.
    const plain = !decoded.gzip && (decoded.encoding === 'utf-8' || decoded.encoding === 'utf-8-bom');
    const skip = decoded.encoding === 'utf-8-bom' ? 3 : 0;
    switch (layout) {
      case 'empty':
        ledger.format = 'empty';
        this.warn(ledger, { file: file.name, line: 1, offset: 0, reason: 'empty file: no records' });
        for await (const _ of rest) { /* drain */ }
        break;
      case 'json-lines': {
        ledger.format = 'json-lines';
        const chunks = plain ? file.jsonLinesChunks?.({ skip, maxDetails: this.maxDetails, signal: options.signal }) : null;
        if (chunks) await this.mergeChunks(chunks, sink, fileIndex, file.name, ledger, (file.size ?? 0) - skip, options.signal);
        else await readJsonLines(rest, sink, options.signal);
        break;
      }
      case 'json-document':
        ledger.format = 'json-document';
        await readJsonDocument(rest, sink, options.signal);
        break;
      case 'csv': {
        ledger.format = 'csv';
        const header = plain && file.csvChunks ? csvHeaderOf(head) : null;
        const chunks = header ? file.csvChunks!({ skip, header: header.bytes, maxDetails: this.maxDetails, signal: options.signal }) : null;
        if (header && chunks) {
          const start: ChunkStart = { line: 1 + countLineFeeds(header.bytes), offset: header.bytes.length, csv: { header: Buffer.from(header.bytes), format: header.format } };
          await this.mergeChunks(chunks, sink, fileIndex, file.name, ledger, (file.size ?? 0) - skip, options.signal, start);
        } else await readCsv(rest, sink, options.signal);
        break;
      }
    }
    const failure = decoded.gzipFailure();
    if (failure !== null && counted) {
      sink.reject(`gzip: ${failure}; the file could not be decompressed after byte ${counted.bytes} of its text (line ${counted.lines}), the rest was not read`, {
        line: counted.lines, offset: counted.bytes, length: 0,
      });
    }
    if (hash) ledger.sha256 = await hash;
    return ledger;
  }

  finish(): Dataset {
    const built = {
      AuditLogs: this.states.AuditLogs.builder.build(),
      SignIns: this.states.SignIns.builder.build(),
      DirectoryAudits: this.states.DirectoryAudits.builder.build(),
    };
    const files = this.files.slice();
    const states = this.states;
    return {
      tables: built,
      ledger: totalLedger(this.fileLedgers.slice()),
      files,
      locate(table, row) {
        const loc = states[table].builder.location(row);
        return { ...loc, file: files[loc.fileIndex]! };
      },
    };
  }

  private warn(ledger: FileLedger, w: { file: string; line: number; offset: number; reason: string }): void {
    ledger.warningCount++;
    if (ledger.warnings.length < this.maxDetails) ledger.warnings.push(w);
  }

  /**
   * Takes a file's column chunks in order: rows are deduplicated here (dedupe needs the whole
   * load in order), positions made absolute, and the ledger kept exactly as the serial reader keeps it.
   */
  private async mergeChunks(
    chunks: AsyncIterable<SegmentChunk>, sink: RecordSink, fileIndex: number, fileName: string, ledger: FileLedger, textBytes: number, signal?: AbortSignal,
    start: ChunkStart = { line: 1, offset: 0 },
  ): Promise<void> {
    let line = start.line;
    let offset = start.offset;
    const rowsInFile: Record<TableName, number> = { AuditLogs: 0, SignIns: 0, DirectoryAudits: 0 };
    try {
      for await (const chunk of chunks) {
        signal?.throwIfAborted();
        if ('raw' in chunk) {
          // A segment the workers could not encode: read here, exactly as the serial reader reads it.
          const at = (pos: RecordPosition): RecordPosition => ({ line: line + pos.line - 1, offset: offset + pos.offset, length: pos.length });
          line += readJsonLinesSegment(Buffer.from(chunk.raw.buffer, chunk.raw.byteOffset, chunk.raw.byteLength), {
            json: (text, pos) => sink.json(text, at(pos)),
            warn: (reason, pos) => sink.warn(reason, at(pos)),
          });
          offset += chunk.raw.byteLength;
          continue;
        }
        if ('rest' in chunk) {
          if (!start.csv) throw new Error('the rest of a CSV file came for a file that is not one');
          await readCsvAfterHeader(start.csv.header, chunk.rest, sink, { line, offset }, { signal });
          return;
        }
        if (chunk.csvRows && start.csv && !ledger.format.includes(':')) ledger.format = `csv:${start.csv.format}`;
        ledger.read += chunk.rejected;
        ledger.rejected += chunk.rejected;
        for (const r of chunk.rejections) {
          if (ledger.rejections.length >= this.maxDetails) break;
          ledger.rejections.push({ file: fileName, line: line + r.line - 1, offset: offset + r.offset, reason: r.reason });
        }
        ledger.warningCount += chunk.warningCount;
        for (const w of chunk.warnings) {
          if (ledger.warnings.length >= this.maxDetails) break;
          ledger.warnings.push({ file: fileName, line: line + w.line - 1, offset: offset + w.offset, reason: w.reason });
        }
        for (const name of tableNames) {
          const t = chunk.tables[name];
          if (t.rows === 0) continue;
          const st = this.states[name];
          const dictionaries = st.builder.dictionariesOf(t, chunk.dictionary);
          const keep = new Uint8Array(t.rows);
          // The Ids once, for dedupe and the table alike (the kept ones are the strings dedupe holds).
          const ids = stringsOf(t.columns[st.idAt]!, t.rows);
          let kept = 0;
          for (let i = 0; i < t.rows; i++) {
            if (st.isDuplicate(ids[i]!, t.time[i]!)) continue;
            keep[i] = 1;
            kept++;
          }
          ledger.read += t.rows;
          ledger.duplicates += t.rows - kept;
          ledger.loaded += kept;
          ledger.loadedByTable[name] += kept;
          rowsInFile[name] += kept;
          // Rows to come, guessed from the bytes left at this file's rows per byte so far, once enough
          // of the file was read for the guess to hold (its first records are often of another kind).
          const read = offset + chunk.bytes;
          const enough = read >= Math.min(textBytes / 16, 64 << 20);
          const expectMore = enough ? rowsToCome(rowsInFile[name], read, textBytes) : 0;
          const decoded = { column: st.idAt, values: ids };
          st.builder.appendChunk(t, { fileIndex, fileName, line, offset, keep, kept, expectMore, dictionaries, decoded });
        }
        line += chunk.newlines;
        offset += chunk.bytes;
      }
    } finally {
      for (const name of tableNames) this.states[name].builder.endDictionaryStreams();
    }
  }

  private sinkFor(fileName: string, fileIndex: number, ledger: FileLedger, textBytes: number): RecordSink {
    const reject = (reason: string, pos: RecordPosition, count = 1): void => {
      ledger.read += count;
      ledger.rejected += count;
      if (ledger.rejections.length < this.maxDetails) ledger.rejections.push({ file: fileName, line: pos.line, offset: pos.offset, reason });
    };
    const warn = (reason: string, pos: RecordPosition): void => this.warn(ledger, { file: fileName, line: pos.line, offset: pos.offset, reason });
    const rowsInFile: Record<TableName, number> = { AuditLogs: 0, SignIns: 0, DirectoryAudits: 0 };
    const rows = new RecordRows({
      row: (table, values, time, pos) => {
        const st = this.states[table];
        ledger.read++;
        // Every 64k rows of a large file, room for the rows to come as guessed from the bytes left
        // (as the parallel path does): columns grown one row at a time are copied again and again.
        const builder = st.builder;
        if ((++rowsInFile[table] & 0xffff) === 0 && textBytes > pos.offset && builder.rowCount + 0x10000 > builder.capacity) {
          builder.reserve(Math.max(rowsToCome(rowsInFile[table], pos.offset, textBytes), builder.rowCount / 8));
        }
        if (st.isDuplicate(values[st.idAt] as string, time)) {
          ledger.duplicates++;
          return;
        }
        values[st.fileAt] = fileName;
        values[st.lineAt] = pos.line;
        st.builder.append(values, time, { fileIndex, line: pos.line, offset: pos.offset, length: pos.length });
        ledger.loaded++;
        ledger.loadedByTable[table]++;
      },
      reject,
      warn,
    });
    return {
      json: (text, pos) => rows.json(text, pos),
      row: (fields, format, pos) => {
        if (!ledger.format.includes(':')) ledger.format = `csv:${format}`;
        readCsvRow(rows, fields, format, pos, reject);
      },
      reject,
      warn,
    };
  }
}
