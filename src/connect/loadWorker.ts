/**
 * Worker thread of the parallel JSON-lines and CSV load: encodes each segment it is handed into a
 * column chunk and hands the chunk back (its typed arrays transferred, not copied).
 */
import { parentPort, threadId } from 'node:worker_threads';
import { encodeJsonLinesSegment } from '../core/ingest/chunkEncoder';
import { chunkTransferList, type ColumnChunk } from '../core/ingest/columnChunk';
import { encodeCsvSegment } from '../core/ingest/csvChunkEncoder';
import { SegmentDictionaries } from '../core/ingest/segmentDictionaries';
import type { SegmentJob, SegmentResult } from './segmentPool';

const port = parentPort;
if (!port) throw new Error('loadWorker runs as a worker thread');

function giveBack(job: SegmentJob, error: string): void {
  const result: SegmentResult = { id: job.id, raw: { buffer: job.buffer, length: job.length }, error };
  port!.postMessage(result, [job.buffer]);
}

/** The dictionaries kept for the file being loaded (one stream per file and worker). */
let current: { readonly stream: string; readonly dictionaries: SegmentDictionaries } | null = null;

function dictionariesFor(job: SegmentJob): SegmentDictionaries {
  if (current?.stream !== job.stream) current = { stream: job.stream, dictionaries: new SegmentDictionaries(`${job.stream}/${threadId}`) };
  current.dictionaries.discard();
  return current.dictionaries;
}

async function encode(job: SegmentJob, dictionaries: SegmentDictionaries): Promise<ColumnChunk | null> {
  const segment = Buffer.from(job.buffer, 0, job.length);
  if (job.csvHeader) return encodeCsvSegment(Buffer.from(job.csvHeader), segment, job.maxDetails, dictionaries);
  return encodeJsonLinesSegment(segment, job.maxDetails, dictionaries);
}

async function run(job: SegmentJob): Promise<void> {
  try {
    const dictionaries = dictionariesFor(job);
    const chunk = await encode(job, dictionaries);
    // A CSV segment the fast lane could not read to its end: the loader reads on from it.
    if (chunk === null) return giveBack(job, 'a record the fast lane leaves to csv-parse');
    const result: SegmentResult = { id: job.id, chunk };
    port!.postMessage(result, chunkTransferList(chunk));
    dictionaries.commit();
  } catch (e) {
    // Values nested too deep to write or clone: the segment goes back to be read on the loader's thread.
    giveBack(job, e instanceof Error ? e.message : String(e));
  }
}

port.on('message', (job: SegmentJob) => void run(job));
