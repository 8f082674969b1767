import * as vscode from 'vscode';
import { parseCertificateCredential } from '../../../connect/auth/certificate';
import { MsalAppTokenProvider, MsalDeviceCodeTokenProvider, type DeviceCodeInfo } from '../../../connect/auth/msal';
import type { TokenProvider } from '../../../connect/auth/tokenProvider';
import { secretKey, type TenantSettings } from './liveSettings';

type ClosableTokenProvider = TokenProvider & { close?(): void };

/** Tokens from VS Code's own Microsoft sign-in, for this tenant (and this app registration, when one is set). */
export function vscodeSessionTokens(settings: TenantSettings): TokenProvider {
  const extra = [`VSCODE_TENANT:${settings.tenantId}`, ...(settings.clientId ? [`VSCODE_CLIENT_ID:${settings.clientId}`] : [])];
  return {
    async getToken(scopes, _signal, options) {
      const session = await vscode.authentication.getSession('microsoft', [...scopes, ...extra],
        options?.forceRefresh ? { forceNewSession: { detail: 'exo-audit: the tenant refused the last token; sign in again.' } } : { createIfNone: true });
      if (!session) throw new vscode.CancellationError();
      return session.accessToken;
    },
  };
}

/** Shows the device code sign-in: the code is copied and the page opened on request; neither is logged. */
function showDeviceCode(info: DeviceCodeInfo): void {
  const action = 'Copy Code and Open Browser';
  void vscode.window.showInformationMessage(`exo-audit: to sign in, open ${info.verificationUri} and enter the code ${info.userCode}`, action).then(async (choice) => {
    if (choice !== action) return;
    await vscode.env.clipboard.writeText(info.userCode);
    await vscode.env.openExternal(vscode.Uri.parse(info.verificationUri));
  });
}

async function clientSecret(settings: TenantSettings, secrets: vscode.SecretStorage): Promise<string> {
  const key = secretKey(settings);
  const stored = await secrets.get(key);
  if (stored) return stored;
  const entered = await vscode.window.showInputBox({
    title: 'exo-audit: client secret',
    prompt: `Client secret of app ${settings.clientId}; kept in VS Code's secret storage, never in settings or logs`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter the client secret' : undefined),
  });
  if (entered === undefined) throw new vscode.CancellationError();
  await secrets.store(key, entered.trim());
  return entered.trim();
}

async function certificatePem(settings: TenantSettings, secrets: vscode.SecretStorage): Promise<string> {
  const key = secretKey(settings);
  const stored = await secrets.get(key);
  if (stored) return stored;
  const picked = await vscode.window.showOpenDialog({
    title: 'exo-audit: certificate with its private key (PEM)',
    openLabel: 'Use Certificate',
    canSelectMany: false,
    filters: { 'PEM files': ['pem', 'crt', 'key'], 'All files': ['*'] },
  });
  if (!picked || picked.length === 0) throw new vscode.CancellationError();
  const pem = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(picked[0]!));
  parseCertificateCredential(pem, vscode.workspace.asRelativePath(picked[0]!, false));
  // The key is kept in secret storage, so the PEM file can be deleted or moved afterwards.
  await secrets.store(key, pem);
  return pem;
}

/** A token provider for the configured sign-in, asking once for a missing secret (stored in SecretStorage). */
export async function tokenProviderFor(settings: TenantSettings, secrets: vscode.SecretStorage): Promise<ClosableTokenProvider> {
  const common = { tenantId: settings.tenantId, clientId: settings.clientId };
  switch (settings.signIn) {
    case 'vscode':
      return vscodeSessionTokens(settings);
    case 'deviceCode':
      return new MsalDeviceCodeTokenProvider({ ...common, onDeviceCode: showDeviceCode });
    case 'clientSecret':
      return new MsalAppTokenProvider({ ...common, clientSecret: await clientSecret(settings, secrets) });
    case 'certificate':
      return new MsalAppTokenProvider({ ...common, certificate: parseCertificateCredential(await certificatePem(settings, secrets), 'the stored certificate') });
  }
}

/** Removes the stored secret for these settings; true when there was one. */
export async function forgetSecret(settings: TenantSettings, secrets: vscode.SecretStorage): Promise<boolean> {
  const key = secretKey(settings);
  const had = (await secrets.get(key)) !== undefined;
  await secrets.delete(key);
  return had;
}
