/**
 * msal-node's network module over this layer's transport, so sign-in honours the
 * same timeout, cancellation and per-client trust anchor as every other call.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { SecretRegistry, safeUrl } from '../http/redact';
import { HttpTransport, TransportError } from '../http/transport';

export class MsalNetworkModule implements INetworkModule {
  private readonly transport: HttpTransport;

  constructor(private readonly options: { ca?: string | Buffer; timeoutMs?: number; secrets?: SecretRegistry } = {}) {
    this.transport = new HttpTransport({ ca: options.ca });
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  close(): void {
    this.transport.close();
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const headers: Record<string, string> = { ...options?.headers };
    if (method === 'POST' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/x-www-form-urlencoded;charset=utf-8';
    let res;
    try {
      res = await this.transport.send({ method, url, headers, body: options?.body }, timeout ?? this.options.timeoutMs ?? 60_000);
    } catch (e) {
      const why = e instanceof TransportError ? (e.failure.kind === 'timeout' ? 'timed out' : e.failure.cause) : (e as Error).message;
      const text = `${method} ${safeUrl(url)}: ${why}`;
      throw new Error(this.options.secrets ? this.options.secrets.redact(text) : text);
    }
    let body: unknown;
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      body = {};
    }
    return { headers: res.headers as Record<string, string>, body: body as T, status: res.status };
  }
}
