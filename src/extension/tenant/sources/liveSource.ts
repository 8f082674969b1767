import * as vscode from 'vscode';
import type { TokenProvider } from '../../../connect/auth/tokenProvider';
import { connectTenant, type TenantConnectionOptions } from '../../../connect/connection';
import type { TenantSource } from '../tenantSource';

export interface LiveSourceOptions {
  readonly tenantId: string;
  /** How the investigator signed in, for the description ("device code", "client secret", ...). */
  readonly signIn: string;
  /** Owned by the caller and reused by Refresh, so reading the tenant again needs no new sign-in. */
  readonly tokens: TokenProvider;
  /** Endpoints, trust anchor and retry settings for the connection (defaults: Microsoft's public cloud). */
  readonly connection?: Omit<TenantConnectionOptions, 'tenantId' | 'tokens'>;
}

/** The permission model read live from Microsoft Graph and the Exchange admin API (src/connect). */
export function liveSource(options: LiveSourceOptions): TenantSource {
  return {
    kind: 'live',
    description: `tenant ${options.tenantId} (live, ${options.signIn})`,
    load: async (token, report) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      // Closing the connection after each load would close the token provider too; it belongs to the caller.
      const tokens: TokenProvider = { getToken: (scopes, signal, o) => options.tokens.getToken(scopes, signal, o) };
      const connection = connectTenant({ ...options.connection, tenantId: options.tenantId, tokens });
      try {
        const model = await connection.inventory({
          signal: abort.signal,
          onProgress: (p) => report?.(p.total > 0 ? `${p.step} ${p.done}/${p.total}` : p.step),
        });
        return { model, notes: [`read live from tenant ${model.tenantId} (${model.domain || 'domain unknown'}) at ${model.asOf}`] };
      } catch (error) {
        if (abort.signal.aborted) throw new vscode.CancellationError();
        throw error;
      } finally {
        subscription.dispose();
        connection.close();
      }
    },
  };
}
