/** Reads the tenant's permission model live: Microsoft Graph for Entra, the Exchange admin API for Exchange. */
import type { TenantModel } from '../../core/tenant';
import type { ExchangeConnection } from '../exchange/exchangeClient';
import { fetchExchangeInventory } from '../exchange/inventory';
import type { GraphConnection } from '../graph/graphClient';
import { fetchGraphInventory } from '../graph/inventory';
import { mapApps, mapGroups, mapUsers } from './mapGraph';
import {
  applyPolicyGroupMembers, mapAccessPolicies, mapDelegations, mapMailboxes, mapRoleAssignments, mapScopes, mapServicePrincipals, TrusteeResolver,
} from './mapExchange';

export interface InventoryProgress {
  /** What is being read ("mailbox permissions", ...). */
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface LiveInventoryOptions {
  readonly tenantId: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: InventoryProgress) => void;
  /** Requests in flight at once for per-object calls (default 4). */
  readonly concurrency?: number;
  /** Mailbox folders whose permissions are read (default Inbox, Calendar). */
  readonly folders?: readonly string[];
  /** Objects the service refused to show (the inventory goes on without them). */
  readonly onWarning?: (message: string) => void;
  /** The picture's time (default now). */
  readonly now?: () => Date;
}

interface OrganizationResponse { value?: Array<{ id: string; verifiedDomains?: Array<{ name: string; isInitial?: boolean }> }> }

export async function readLiveInventory(graph: GraphConnection, exchange: ExchangeConnection, options: LiveInventoryOptions): Promise<TenantModel> {
  const { signal } = options;
  const onStep = (step: string, done: number, total: number) => options.onProgress?.({ step, done, total });
  const org = await graph.get<OrganizationResponse>('organization?$select=id,verifiedDomains', signal);
  const domain = org.value?.[0]?.verifiedDomains?.find((d) => d.isInitial)?.name ?? '';
  const g = await fetchGraphInventory(graph, { signal, concurrency: options.concurrency, onStep });
  const x = await fetchExchangeInventory(exchange, { signal, concurrency: options.concurrency, folders: options.folders, onStep, onWarning: options.onWarning });
  const users = mapUsers(g);
  const groups = mapGroups(g);
  const apps = mapApps(g, new Map(users.map((u) => [u.id, u.userPrincipalName])));
  const mailboxes = mapMailboxes(x);
  const exchangeServicePrincipals = mapServicePrincipals(x);
  const resolver = new TrusteeResolver(mailboxes, users, exchangeServicePrincipals, groups);
  applyPolicyGroupMembers(x, groups, resolver);
  const delegations = mapDelegations(x, mailboxes, resolver);
  return {
    schemaVersion: 1,
    tenantId: org.value?.[0]?.id ?? options.tenantId,
    domain,
    asOf: (options.now?.() ?? new Date()).toISOString(),
    source: 'live',
    organization: {
      auditDisabled: x.organizationConfig?.AuditDisabled === true,
      unifiedAuditLogIngestionEnabled: x.adminAuditLogConfig?.UnifiedAuditLogIngestionEnabled !== false,
    },
    users,
    groups,
    mailboxes,
    apps,
    exchangeServicePrincipals,
    managementScopes: mapScopes(x),
    roleAssignments: mapRoleAssignments(x, exchangeServicePrincipals),
    accessPolicies: mapAccessPolicies(x, groups),
    delegations,
  };
}
