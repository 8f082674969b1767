/**
 * Loads audit exports into arquero tables. Callers hand it byte streams (the core does
 * no I/O); it sniffs each file's encoding and layout, reads every record, routes it to
 * AuditLogs / SignIns / DirectoryAudits, normalises it by the catalogue, drops repeated
 * record Ids, and keeps a ledger where read = loaded + duplicates + rejected.
 */
import type { ColumnTable } from 'arquero';
import { tables as tableDefs } from '../schema/catalog';
import type { SourceFamily, TableName } from '../schema/types';
import { classifyJson, type RoutedRecord } from './classify';
import { readCsv } from './csvReader';
import { decodeToUtf8 } from './decode';
import { auditLogsExtraKeys, deriveByTable, type ColumnPositions } from './derive';
import { readJsonDocument } from './jsonDocumentReader';
import { readJsonLines } from './jsonLinesReader';
import { emptyFileLedger, totalLedger, type FileLedger, type LoadLedger } from './ledger';
import { peekChunks } from './peek';
import type { CsvFormat, RecordPosition, RecordSink } from './recordSink';
import { RowNormalizer } from './rowNormalizer';
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

const csvFamilies: Record<Exclude<CsvFormat, 'purview'>, [TableName, SourceFamily]> = {
  officeActivity: ['AuditLogs', 'officeActivity'],
  signInLogs: ['SignIns', 'sentinelSignIn'],
  auditLogs: ['DirectoryAudits', 'sentinelAuditLogs'],
};

class TableState {
  readonly normalizer;
  readonly builder;
  readonly positions: ColumnPositions;
  /** Record Id -> time of the first record with it; an Id seen again at another time goes to `alsoSeen`. */
  private readonly seenIds = new Map<string, number>();
  private readonly alsoSeen = new Set<string>();
  readonly timeAt: number;
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
    const first = this.seenIds.get(id);
    if (first === undefined) {
      this.seenIds.set(id, time);
      return false;
    }
    if (first === time || (Number.isNaN(first) && Number.isNaN(time))) return true;
    const key = `${id}|${time}`;
    if (this.alsoSeen.has(key)) return true;
    this.alsoSeen.add(key);
    return false;
  }

  constructor(readonly name: TableName) {
    const def = tableDefs.find((t) => t.name === name)!;
    this.normalizer = new RowNormalizer(def, name === 'AuditLogs' ? auditLogsExtraKeys : []);
    this.builder = new TableBuilder(def, new Set(['ClientIp', 'IpAddress']));
    this.positions = this.builder.columnIndex;
    this.timeAt = this.positions.get('Time')!;
    this.idAt = this.positions.get('Id')!;
    this.fileAt = this.positions.get('SourceFile')!;
    this.lineAt = this.positions.get('SourceLine')!;
  }
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
    const sink = this.sinkFor(file.name, fileIndex, ledger);
    switch (layout) {
      case 'empty':
        ledger.format = 'empty';
        this.warn(ledger, { file: file.name, line: 1, offset: 0, reason: 'empty file: no records' });
        for await (const _ of rest) { /* drain */ }
        break;
      case 'json-lines':
        ledger.format = 'json-lines';
        await readJsonLines(rest, sink, options.signal);
        break;
      case 'json-document':
        ledger.format = 'json-document';
        await readJsonDocument(rest, sink, options.signal);
        break;
      case 'csv':
        ledger.format = 'csv';
        await readCsv(rest, sink, options.signal);
        break;
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

  private sinkFor(fileName: string, fileIndex: number, ledger: FileLedger): RecordSink {
    const reject = (reason: string, pos: RecordPosition, count = 1): void => {
      ledger.read += count;
      ledger.rejected += count;
      if (ledger.rejections.length < this.maxDetails) ledger.rejections.push({ file: fileName, line: pos.line, offset: pos.offset, reason });
    };
    const add = (routed: RoutedRecord, pos: RecordPosition): void => {
      const st = this.states[routed.table];
      const n = st.normalizer;
      let values: unknown[];
      try {
        n.begin();
        for (let p = 0; p < routed.parts.length; p++) n.take(routed.parts[p]![0], routed.parts[p]![1], p);
        values = n.convert();
        deriveByTable[routed.table](values, n.raw, st.positions, n.extra);
      } catch (e) {
        // Attacker-shaped values (e.g. nesting too deep to print) must not stop the file.
        reject(`record could not be read: ${(e as Error).message}`, pos);
        return;
      }
      let time = values[st.timeAt] as number | null;
      if (time === null || Number.isNaN(time)) {
        const rawTime = n.raw[st.timeAt];
        if (rawTime !== undefined) {
          reject(`unreadable time ${JSON.stringify(String(rawTime).slice(0, 60))}`, pos);
          return;
        }
        // Some exports (e.g. a Sentinel projection) carry no time at all: keep the record, Time empty.
        this.warn(ledger, { file: fileName, line: pos.line, offset: pos.offset, reason: 'record has no time field; loaded with an empty Time' });
        time = Number.NaN;
      }
      if (n.collisions !== null) {
        const pairs = n.collisions.map(([a, b]) => `${JSON.stringify(a)} and ${JSON.stringify(b)}`).join(', ');
        this.warn(ledger, { file: fileName, line: pos.line, offset: pos.offset, reason: `keys that differ only in case: ${pairs}; the first was used` });
      }
      ledger.read++;
      if (st.isDuplicate(values[st.idAt] as string, time)) {
        ledger.duplicates++;
        return;
      }
      values[st.fileAt] = fileName;
      values[st.lineAt] = pos.line;
      st.builder.append(values, time, { fileIndex, line: pos.line, offset: pos.offset, length: pos.length });
      ledger.loaded++;
      ledger.loadedByTable[routed.table]++;
    };
    const route = (value: unknown, pos: RecordPosition, depth: number): void => {
      const c = classifyJson(value);
      if (c.kind === 'record') add(c.routed, pos);
      else if (c.kind === 'reject') reject(c.reason, pos);
      else if (depth > 2) reject('arrays nested too deep', pos);
      else for (const item of c.items) route(item, pos, depth + 1);
    };
    return {
      json: (text, pos) => {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          reject(`invalid JSON: ${(e as Error).message}`, pos);
          return;
        }
        route(value, pos, 0);
      },
      row: (fields, format, pos) => {
        if (!ledger.format.includes(':')) ledger.format = `csv:${format}`;
        if (format === 'purview') {
          const auditData = fields.AuditData ?? '';
          if (auditData.trim() === '') {
            reject('empty AuditData', pos);
            return;
          }
          let inner: unknown;
          try {
            inner = JSON.parse(auditData);
          } catch (e) {
            reject(`AuditData is not valid JSON: ${(e as Error).message}`, pos);
            return;
          }
          if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
            reject('AuditData is not a JSON object', pos);
            return;
          }
          add({ table: 'AuditLogs', parts: [[inner as Record<string, unknown>, 'ual'], [fields, 'purviewCsv']] }, pos);
          return;
        }
        const [table, family] = csvFamilies[format];
        add({ table, parts: [[fields, family]] }, pos);
      },
      reject,
      warn: (message, pos) => this.warn(ledger, { file: fileName, line: pos.line, offset: pos.offset, reason: message }),
    };
  }
}
