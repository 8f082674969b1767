import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { forgetSecret, tokenProviderFor } from '../sources/liveCredentials';
import { readTenantSettings, signInLabels, TenantSettingsError, type TenantSettings } from '../sources/liveSettings';
import { liveSource } from '../sources/liveSource';
import type { TenantService } from '../tenantService';
import { loadInto } from './loadCommands';

/** Connecting and downloading reach outside the workspace with the investigator's credentials: trusted workspaces only. */
export function requireTrust(what: string): void {
  if (vscode.workspace.isTrusted) return;
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(`exo-audit: ${what} needs a trusted workspace. In restricted mode exo-audit works only on files already here.`, manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  throw new vscode.CancellationError();
}

function settingsOrOffer(): TenantSettings {
  try {
    return readTenantSettings();
  } catch (error) {
    if (!(error instanceof TenantSettingsError)) throw error;
    const open = 'Open Settings';
    void vscode.window.showWarningMessage(`exo-audit: ${error.message}.`, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
    });
    throw new vscode.CancellationError();
  }
}

/** Reads the tenant live (Graph + Exchange admin API) with the configured sign-in. */
export function connectToTenant(ctx: Ctx, service: TenantService) {
  return async (): Promise<void> => {
    requireTrust('Connecting to a tenant');
    const settings = settingsOrOffer();
    const tokens = await tokenProviderFor(settings, ctx.extensionContext.secrets);
    const source = liveSource({ tenantId: settings.tenantId, signIn: signInLabels[settings.signIn], tokens });
    try {
      await loadInto(ctx, service, source);
    } catch (error) {
      source.dispose?.();
      throw error;
    }
  };
}

/** Deletes the client secret or certificate stored for the configured tenant and app. */
export function forgetTenantCredentials(ctx: Ctx, _service: TenantService) {
  return async (): Promise<void> => {
    const settings = settingsOrOffer();
    const had = await forgetSecret(settings, ctx.extensionContext.secrets);
    void vscode.window.showInformationMessage(had
      ? `exo-audit: the stored ${signInLabels[settings.signIn]} for tenant ${settings.tenantId} was removed.`
      : `exo-audit: no ${signInLabels[settings.signIn]} was stored for tenant ${settings.tenantId}.`);
  };
}
