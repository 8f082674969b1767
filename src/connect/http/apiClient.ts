/**
 * The resilient request loop every live call goes through: bearer token for the
 * asked scopes, 429 with Retry-After, 5xx and dropped connections with bounded
 * exponential backoff, timeouts, one token re-acquisition on 401, cancellation,
 * and errors with no secrets in them.
 */
import type { TokenProvider } from '../auth/tokenProvider';
import { CancelledError, HttpStatusError, NetworkError, RequestTimeoutError } from './errors';
import { SecretRegistry, safeUrl } from './redact';
import { backoffMs, defaultRetryPolicy, isRetryableStatus, parseRetryAfter, realSleep, type RetryPolicy, type Sleeper } from './retry';
import { HttpTransport, TransportError, type HttpRequest, type HttpResponse } from './transport';

/** Something the client did that a caller may want to show or count (never carries a token). */
export type ApiEvent =
  | { type: 'retry'; reason: 'throttled' | 'serverError' | 'network' | 'timeout'; status?: number; attempt: number; waitMs: number; url: string }
  | { type: 'tokenRefreshed'; url: string }
  | { type: 'request'; method: string; url: string; status: number; ms: number };

export interface ApiClientOptions {
  /** Whole-exchange timeout of one attempt (default 100 s, as the Graph SDK). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Waits between retries; tests record the requested waits instead of waiting. */
  readonly sleep?: Sleeper;
  /** Extra trust anchor for this client only (PEM). */
  readonly ca?: string | Buffer;
  readonly onEvent?: (e: ApiEvent) => void;
  /** Known secret values to scrub from any message (client secret, ...). */
  readonly secrets?: SecretRegistry;
  /** Added to every request (user agent, ...). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SendOptions {
  /** Scopes of the bearer token; none for unauthenticated calls. */
  readonly scopes?: readonly string[];
  readonly signal?: AbortSignal;
}

/** Reads the service's own error code and message from a JSON error body (Graph, Exchange, OAuth). */
export function serviceError(body: Buffer): { code?: string; message?: string } {
  try {
    const j = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const e = j.error;
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      const details = Array.isArray(o.details) ? (o.details[0] as Record<string, unknown> | undefined) : undefined;
      const inner = (o.innererror as Record<string, unknown> | undefined)?.internalException as Record<string, unknown> | undefined;
      return { code: typeof o.code === 'string' ? o.code : undefined, message: String(details?.message ?? o.message ?? inner?.message ?? '') || undefined };
    }
    if (typeof e === 'string') return { code: e, message: typeof j.error_description === 'string' ? j.error_description : undefined };
  } catch {
    // Not JSON: the status says enough.
  }
  return {};
}

export class ApiClient {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly secrets: SecretRegistry;
  private readonly transport: HttpTransport;
  private readonly sleep: Sleeper;

  constructor(private readonly tokens: TokenProvider | undefined, private readonly options: ApiClientOptions = {}) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 100_000;
    this.sleep = options.sleep ?? realSleep;
    this.secrets = options.secrets ?? new SecretRegistry();
    this.transport = new HttpTransport({ ca: options.ca });
  }

  /** Sends with retries; resolves with a 2xx response, throws a ConnectError otherwise. */
  async send(req: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const { signal, scopes } = options;
    const shownUrl = this.secrets.redact(safeUrl(req.url));
    let authorization = req.headers?.authorization ?? req.headers?.Authorization;
    if (!authorization && scopes && this.tokens) authorization = `Bearer ${await this.token(scopes, signal, false)}`;
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      if (signal?.aborted) throw new CancelledError('request');
      attempt++;
      const headers: Record<string, string> = { ...this.options.headers };
      for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() !== 'authorization') headers[k] = v;
      if (authorization) headers.authorization = authorization;
      const started = Date.now();
      let res: HttpResponse;
      try {
        res = await this.transport.send({ ...req, headers }, this.timeoutMs, signal);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        const timeout = e.failure.kind === 'timeout';
        const retries = attempt - 1;
        if (retries >= this.policy.maxRetries || (timeout && !this.policy.retryTimeouts)) {
          if (timeout) throw new RequestTimeoutError(req.method, shownUrl, this.timeoutMs, attempt);
          throw new NetworkError(req.method, shownUrl, this.secrets.redact(e.message), attempt);
        }
        const waitMs = backoffMs(this.policy, retries);
        this.options.onEvent?.({ type: 'retry', reason: timeout ? 'timeout' : 'network', attempt, waitMs, url: shownUrl });
        await this.sleep(waitMs, signal);
        continue;
      }
      this.options.onEvent?.({ type: 'request', method: req.method, url: shownUrl, status: res.status, ms: Date.now() - started });
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 401 && scopes && this.tokens && !refreshed) {
        // An expired or revoked token: acquire a fresh one once, bypassing the cache.
        refreshed = true;
        authorization = `Bearer ${await this.token(scopes, signal, true)}`;
        this.options.onEvent?.({ type: 'tokenRefreshed', url: shownUrl });
        continue;
      }
      const retries = attempt - 1;
      if (isRetryableStatus(res.status) && retries < this.policy.maxRetries) {
        const retryAfter = parseRetryAfter(res.headers['retry-after']);
        if (retryAfter !== undefined && retryAfter > this.policy.maxRetryAfterMs) {
          throw this.statusError(req, shownUrl, res, attempt, `the service asked to wait ${Math.round(retryAfter / 1000)} s, longer than the ${Math.round(this.policy.maxRetryAfterMs / 1000)} s allowed`);
        }
        const waitMs = retryAfter ?? backoffMs(this.policy, retries);
        this.options.onEvent?.({ type: 'retry', reason: res.status === 429 ? 'throttled' : 'serverError', status: res.status, attempt, waitMs, url: shownUrl });
        await this.sleep(waitMs, signal);
        continue;
      }
      throw this.statusError(req, shownUrl, res, attempt);
    }
  }

  /** Sends and parses a JSON body. */
  async json<T>(req: HttpRequest, options: SendOptions = {}): Promise<T> {
    const res = await this.send({ ...req, headers: { accept: 'application/json', ...req.headers } }, options);
    try {
      return JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new NetworkError(req.method, this.secrets.redact(safeUrl(req.url)), 'the response is not JSON', 1);
    }
  }

  close(): void {
    this.transport.close();
  }

  private async token(scopes: readonly string[], signal: AbortSignal | undefined, forceRefresh: boolean): Promise<string> {
    const t = await this.tokens!.getToken(scopes, signal, { forceRefresh });
    this.secrets.add(t);
    return t;
  }

  private statusError(req: HttpRequest, shownUrl: string, res: HttpResponse, attempts: number, extra?: string): HttpStatusError {
    const se = serviceError(res.body);
    const message = [se.message, extra].filter(Boolean).join('; ');
    return new HttpStatusError(res.status, req.method, shownUrl, se.code, message ? this.secrets.redact(message) : undefined, attempts);
  }
}
