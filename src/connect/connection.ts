/** One live connection to a tenant: a token provider, the resilient client, Graph and Exchange over it. */
import type { TenantModel } from '../core/tenant';
import type { TokenProvider } from './auth/tokenProvider';
import { createExchangeConnection, type ExchangeConnection } from './exchange/exchangeClient';
import { createGraphConnection, type GraphConnection } from './graph/graphClient';
import { ApiClient, type ApiClientOptions } from './http/apiClient';
import { readLiveInventory, type LiveInventoryOptions } from './inventory/liveInventory';

export interface TenantConnectionOptions extends ApiClientOptions {
  readonly tenantId: string;
  readonly tokens: TokenProvider;
  /** Default https://graph.microsoft.com. */
  readonly graphBaseUrl?: string;
  /** Default https://outlook.office365.com. */
  readonly exchangeBaseUrl?: string;
  /** The tenant's initial domain (routing hint for Exchange; optional). */
  readonly domain?: string;
  /** Objects per Exchange page (default 1000). */
  readonly exchangePageSize?: number;
}

export interface TenantConnection {
  readonly tenantId: string;
  readonly api: ApiClient;
  readonly graph: GraphConnection;
  readonly exchange: ExchangeConnection;
  /** The permission model read live (source 'live'). */
  inventory(options?: Omit<LiveInventoryOptions, 'tenantId'>): Promise<TenantModel>;
  /** Closes idle connections (and the token provider's, when it has any). */
  close(): void;
}

export function connectTenant(options: TenantConnectionOptions): TenantConnection {
  const api = new ApiClient(options.tokens, options);
  const graph = createGraphConnection(api, options.tokens, { baseUrl: options.graphBaseUrl });
  const exchange = createExchangeConnection(api, { baseUrl: options.exchangeBaseUrl, tenantId: options.tenantId, domain: options.domain, pageSize: options.exchangePageSize });
  return {
    tenantId: options.tenantId,
    api, graph, exchange,
    inventory: (o = {}) => readLiveInventory(graph, exchange, { ...o, tenantId: options.tenantId }),
    close() {
      api.close();
      (options.tokens as { close?: () => void }).close?.();
    },
  };
}
