/** Cancellation: checked between operators and between chunks of long loops, yielding to the event loop now and then. */
import { QueryError } from './queryError';

/** Rows processed between cancellation checks. */
export const chunkRows = 32768;
/** Longest stretch of work between two yields to the event loop. */
const sliceMs = 12;

const yieldNow = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

export class Checkpoint {
  private last = Date.now();
  constructor(private readonly signal: AbortSignal | undefined, private readonly where: { start: number; end: number }) {}

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw new QueryError('cancelled', 'The query was cancelled.', this.where);
  }

  /** Checks for cancellation and yields to the event loop when the current slice of work is long. */
  async tick(): Promise<void> {
    this.throwIfCancelled();
    const now = Date.now();
    if (now - this.last >= sliceMs) {
      await yieldNow();
      this.last = Date.now();
      this.throwIfCancelled();
    }
  }

  /** Runs body over [0, n) in chunks, with a tick between chunks. */
  async chunks(n: number, body: (from: number, to: number) => void): Promise<void> {
    for (let from = 0; from < n; from += chunkRows) {
      await this.tick();
      body(from, Math.min(n, from + chunkRows));
    }
  }
}
