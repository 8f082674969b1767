/**
 * CSV exports (Purview audit search, Sentinel / Log Analytics tables) through csv-parse,
 * streamed. Multi-line quoted cells are fine. Record positions come from csv-parse's byte
 * count, so they are exact whatever the line endings or stray bytes. A record csv-parse
 * cannot read (broken quoting) is rejected with its line, and a fresh parser starts on the
 * next line: one unclosed quote cannot swallow the rows after it.
 *
 * Well-formed records go through a fast lane (csvFastSplit) that gives the same fields; from the
 * first record it does not accept, csv-parse reads the rest of the file.
 */
import { isUtf8 } from 'node:buffer';
import { parse, type Info, type Parser } from 'csv-parse';
import { ByteWindow } from './byteWindow';
import { ANOMALY, CsvSplitState, lineBreakEnd, type LineBreak, MORE, readCsvRecord } from './csvFastSplit';
import type { CsvFormat, RecordPosition, RecordSink } from './recordSink';
import { Utf8Watch } from './utf8Watch';

/** Which export a header row belongs to, or null when it is none we know. */
export function csvFormatOf(header: readonly string[]): CsvFormat | null {
  const names = new Set(header.map((h) => normaliseHeader(h).toLowerCase()));
  if (names.has('auditdata') && (names.has('creationdate') || names.has('recordid'))) return 'purview';
  if (names.has('officeworkload') || (names.has('operation') && names.has('officeid'))) return 'officeActivity';
  if (names.has('appdisplayname') && (names.has('clientappused') || names.has('resulttype'))) return 'signInLogs';
  if ((names.has('operationname') || names.has('activitydisplayname')) && names.has('targetresources')) return 'auditLogs';
  return null;
}

/** The header record at the start of `head` (the file's first bytes) when it names a known export; null otherwise. */
export function csvHeaderOf(head: Buffer): { bytes: Buffer; format: CsvFormat } | null {
  if (head.length === 0 || head[0] === LF || head[0] === CR) return null;
  const fields: string[] = [];
  const end = readCsvRecord(head, 0, false, new CsvSplitState(), fields);
  if (end < 0) return null;
  const format = csvFormatOf(fields.map(normaliseHeader));
  return format === null ? null : { bytes: head.subarray(0, end), format };
}

/**
 * csv-parse's message without its "at line N": that counts from where its parser started (mid-file
 * after a damaged record or the fast lane); the rejection carries the file's line itself.
 */
function withoutParserLine(message: string): string {
  return message.replace(/ at line \d+/, '');
}

/** "TimeGenerated [UTC]" -> "TimeGenerated"; BOM and spaces trimmed. */
export function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').replace(/\s*\[UTC\]\s*$/i, '').trim();
}

export interface CsvReadOptions {
  /**
   * false reads every record with csv-parse (the fast lane's reference); 'only' stops reading
   * where the fast lane would hand over (readCsv then answers false). Default true.
   */
  readonly fastLane?: boolean | 'only';
}

/** Reads CSV records into the sink; false when it stopped where the fast lane ended (fastLane 'only'). */
export async function readCsv(chunks: AsyncIterable<Buffer>, sink: RecordSink, signal?: AbortSignal, options: CsvReadOptions = {}): Promise<boolean> {
  const reader = new CsvReader(sink, options.fastLane === 'only');
  if (options.fastLane === false) reader.leaveFastLane();
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    if (reader.stopped) continue; // not an export: drain without parsing
    await reader.write(chunk);
  }
  await reader.end();
  return !reader.leftFastLane;
}

/** One csv-parse stream reading the file from byte `base` on. */
interface Segment {
  readonly base: number;
  readonly parser: Parser;
  readonly done: Promise<void>;
  /** Why csv-parse gave up on the record at the reader's cursor; the segment is then abandoned. */
  damage: string | null;
}

const LF = 10;
const CR = 13;
/** A record still incomplete after this many bytes leaves the fast lane (csv-parse enforces the size limit). */
const FAST_MAX_RECORD = 16 << 20;
/** Thrown from on_skip to stop csv-parse at a damaged record (it would go on raising an error per quote). */
const ABANDON = new Error('csv segment abandoned after a damaged record');

class CsvReader {
  stopped = false;
  private readonly window = new ByteWindow();
  private readonly utf8 = new Utf8Watch();
  private header: string[] | null = null;
  private format: CsvFormat | null = null;
  /** Every byte before `cursor` belongs to a record already handled; `cursorLine` is the line the cursor is on. */
  private cursor = 0;
  private cursorLine = 1;
  /** The csv-parse stream, once the fast lane has handed over (null before). */
  private segment: Segment | null = null;
  /** Absolute offset up to which the current segment has been given bytes. */
  private fed = 0;
  /** The fast lane: on until its first anomaly. `pending` holds the bytes from `cursor` on. */
  private fast = true;
  private pending: Buffer | null = null;
  private readonly split = new CsvSplitState();
  private readonly fields: string[] = [];

  /** Set when the fast lane met a record it does not accept and the reader was to stop there. */
  leftFastLane = false;

  constructor(private readonly sink: RecordSink, private readonly onlyFastLane = false) {}

  async write(chunk: Buffer): Promise<void> {
    this.window.append(chunk);
    this.utf8.feed(chunk);
    if (this.fast) this.readFast(chunk, false);
    if (!this.fast) await this.pump(false);
  }

  async end(): Promise<void> {
    this.utf8.end();
    if (this.fast) this.readFast(null, true);
    if (this.fast || this.stopped) return;
    for (;;) {
      await this.pump(true);
      if (this.stopped) return;
      const seg = this.segment!;
      seg.parser.end();
      await seg.done.catch((e: unknown) => {
        if (seg.damage === null) throw e; // a damaged segment ends with ABANDON
      });
      if (this.stopped || seg.damage === null) return;
    }
  }

  /** Gives the current parser the bytes it has not had yet, restarting after each damaged record. */
  private async pump(atEnd: boolean): Promise<void> {
    while (!this.stopped) {
      const segment = this.segment!;
      if (segment.damage !== null) {
        if (!this.restart(atEnd)) return;
        continue;
      }
      if (this.fed >= this.window.end) return;
      const part = this.window.slice(this.fed, this.window.end);
      this.fed = this.window.end;
      await this.feed(segment, part);
    }
  }

  /**
   * Reads the records the fast lane accepts from the bytes it holds plus `chunk`; at its first
   * anomaly csv-parse takes over from that record's start (pump() then feeds it the window).
   */
  private readFast(chunk: Buffer | null, atEnd: boolean): void {
    let b = this.pending;
    if (chunk) b = b ? Buffer.concat([b, chunk]) : chunk;
    this.pending = null;
    if (!b) return;
    const base = this.cursor;
    let p = 0;
    while (!this.stopped) {
      // Empty lines between records (csv-parse skips them).
      while (p < b.length && (b[p] === LF || b[p] === CR)) {
        const next = lineBreakEnd(b, p, atEnd, this.split);
        if (next === MORE) break;
        if (next === ANOMALY) return this.handOver();
        p = next;
      }
      if (p >= b.length || b[p] === CR) break; // all read, or a CR whose LF has not come yet
      const end = readCsvRecord(b, p, atEnd, this.split, this.fields);
      if (end === ANOMALY || (end === MORE && (atEnd || b.length - p > FAST_MAX_RECORD))) return this.handOver();
      if (end === MORE) break;
      this.onFastRecord(b, base, p, end);
      p = end;
    }
    if (!this.stopped && this.cursor - base < b.length) this.pending = b.subarray(this.cursor - base);
  }

  /** A record the fast lane read: bytes [start, end) of `b`, which begins at absolute offset `base`. */
  private onFastRecord(b: Buffer, base: number, start: number, end: number): void {
    let line = this.cursorLine;
    for (let i = b.indexOf(LF, this.cursor - base); i >= 0 && i < start; i = b.indexOf(LF, i + 1)) line++;
    let stop = end;
    if (stop > start && b[stop - 1] === LF) stop--;
    if (stop > start && b[stop - 1] === CR) stop--;
    let next = line;
    for (let i = b.indexOf(LF, start); i >= 0 && i < end; i = b.indexOf(LF, i + 1)) next++;
    const pos: RecordPosition = { line, offset: base + start, length: stop - start };
    const badBytes = this.utf8.bad && !isUtf8(b.subarray(start, stop));
    this.cursorLine = next;
    this.cursor = base + end;
    this.window.dropBefore(this.cursor);
    this.take(this.fields, pos, badBytes);
  }

  /** Reads everything with csv-parse from here on. */
  leaveFastLane(): void {
    if (this.fast) this.handOver();
  }

  /** Leaves the fast lane: csv-parse reads on from the cursor, with the line break the file has shown. */
  private handOver(): void {
    if (this.onlyFastLane) {
      this.leftFastLane = true;
      this.stop();
      return;
    }
    this.fast = false;
    this.pending = null;
    this.segment = this.open(this.cursor, this.split.lineBreak);
    this.fed = this.cursor;
  }

  private open(base: number, lineBreak: LineBreak = 'unknown'): Segment {
    const parser = parse({
      // A parser that starts mid-file keeps the delimiter one reading the whole file would have found.
      ...(lineBreak === 'unknown' ? {} : { record_delimiter: lineBreak === 'lf' ? '\n' : '\r\n' }),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: 64 * 1024 * 1024,
      on_record: (record: unknown, info: Info) => {
        this.onRecord(seg, record as string[], info.bytes);
        return null;
      },
      on_skip: (err) => {
        this.onSkip(seg, err?.message ?? 'unreadable record');
        return undefined;
      },
    });
    const done = new Promise<void>((resolve, reject) => {
      parser.on('error', reject);
      parser.on('end', resolve);
      parser.on('close', resolve); // stop() destroys the parser, possibly while it flushes the last line
      parser.resume();
    });
    done.catch(() => undefined); // an abandoned segment is never awaited
    const seg: Segment = { base, parser, done, damage: null };
    return seg;
  }

  private async feed(seg: Segment, bytes: Buffer): Promise<void> {
    const parser = seg.parser;
    if (parser.write(bytes) || parser.destroyed || seg.damage !== null) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        parser.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      parser.on('drain', done).on('close', done).on('error', done);
    });
  }

  /** First byte at or after `from` that is not a line break (csv-parse skips empty lines). */
  private skipLineBreaks(from: number, to: number): number {
    let at = from;
    for (let b = this.window.byteAt(at); at < to && (b === LF || b === CR); b = this.window.byteAt(++at));
    return at;
  }

  private onRecord(seg: Segment, record: string[], bytes: number): void {
    if (seg !== this.segment || seg.damage !== null || this.stopped) return;
    const end = seg.base + bytes;
    const start = this.skipLineBreaks(this.cursor, end);
    const line = this.cursorLine + this.window.count(LF, this.cursor, start);
    let stop = end; // the record's text without its line ending
    if (stop > start && this.window.byteAt(stop - 1) === LF) stop--;
    if (stop > start && this.window.byteAt(stop - 1) === CR) stop--;
    const pos: RecordPosition = { line, offset: start, length: stop - start };
    const badBytes = this.utf8.bad && !isUtf8(this.window.slice(start, stop));
    this.cursorLine = line + this.window.count(LF, start, end);
    this.cursor = end;
    this.window.dropBefore(end);
    this.take(record, pos, badBytes);
  }

  private take(record: string[], pos: RecordPosition, badBytes: boolean): void {
    if (this.header === null) {
      const header = record.map(normaliseHeader);
      this.header = header;
      this.format = csvFormatOf(header);
      if (this.format === null) {
        this.sink.reject(`not a known export: the first line is not a Purview, OfficeActivity, SigninLogs or AuditLogs header (${header.slice(0, 6).join(', ').slice(0, 120)}${header.length > 6 ? ', ...' : ''}); the rest of the file was not read`, pos);
        this.stop();
      }
      return;
    }
    if (this.format === null) return;
    if (record.length === 1 && record[0]!.trim() === '') return; // a line of spaces is no record
    if (badBytes) this.sink.warn('bytes that are not UTF-8 (shown as U+FFFD)', pos);
    const header = this.header;
    if (record.length !== header.length) {
      this.sink.reject(`row has ${record.length} fields, the header has ${header.length}`, pos);
      return;
    }
    const fields: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) fields[header[i]!] = record[i]!;
    this.sink.row(fields, this.format, pos);
  }

  private onSkip(seg: Segment, message: string): void {
    if (seg !== this.segment || seg.damage !== null || this.stopped) return;
    if (this.header === null) {
      // The first line is not even CSV: this is no export at all (a README, a log, ...).
      const nl = this.window.indexOf(LF, 0);
      this.sink.reject(`not a known export: the first line is not a CSV header (${message}); the rest of the file was not read`, {
        line: 1, offset: 0, length: nl < 0 ? this.window.end : nl,
      });
      this.stop();
      return;
    }
    seg.damage = message;
    throw ABANDON;
  }

  /**
   * After a damaged record: rejects it on its first line and opens a fresh parser on the next
   * line (pump() then gives it the bytes from there). False while that line is not complete.
   */
  private restart(atEnd: boolean): boolean {
    const start = this.skipLineBreaks(this.cursor, this.window.end);
    const nl = this.window.indexOf(LF, start);
    if (nl < 0 && !atEnd) return false;
    let stop = nl < 0 ? this.window.end : nl;
    if (stop > start && this.window.byteAt(stop - 1) === CR) stop--;
    const line = this.cursorLine + this.window.count(LF, this.cursor, start);
    this.sink.reject(`CSV: ${withoutParserLine(this.segment!.damage!)}`, { line, offset: start, length: stop - start });
    this.cursor = nl < 0 ? this.window.end : nl + 1;
    this.cursorLine = line + 1;
    this.window.dropBefore(this.cursor);
    this.segment = this.open(this.cursor);
    this.fed = this.cursor;
    return true;
  }

  private stop(): void {
    this.stopped = true;
    this.segment?.parser.destroy();
  }
}
