import * as vscode from 'vscode';

export type SignInMethod = 'vscode' | 'deviceCode' | 'clientSecret' | 'certificate';

export const signInLabels: Readonly<Record<SignInMethod, string>> = {
  vscode: 'VS Code Microsoft account',
  deviceCode: 'device code',
  clientSecret: 'client secret',
  certificate: 'certificate',
};

/** Which tenant and app registration to connect with. Secrets are never settings: they live in SecretStorage. */
export interface TenantSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly signIn: SignInMethod;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const domain = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** The tenant settings, or an error naming the setting to fix. */
export function readTenantSettings(config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration('exoAudit.tenant')): TenantSettings {
  const tenantId = (config.get<string>('tenantId') ?? '').trim();
  const clientId = (config.get<string>('clientId') ?? '').trim();
  const signIn = config.get<SignInMethod>('signIn') ?? 'deviceCode';
  if (!guid.test(tenantId) && !domain.test(tenantId)) {
    throw new TenantSettingsError('exoAudit.tenant.tenantId', 'set exoAudit.tenant.tenantId to the tenant id (a GUID) or its domain (contoso.onmicrosoft.com)');
  }
  if (!(signIn in signInLabels)) throw new TenantSettingsError('exoAudit.tenant.signIn', `exoAudit.tenant.signIn '${signIn}' is not one of ${Object.keys(signInLabels).join(', ')}`);
  if (signIn !== 'vscode' && !guid.test(clientId)) {
    throw new TenantSettingsError('exoAudit.tenant.clientId', 'set exoAudit.tenant.clientId to the application (client) id of the app registration to sign in with');
  }
  if (signIn === 'vscode' && clientId !== '' && !guid.test(clientId)) {
    throw new TenantSettingsError('exoAudit.tenant.clientId', 'exoAudit.tenant.clientId must be an application (client) id (a GUID) or empty');
  }
  return { tenantId, clientId, signIn };
}

export class TenantSettingsError extends Error {
  constructor(readonly setting: string, message: string) {
    super(message);
    this.name = 'TenantSettingsError';
  }
}

/** Where a secret for these settings is kept in SecretStorage (one per tenant, app and method). */
export function secretKey(settings: TenantSettings): string {
  return `exoAudit.tenant/${settings.signIn}/${settings.tenantId.toLowerCase()}/${settings.clientId.toLowerCase()}`;
}
