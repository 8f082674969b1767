/**
 * A small pool of worker threads that encode JSON-lines or CSV segments into column chunks. Jobs go to
 * whichever worker is free; each job's promise settles with its chunk. A worker that fails
 * fails the pool (every open job rejects): a load never silently loses a segment.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SegmentChunk } from '../core/ingest';

export interface SegmentJob {
  readonly id: number;
  /** The segment's bytes are the first `length` bytes of the buffer (transferred to the worker). */
  readonly buffer: ArrayBuffer;
  readonly length: number;
  readonly maxDetails: number;
  /** For a CSV segment: the file's header record (the segment is read after it). */
  readonly csvHeader?: Uint8Array;
  /**
   * Names the file's load: a worker keeps its string dictionaries across the segments of one
   * (core/ingest/segmentDictionaries) and starts afresh when this changes.
   */
  readonly stream: string;
}

export type SegmentResult =
  | { readonly id: number; readonly chunk: SegmentChunk }
  /** The worker could not encode the segment: its bytes come back. */
  | { readonly id: number; readonly raw: { readonly buffer: ArrayBuffer; readonly length: number }; readonly error: string };

/** The script a load worker runs, and the Node options it needs. */
export interface WorkerScript {
  readonly file: string;
  readonly execArgv: readonly string[];
}

/**
 * The worker's entry next to the running code: dist/loadWorker.js beside the bundled CLI or
 * extension, or the TypeScript source (run through tsx) when running from sources, as tests do.
 */
export function findWorkerScript(dir: string = __dirname): WorkerScript | null {
  const js = path.join(dir, 'loadWorker.js');
  if (existsSync(js)) return { file: js, execArgv: [] };
  const ts = path.join(dir, 'loadWorker.ts');
  if (existsSync(ts)) {
    try {
      return { file: ts, execArgv: ['--require', require.resolve('tsx/cjs')] };
    } catch {
      return null;
    }
  }
  return null;
}

/** Workers for a load: one per core, at most 4 (the main thread merges while they parse). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

let liveWorkers = 0;

/** Load worker threads alive in this process (they all stop when their load ends or is stopped). */
export function runningLoadWorkers(): number {
  return liveWorkers;
}

interface OpenJob {
  readonly job: SegmentJob;
  readonly resolve: (chunk: SegmentChunk) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A worker's young generation. Each segment's parse garbage outlived the default one and was
 * promoted: measured at 1M records, the GC helper threads then used 2.4 s of CPU; with 64 MB, 1.6 s.
 */
const workerYoungGenerationMb = 64;

export class SegmentPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: OpenJob[] = [];
  private readonly running = new Map<Worker, OpenJob>();
  private failure: Error | null = null;
  private closed = false;

  constructor(script: WorkerScript, size: number, readonly key = poolKey(script, size)) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script.file, { execArgv: [...script.execArgv], resourceLimits: { maxYoungGenerationSizeMb: workerYoungGenerationMb } });
      liveWorkers++;
      worker.on('message', (m: SegmentResult) => this.done(worker, m));
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        liveWorkers--;
        if (!this.closed) this.fail(new Error(`a load worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Encodes a segment on the next free worker; the buffer is transferred (unusable here afterwards). */
  encode(job: SegmentJob): Promise<SegmentChunk> {
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** True while the workers can take jobs. */
  get usable(): boolean {
    return !this.closed && this.failure === null;
  }

  /** True while a job is queued or running. */
  get busy(): boolean {
    return this.queue.length > 0 || this.running.size > 0;
  }

  /** Whether idle workers keep the process alive (a parked pool must not hold a CLI run open). */
  holdProcess(hold: boolean): void {
    for (const w of this.workers) {
      if (hold) w.ref();
      else w.unref();
    }
  }

  /** Stops every worker at once (also mid-segment); open jobs reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rejectAll(new Error('the load was stopped'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const open = this.queue.shift()!;
      this.running.set(worker, open);
      worker.postMessage(open.job, [open.job.buffer]);
    }
  }

  private done(worker: Worker, m: SegmentResult): void {
    const open = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if (open) {
      if ('chunk' in m) open.resolve(m.chunk);
      else open.resolve({ raw: new Uint8Array(m.raw.buffer, 0, m.raw.length), reason: m.error });
    }
    this.dispatch();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.rejectAll(error);
    void this.close();
  }

  private rejectAll(error: Error): void {
    for (const open of this.running.values()) open.reject(error);
    this.running.clear();
    for (const open of this.queue.splice(0)) open.reject(error);
  }
}

function poolKey(script: WorkerScript, size: number): string {
  return `${script.file}\n${script.execArgv.join(' ')}\n${size}`;
}

/**
 * A pool whose load finished cleanly waits here for the next load, which then starts on warm
 * workers (a fresh worker runs its first segments several times slower, before the JIT has
 * compiled the per-record code). It closes after a while unused; it never keeps the process alive.
 */
let parked: { readonly pool: SegmentPool; readonly timer: NodeJS.Timeout } | null = null;
const PARKED_MS = 30_000;

/** A warm pool left by an earlier load when one fits, else a new one. */
export function takePool(script: WorkerScript, size: number): SegmentPool {
  const key = poolKey(script, size);
  if (parked && parked.pool.key === key && parked.pool.usable) {
    const { pool, timer } = parked;
    clearTimeout(timer);
    parked = null;
    pool.holdProcess(true);
    return pool;
  }
  return new SegmentPool(script, size, key);
}

/** Gives back the pool of a load that ended: kept for the next load when it is idle and healthy, else closed. */
export async function releasePool(pool: SegmentPool): Promise<void> {
  if (!pool.usable || pool.busy) {
    await pool.close();
    return;
  }
  const previous = parked;
  pool.holdProcess(false);
  parked = { pool, timer: setTimeout(() => void closeIdleLoadWorkers(), PARKED_MS).unref() };
  if (previous) {
    clearTimeout(previous.timer);
    await previous.pool.close();
  }
}

/** Stops the workers kept for the next load (when an extension deactivates, or to free their memory). */
export async function closeIdleLoadWorkers(): Promise<void> {
  const current = parked;
  parked = null;
  if (current) {
    clearTimeout(current.timer);
    await current.pool.close();
  }
}
