/**
 * Local evidence files: opened read-only, streamed in large chunks, hashed (SHA-256)
 * on a worker thread while the loader parses, and re-read by location when the original
 * record is needed again. Large plain UTF-8 JSON-lines and CSV files are parsed on worker
 * threads too (parallelLoad); every other file is read by the loader on this thread.
 */
import { createReadStream, promises as fsp, statSync, type ReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { InputFile, SegmentChunk } from '../core/ingest';
import { parallelCsvChunks, parallelJsonLinesChunks, type ParallelLoadOptions } from './parallelLoad';
import { findWorkerScript } from './segmentPool';

const CHUNK = 1 << 20;

const hashWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const h = createHash('sha256');
createReadStream(workerData, { highWaterMark: ${CHUNK} })
  .on('data', (c) => h.update(c))
  .on('error', (e) => parentPort.postMessage({ error: String(e && e.message || e) }))
  .on('end', () => parentPort.postMessage({ sha256: h.digest('hex') }));
`;

/** SHA-256 of a file, computed on a worker thread. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(hashWorkerSource, { eval: true, workerData: path });
    worker.once('message', (m: { sha256?: string; error?: string }) => {
      void worker.terminate();
      if (m.sha256) resolve(m.sha256);
      else reject(new Error(m.error ?? 'hash failed'));
    });
    worker.once('error', reject);
  });
}

export interface LocalInputOptions {
  /** Called with the number of bytes read so far (for progress bars). */
  readonly onBytes?: (bytes: number) => void;
  /** Compute the SHA-256 on a worker thread (default true). */
  readonly hash?: boolean;
  /**
   * Plain UTF-8 JSON-lines and CSV files of at least `minBytes` (default 16 MB) are read on
   * worker threads; false reads every file on this thread.
   */
  readonly parallel?: false | (Omit<ParallelLoadOptions, 'onBytes'> & { readonly minBytes?: number });
}

/**
 * Below this the serial read is about as fast: fresh workers run their first segments before
 * the JIT has warmed up (measured: a 16 MB file took 250 ms serially, 1.1 s on fresh workers,
 * 210 ms on the warm workers an earlier load left).
 */
export const defaultParallelMinBytes = 16 << 20;

/** An InputFile over a local path, shown as `displayName` in the ledger and the SourceFile column. */
export function localInputFile(path: string, displayName: string, options: LocalInputOptions = {}): InputFile {
  const size = statSync(path).size;
  let opened: ReadStream | null = null;
  const parallel = options.parallel === false ? null : options.parallel ?? {};
  const script = parallel ? parallel.workerScript ?? findWorkerScript() : null;
  const useWorkers = parallel !== null && script !== null && size >= (parallel.minBytes ?? defaultParallelMinBytes);
  // The loader sniffed the file through open(); the workers read it from there on.
  const viaWorkers = <Plan>(read: (path: string, plan: Plan, options: ParallelLoadOptions) => AsyncIterable<SegmentChunk>) =>
    (useWorkers
      ? (plan: Plan): AsyncIterable<SegmentChunk> => {
        opened?.destroy();
        opened = null;
        return read(path, plan, { ...parallel, workerScript: script!, onBytes: options.onBytes });
      }
      : undefined);
  return {
    name: displayName,
    size,
    open: () => {
      const stream = createReadStream(path, { highWaterMark: CHUNK, flags: 'r' });
      opened = stream;
      if (options.onBytes) {
        let n = 0;
        stream.on('data', (c) => options.onBytes!((n += c.length)));
      }
      return stream;
    },
    sha256: options.hash === false ? undefined : () => sha256File(path),
    jsonLinesChunks: viaWorkers(parallelJsonLinesChunks),
    csvChunks: viaWorkers(parallelCsvChunks),
  };
}

/**
 * Re-reads a record's text by its location. Plain UTF-8 files are read at the offset
 * (after a BOM); gzip and UTF-16 files are decoded again up to it.
 */
export async function readRecordText(
  path: string, location: { offset: number; length: number }, file: { encoding: string; gzip: boolean },
): Promise<string> {
  if (!file.gzip && (file.encoding === 'utf-8' || file.encoding === 'utf-8-bom')) {
    const skip = file.encoding === 'utf-8-bom' ? 3 : 0;
    const handle = await fsp.open(path, 'r');
    try {
      const buf = Buffer.alloc(location.length);
      await handle.read(buf, 0, location.length, location.offset + skip);
      return buf.toString('utf8');
    } finally {
      await handle.close();
    }
  }
  const { decodeToUtf8 } = await import('../core/ingest/decode');
  const decoded = await decodeToUtf8(createReadStream(path, { highWaterMark: CHUNK }));
  const parts: Buffer[] = [];
  let pos = 0;
  const end = location.offset + location.length;
  for await (const chunk of decoded.chunks) {
    const from = Math.max(location.offset - pos, 0);
    const to = Math.min(end - pos, chunk.length);
    if (to > from) parts.push(chunk.subarray(from, to));
    pos += chunk.length;
    if (pos >= end) break;
  }
  return Buffer.concat(parts).toString('utf8');
}
