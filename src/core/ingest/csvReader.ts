/**
 * CSV exports (Purview audit search, Sentinel / Log Analytics tables) through csv-parse,
 * streamed. Multi-line quoted cells are fine; a record csv-parse cannot read (broken
 * quoting) is reported with its line and the reader goes on with the next one.
 */
import { parse } from 'csv-parse';
import type { CsvFormat, RecordSink } from './recordSink';

/** Which export a header row belongs to, or null when it is none we know. */
export function csvFormatOf(header: readonly string[]): CsvFormat | null {
  const names = new Set(header.map((h) => normaliseHeader(h).toLowerCase()));
  if (names.has('auditdata') && (names.has('creationdate') || names.has('recordid'))) return 'purview';
  if (names.has('officeworkload') || (names.has('operation') && names.has('officeid'))) return 'officeActivity';
  if (names.has('appdisplayname') && (names.has('clientappused') || names.has('resulttype'))) return 'signInLogs';
  if ((names.has('operationname') || names.has('activitydisplayname')) && names.has('targetresources')) return 'auditLogs';
  return null;
}

/** "TimeGenerated [UTC]" -> "TimeGenerated"; BOM and spaces trimmed. */
export function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').replace(/\s*\[UTC\]\s*$/i, '').trim();
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export async function readCsv(chunks: AsyncIterable<Buffer>, sink: RecordSink, signal?: AbortSignal): Promise<void> {
  let header: string[] | null = null;
  let format: CsvFormat | null = null;
  let nextLine = 1; // line where the next record starts
  let nextOffset = 0;
  let unknown = false;

  const parser = parse({
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: 64 * 1024 * 1024,
    // With raw: true, csv-parse hands on_record {record, raw}: raw is the row's text.
    on_record: (ext: unknown) => {
      if (unknown) return null; // csv-parse finishes the chunk it was given after destroy()
      const { record, raw } = ext as { record: string[]; raw: string };
      const rawBytes = Buffer.byteLength(raw, 'utf8');
      const pos = { line: nextLine, offset: nextOffset, length: rawBytes };
      nextLine += countNewlines(raw);
      nextOffset += rawBytes;
      if (header === null) {
        header = record.map(normaliseHeader);
        format = csvFormatOf(header);
        if (format === null) {
          sink.reject(`not a known export: the first line is not a Purview, OfficeActivity, SigninLogs or AuditLogs header (${header.slice(0, 6).join(', ').slice(0, 120)}${header.length > 6 ? ', ...' : ''}); the rest of the file was not read`, pos);
          unknown = true;
          parser.destroy();
        }
        return null;
      }
      if (format === null) return null;
      if (record.length === 1 && record[0] === '') return null;
      const fields: Record<string, string> = {};
      for (let i = 0; i < header.length && i < record.length; i++) fields[header[i]!] = record[i]!;
      if (record.length !== header.length) {
        sink.reject(`row has ${record.length} fields, the header has ${header.length}`, pos);
        return null;
      }
      sink.row(fields, format, pos);
      return null;
    },
    on_skip: (err, raw) => {
      if (unknown) return undefined;
      const text = raw ?? '';
      const rawBytes = Buffer.byteLength(text, 'utf8');
      if (header === null) {
        // The first line is not even CSV: this is no export at all (a README, a log, ...).
        sink.reject(`not a known export: the first line is not a CSV header (${err?.message ?? 'unreadable'}); the rest of the file was not read`, { line: 1, offset: 0, length: rawBytes });
        unknown = true;
        parser.destroy();
        return undefined;
      }
      sink.reject(`CSV: ${err?.message ?? 'unreadable record'}`, { line: nextLine, offset: nextOffset, length: rawBytes });
      nextLine += countNewlines(text);
      nextOffset += rawBytes;
      return undefined;
    },
  });

  const done = new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('end', resolve);
    parser.resume();
  });
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    if (unknown) continue; // drain without parsing
    if (!parser.write(chunk) && !unknown && !parser.destroyed) await new Promise((r) => parser.once('drain', r));
  }
  if (unknown) return;
  parser.end();
  await done;
}
