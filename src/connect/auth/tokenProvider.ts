/**
 * Where access tokens come from. The CLI uses msal-node (app-only or device code);
 * the VS Code extension hands in a provider over its Microsoft authentication session.
 */
export interface TokenRequestOptions {
  /** Bypass any cache: the last token was refused (HTTP 401). */
  readonly forceRefresh?: boolean;
}

export interface TokenProvider {
  /** An access token for the scopes (e.g. https://graph.microsoft.com/.default). */
  getToken(scopes: readonly string[], signal?: AbortSignal, options?: TokenRequestOptions): Promise<string>;
}

export const graphScope = 'https://graph.microsoft.com/.default';
export const exchangeScope = 'https://outlook.office365.com/.default';
