import type * as vscode from 'vscode';
import type { TokenProvider } from '../../../connect/auth/tokenProvider';
import { tokenProviderFor } from './liveCredentials';
import { secretKey, type TenantSettings } from './liveSettings';

type ClosableTokenProvider = TokenProvider & { close?(): void };

/**
 * Signed-in token providers, one per tenant + app + method, kept for the extension's life so Connect,
 * Refresh and Download sign in once. Tokens stay in msal's memory cache; nothing is written anywhere.
 */
export class TenantSignIns implements vscode.Disposable {
  private readonly providers = new Map<string, Promise<ClosableTokenProvider>>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(settings: TenantSettings): Promise<ClosableTokenProvider> {
    const key = secretKey(settings);
    let provider = this.providers.get(key);
    if (!provider) {
      provider = tokenProviderFor(settings, this.secrets);
      this.providers.set(key, provider);
      // A cancelled or failed prompt leaves nothing behind, so the next attempt asks again.
      provider.catch(() => this.providers.delete(key));
    }
    return provider;
  }

  /** Signs out of these settings (the stored secret is handled by forgetSecret). */
  forget(settings: TenantSettings): void {
    const key = secretKey(settings);
    void this.providers.get(key)?.then((p) => p.close?.(), () => undefined);
    this.providers.delete(key);
  }

  dispose(): void {
    for (const p of this.providers.values()) void p.then((x) => x.close?.(), () => undefined);
    this.providers.clear();
  }
}
