/**
 * The Exchange Online admin REST endpoint the ExchangeOnlineManagement module
 * uses: POST {base}/adminapi/beta/{tenant}/InvokeCommand with a CmdletInput
 * envelope; further pages by POSTing the same body to @odata.nextLink.
 */
import { exchangeScope } from '../auth/tokenProvider';
import type { ApiClient } from '../http/apiClient';
import { throwIfAborted } from '../http/errors';

export const defaultExchangeBaseUrl = 'https://outlook.office365.com';

export type CmdletParameters = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** One object of a cmdlet's output, as the REST endpoint serialises it (PowerShell property names). */
export type ExchangeObject = Record<string, unknown>;

export interface ExchangeConnection {
  /** Every object the cmdlet returns, all pages. */
  invoke(cmdlet: string, parameters?: CmdletParameters, signal?: AbortSignal): Promise<ExchangeObject[]>;
}

export interface ExchangeConnectionOptions {
  readonly baseUrl?: string;
  readonly tenantId: string;
  /** The tenant's initial domain, for the X-AnchorMailbox routing header (optional). */
  readonly domain?: string;
  /** Objects per page asked of the service (default 1000). */
  readonly pageSize?: number;
}

export function createExchangeConnection(api: ApiClient, options: ExchangeConnectionOptions): ExchangeConnection {
  const base = (options.baseUrl ?? defaultExchangeBaseUrl).replace(/\/+$/, '');
  const first = `${base}/adminapi/beta/${encodeURIComponent(options.tenantId)}/InvokeCommand`;
  return {
    async invoke(cmdlet, parameters = {}, signal) {
      const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } });
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        prefer: `odata.maxpagesize=${options.pageSize ?? 1000}`,
        'x-cmdletname': cmdlet,
        'x-responseformat': 'json',
        'x-serializationlevel': 'Partial',
        'x-clientapplication': 'exo-audit',
      };
      if (options.domain) headers['x-anchormailbox'] = `UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${options.domain}`;
      const out: ExchangeObject[] = [];
      let url: string | undefined = first;
      while (url) {
        throwIfAborted(signal, cmdlet);
        const page: { value?: ExchangeObject[]; '@odata.nextLink'?: string } = await api.json({ method: 'POST', url, headers, body }, { scopes: [exchangeScope], signal });
        if (Array.isArray(page.value)) out.push(...page.value);
        url = page['@odata.nextLink'];
      }
      return out;
    },
  };
}
