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
import { countLineFeeds, readCsvAfterHeader } from './csvAfterHeader';
import { readCsvRow } from './csvRows';
import type { RecordSink } from './recordSink';
import type { SegmentDictionaries } from './segmentDictionaries';

async function* one(segment: Buffer): AsyncGenerator<Buffer> {
  yield segment;
}

/** `header` is the file's header record with its line break; positions come out relative to the segment. */
export async function encodeCsvSegment(header: Buffer, segment: Buffer, maxDetails: number, dictionaries?: SegmentDictionaries): Promise<ColumnChunk | null> {
  const collector = new ChunkCollector(maxDetails, dictionaries);
  let csvRows = 0;
  const sink: RecordSink = {
    json: () => {
      throw new Error('a CSV reader gives no JSON records');
    },
    row: (fields, format, pos) => {
      csvRows++;
      readCsvRow(collector.rows, fields, format, pos, collector.reject);
    },
    reject: collector.reject,
    warn: collector.warn,
  };
  const complete = await readCsvAfterHeader(header, one(segment), sink, { line: 1, offset: 0 }, { fastLane: 'only' });
  return complete ? collector.finish(segment.length, countLineFeeds(segment), csvRows) : null;
}
