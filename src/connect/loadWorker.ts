/**
 * Worker thread of the parallel JSON-lines and CSV load: encodes each segment it is handed into a
 * column chunk and hands the chunk back (its typed arrays transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { encodeJsonLinesSegment } from '../core/ingest/chunkEncoder';
import { chunkTransferList, type ColumnChunk } from '../core/ingest/columnChunk';
import { encodeCsvSegment } from '../core/ingest/csvChunkEncoder';
import type { SegmentJob, SegmentResult } from './segmentPool';

const port = parentPort;
if (!port) throw new Error('loadWorker runs as a worker thread');

function giveBack(job: SegmentJob, error: string): void {
  const result: SegmentResult = { id: job.id, raw: { buffer: job.buffer, length: job.length }, error };
  port!.postMessage(result, [job.buffer]);
}

async function encode(job: SegmentJob): Promise<ColumnChunk | null> {
  const segment = Buffer.from(job.buffer, 0, job.length);
  if (job.csvHeader) return encodeCsvSegment(Buffer.from(job.csvHeader), segment, job.maxDetails);
  return encodeJsonLinesSegment(segment, job.maxDetails);
}

async function run(job: SegmentJob): Promise<void> {
  try {
    const chunk = await encode(job);
    // A CSV segment the fast lane could not read to its end: the loader reads on from it.
    if (chunk === null) return giveBack(job, 'a record the fast lane leaves to csv-parse');
    const result: SegmentResult = { id: job.id, chunk };
    port!.postMessage(result, chunkTransferList(chunk));
  } catch (e) {
    // Values nested too deep to write or clone: the segment goes back to be read on the loader's thread.
    giveBack(job, e instanceof Error ? e.message : String(e));
  }
}

port.on('message', (job: SegmentJob) => void run(job));
