/**
 * Reading a CSV file from a record boundary on, after its header: how the load workers read a
 * segment, and how the loader reads the rest of a file the workers could not. Positions come out
 * as in the whole file.
 */
import { readCsv, type CsvReadOptions } from './csvReader';
import type { RecordPosition, RecordSink } from './recordSink';

const LF = 10;

/** Line feeds in the bytes of `b`. */
export function countLineFeeds(b: Uint8Array): number {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(LF); i >= 0; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * Reads `rest`, which starts on a record at line `at.line` and byte `at.offset` of the file, as the
 * records after `header` (the file's header record with its line break). False when it stopped
 * where the fast lane ended (fastLane 'only').
 */
export async function readCsvAfterHeader(
  header: Buffer, rest: AsyncIterable<Uint8Array>, sink: RecordSink, at: { readonly line: number; readonly offset: number },
  options: CsvReadOptions & { readonly signal?: AbortSignal } = {},
): Promise<boolean> {
  const headerLines = countLineFeeds(header);
  const place = (pos: RecordPosition): RecordPosition => ({ line: at.line + pos.line - 1 - headerLines, offset: at.offset + pos.offset - header.length, length: pos.length });
  async function* chunks(): AsyncGenerator<Buffer> {
    yield header;
    for await (const chunk of rest) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  return readCsv(chunks(), {
    json: (text, pos) => sink.json(text, place(pos)),
    row: (fields, format, pos) => sink.row(fields, format, place(pos)),
    reject: (reason, pos) => sink.reject(reason, place(pos)),
    warn: (reason, pos) => sink.warn(reason, place(pos)),
  }, options.signal, options);
}
