/**
 * Microsoft Graph through @microsoft/microsoft-graph-client: the SDK builds the
 * requests (base URL, version, query options) and parses the answers; its
 * AuthenticationHandler gets tokens from our TokenProvider; the last middleware
 * sends through ApiClient (throttling, retries, 401 refresh, timeouts, cancellation).
 */
import {
  AuthenticationHandler, Client, type AuthenticationProvider, type Context, type Middleware, type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from '../auth/tokenProvider';
import { graphScope } from '../auth/tokenProvider';
import type { ApiClient } from '../http/apiClient';
import { throwIfAborted } from '../http/errors';

export const defaultGraphBaseUrl = 'https://graph.microsoft.com';

/** The Graph SDK's authentication provider over a TokenProvider. */
export class TokenAuthenticationProvider implements AuthenticationProvider {
  constructor(private readonly tokens: TokenProvider, private readonly scopes: readonly string[] = [graphScope]) {}

  getAccessToken(): Promise<string> {
    return this.tokens.getToken(this.scopes);
  }
}

/** Per-request state handed to the sending middleware: the caller's signal, and the original error if it failed. */
export class ApiRequestOptions implements MiddlewareOptions {
  error?: Error;
  constructor(readonly signal?: AbortSignal) {}
}

function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers) h.forEach((v, k) => { out[k] = v; });
  else if (Array.isArray(h)) for (const [k, v] of h) out[k] = v;
  else Object.assign(out, h);
  return out;
}

/** The last middleware: sends the SDK's request through ApiClient. */
export class ApiClientMiddleware implements Middleware {
  constructor(private readonly api: ApiClient, private readonly scopes: readonly string[]) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const opts = context.options ?? {};
    const state = context.middlewareControl?.getMiddlewareOptions(ApiRequestOptions) as ApiRequestOptions | undefined;
    const method = String(opts.method ?? 'GET').toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE';
    const body = typeof opts.body === 'string' ? opts.body : opts.body instanceof Buffer ? opts.body : undefined;
    try {
      const res = await this.api.send({ method, url, headers: headerRecord(opts.headers), body }, { scopes: this.scopes, signal: state?.signal });
      const noBody = res.status === 204 || res.status === 304;
      context.response = new Response(noBody ? null : new Uint8Array(res.body), { status: res.status, headers: res.headers });
    } catch (e) {
      if (state) state.error = e as Error;
      throw e;
    }
  }

  setNext(): void {
    // Always the last middleware.
  }
}

export interface GraphConnection {
  readonly client: Client;
  /** GET a path or an absolute @odata.nextLink. */
  get<T>(pathOrUrl: string, signal?: AbortSignal, version?: 'v1.0' | 'beta'): Promise<T>;
  post<T>(path: string, body: unknown, signal?: AbortSignal, version?: 'v1.0' | 'beta'): Promise<T>;
  /** Every item of a collection, following @odata.nextLink. */
  pages<T>(path: string, signal?: AbortSignal, version?: 'v1.0' | 'beta'): AsyncGenerator<T[]>;
  all<T>(path: string, signal?: AbortSignal, version?: 'v1.0' | 'beta'): Promise<T[]>;
}

export interface GraphConnectionOptions {
  readonly baseUrl?: string;
  readonly scopes?: readonly string[];
}

export function createGraphConnection(api: ApiClient, tokens: TokenProvider, options: GraphConnectionOptions = {}): GraphConnection {
  const base = (options.baseUrl ?? defaultGraphBaseUrl).replace(/\/+$/, '');
  const scopes = options.scopes ?? [graphScope];
  const auth = new AuthenticationHandler(new TokenAuthenticationProvider(tokens, scopes));
  const send = new ApiClientMiddleware(api, scopes);
  auth.setNext(send);
  const client = Client.initWithMiddleware({
    baseUrl: `${base}/`,
    middleware: auth,
    customHosts: new Set([new URL(base).hostname]),
  });
  const run = async <T>(signal: AbortSignal | undefined, f: (state: ApiRequestOptions) => Promise<T>): Promise<T> => {
    throwIfAborted(signal, 'Graph request');
    const state = new ApiRequestOptions(signal);
    try {
      return await f(state);
    } catch (e) {
      // The SDK wraps failures in GraphError; hand back ours, which say what failed and why.
      throw state.error ?? e;
    }
  };
  const request = (pathOrUrl: string, state: ApiRequestOptions, version?: string) => {
    const r = client.api(pathOrUrl).middlewareOptions([state]);
    return version && !/^https:/i.test(pathOrUrl) ? r.version(version) : r;
  };
  const conn: GraphConnection = {
    client,
    get: (p, signal, version) => run(signal, (s) => request(p, s, version).get()),
    post: (p, body, signal, version) => run(signal, (s) => request(p, s, version).post(body)),
    async *pages<T>(path: string, signal?: AbortSignal, version?: 'v1.0' | 'beta') {
      let next: string | undefined = path;
      while (next) {
        const page: { value?: T[]; '@odata.nextLink'?: string } = await conn.get(next, signal, version);
        yield page.value ?? [];
        next = page['@odata.nextLink'];
      }
    },
    async all<T>(path: string, signal?: AbortSignal, version?: 'v1.0' | 'beta') {
      const out: T[] = [];
      for await (const page of conn.pages<T>(path, signal, version)) out.push(...page);
      return out;
    },
  };
  return conn;
}
