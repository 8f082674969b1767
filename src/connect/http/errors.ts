/** Errors the connect layer raises: each says what was asked, of which service, and why it failed, with no secrets. */

export class ConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}

/** The service answered with an error status after every retry. */
export class HttpStatusError extends ConnectError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    readonly serviceCode: string | undefined,
    readonly serviceMessage: string | undefined,
    readonly attempts: number,
  ) {
    super(`${method} ${url} failed with HTTP ${status}${serviceCode ? ` ${serviceCode}` : ''}${serviceMessage ? `: ${serviceMessage}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** No complete answer within the client's timeout. */
export class RequestTimeoutError extends ConnectError {
  constructor(readonly method: string, readonly url: string, readonly timeoutMs: number, readonly attempts: number) {
    super(`${method} ${url} timed out: no complete response within ${timeoutMs} ms${attempts > 1 ? ` (${attempts} attempts)` : ''}`);
    this.name = 'RequestTimeoutError';
  }
}

/** The connection failed or was dropped before the response was complete. */
export class NetworkError extends ConnectError {
  constructor(readonly method: string, readonly url: string, readonly reason: string, readonly attempts: number) {
    super(`${method} ${url}: connection failed (${reason})${attempts > 1 ? ` after ${attempts} attempts` : ''}`);
    this.name = 'NetworkError';
  }
}

/** Signing in failed (wrong secret, certificate not registered, consent missing, ...). */
export class AuthenticationError extends ConnectError {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** The operation was cancelled through its AbortSignal. */
export class CancelledError extends Error {
  constructor(what = 'operation') {
    super(`${what} cancelled`);
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw new CancelledError(what);
}
