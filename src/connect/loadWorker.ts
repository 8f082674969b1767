/**
 * Worker thread of the parallel JSON-lines load: encodes each segment it is handed into a
 * column chunk and hands the chunk back (its typed arrays transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { encodeJsonLinesSegment } from '../core/ingest/chunkEncoder';
import { chunkTransferList } from '../core/ingest/columnChunk';
import type { SegmentJob, SegmentResult } from './segmentPool';

const port = parentPort;
if (!port) throw new Error('loadWorker runs as a worker thread');

port.on('message', (job: SegmentJob) => {
  try {
    const chunk = encodeJsonLinesSegment(Buffer.from(job.buffer, 0, job.length), job.maxDetails);
    const result: SegmentResult = { id: job.id, chunk };
    port.postMessage(result, chunkTransferList(chunk));
  } catch (e) {
    // Values nested too deep to write or clone: the segment goes back to be read on the loader's thread.
    const result: SegmentResult = { id: job.id, raw: { buffer: job.buffer, length: job.length }, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(result, [job.buffer]);
  }
});
