/**
 * One HTTP exchange over node:http(s), with a whole-exchange timeout, an AbortSignal,
 * and an optional extra trust anchor that applies to this client only (a test
 * server's self-signed certificate, or a TLS-inspecting proxy's CA).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { CancelledError } from './errors';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Why one attempt produced no response. */
export type TransportFailure = { kind: 'timeout' } | { kind: 'network'; cause: string };

export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.kind === 'timeout' ? 'timeout' : failure.cause);
  }
}

export interface TransportOptions {
  /** PEM certificate(s) trusted, in place of the system store, by this client only. */
  readonly ca?: string | Buffer;
  /** Keep connections open between requests (default true). */
  readonly keepAlive?: boolean;
}

export class HttpTransport {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent: http.Agent;

  constructor(options: TransportOptions = {}) {
    const keepAlive = options.keepAlive ?? true;
    this.httpsAgent = new https.Agent({ keepAlive, ca: options.ca });
    this.httpAgent = new http.Agent({ keepAlive });
  }

  send(req: HttpRequest, timeoutMs: number, signal?: AbortSignal): Promise<HttpResponse> {
    if (signal?.aborted) return Promise.reject(new CancelledError('request'));
    const url = new URL(req.url);
    const secure = url.protocol === 'https:';
    const mod = secure ? https : http;
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | undefined, res?: HttpResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(res!);
      };
      const request = mod.request(url, { method: req.method, headers, agent: secure ? this.httpsAgent : this.httpAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () => finish(new TransportError({ kind: 'network', cause: 'connection dropped mid-response' })));
        res.on('error', (e) => finish(new TransportError({ kind: 'network', cause: e.message })));
        res.on('end', () => {
          if (!res.complete) {
            finish(new TransportError({ kind: 'network', cause: 'connection dropped mid-response' }));
            return;
          }
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          finish(undefined, { status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
        });
      });
      const timer = setTimeout(() => {
        finish(new TransportError({ kind: 'timeout' }));
        request.destroy();
      }, timeoutMs);
      const onAbort = (): void => {
        finish(new CancelledError('request'));
        request.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (e: NodeJS.ErrnoException) => finish(new TransportError({ kind: 'network', cause: e.code ?? e.message })));
      if (body) request.write(body);
      request.end();
    });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }
}
