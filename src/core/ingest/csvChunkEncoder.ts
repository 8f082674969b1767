/**
 * Turns a segment of a CSV export (whole records, cut where the main thread guessed a record
 * ends) into a column chunk, reading it after the file's header as the serial reader would.
 * Only the fast lane reads here: where it would hand a record to csv-parse (damage, or a quoted
 * cell that runs past the segment because the guess fell inside it) the answer is null, and the
 * loader reads the file on from this segment itself. A segment read to its end on the fast lane
 * ends outside quotes, so the next one starts on a record: the guesses are checked as they go.
 */
import { ChunkCollector } from './chunkEncoder';
import type { ColumnChunk } from './columnChunk';
import { readCsv } from './csvReader';
import { readCsvRow } from './csvRows';
import type { RecordPosition, RecordSink } from './recordSink';

const LF = 10;

/** Line feeds in bytes [from, to) of `b`. */
export function countLineFeeds(b: Uint8Array, from = 0, to = b.length): number {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

async function* twoChunks(a: Buffer, b: Buffer): AsyncGenerator<Buffer> {
  yield a;
  yield b;
}

/** `header` is the file's header record with its line break; positions come out relative to the segment. */
export async function encodeCsvSegment(header: Buffer, segment: Buffer, maxDetails: number): Promise<ColumnChunk | null> {
  const collector = new ChunkCollector(maxDetails);
  const headerLines = countLineFeeds(header);
  const at = (pos: RecordPosition): RecordPosition => ({ line: pos.line - headerLines, offset: pos.offset - header.length, length: pos.length });
  let csvRows = 0;
  const sink: RecordSink = {
    json: () => {
      throw new Error('a CSV reader gives no JSON records');
    },
    row: (fields, format, pos) => {
      csvRows++;
      readCsvRow(collector.rows, fields, format, at(pos), collector.reject);
    },
    reject: (reason, pos) => collector.reject(reason, at(pos)),
    warn: (reason, pos) => collector.warn(reason, at(pos)),
  };
  const complete = await readCsv(twoChunks(header, segment), sink, undefined, { fastLane: 'only' });
  return complete ? collector.finish(segment.length, countLineFeeds(segment), csvRows) : null;
}
