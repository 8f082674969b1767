/** When and how long to wait before trying a request again. */

export interface RetryPolicy {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries: number;
  /** First backoff for 5xx and dropped connections (default 1000 ms), doubled each retry. */
  readonly baseDelayMs: number;
  /** Ceiling of one backoff (default 30 s). */
  readonly maxDelayMs: number;
  /** Ceiling of one Retry-After wait (default 120 s); a longer demand fails the request. */
  readonly maxRetryAfterMs: number;
  /** Retry requests that timed out (default true). */
  readonly retryTimeouts: boolean;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, retryTimeouts: true,
};

/** Waits; tests pass one that records the request and resolves at once. */
export type Sleeper = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleeper = (ms, signal) => new Promise<void>((resolve, reject) => {
  if (signal?.aborted) {
    reject(Object.assign(new Error('wait cancelled'), { name: 'AbortError' }));
    return;
  }
  const t = setTimeout(() => {
    signal?.removeEventListener('abort', onAbort);
    resolve();
  }, ms);
  const onAbort = (): void => {
    clearTimeout(t);
    reject(Object.assign(new Error('wait cancelled'), { name: 'AbortError' }));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** Retry-After as milliseconds: delta-seconds or an HTTP date (relative to `now`). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isFinite(t)) return Math.max(0, t - now);
  return undefined;
}

/** Exponential backoff for retry number `retry` (0-based). */
export function backoffMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/** Statuses worth retrying: throttling and transient server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}
