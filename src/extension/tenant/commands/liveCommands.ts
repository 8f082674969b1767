import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { downloadAuditToFolder, downloadFolderName, downloadRoot } from '../sources/auditDownload';
import { forgetSecret } from '../sources/liveCredentials';
import { readTenantSettings, signInLabels, TenantSettingsError, type TenantSettings } from '../sources/liveSettings';
import { liveSource } from '../sources/liveSource';
import type { TenantContext } from '../tenantContext';
import { loadInto } from './loadCommands';
import { askTime, withLoadProgress } from './ui';

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
export function connectToTenant(ctx: Ctx, { service, signIns }: TenantContext) {
  return async (): Promise<void> => {
    requireTrust('Connecting to a tenant');
    const settings = settingsOrOffer();
    const tokens = await signIns.get(settings);
    await loadInto(ctx, service, liveSource({ tenantId: settings.tenantId, signIn: signInLabels[settings.signIn], tokens }));
  };
}

/** Downloads the audit log of a window into the workspace (resumable), then offers to load it. */
export function downloadAuditLog(ctx: Ctx, { signIns }: TenantContext) {
  return async (): Promise<void> => {
    requireTrust('Downloading the audit log');
    const settings = settingsOrOffer();
    const root = downloadRoot(vscode.workspace.getConfiguration('exoAudit.tenant').get<string>('downloadFolder', 'audit-downloads'));
    const start = (await askTime({
      title: 'exo-audit: Download Audit Log (1/2)', prompt: 'Start of the window (ISO 8601, UTC unless a zone is given)', allowEmpty: false,
      value: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
    }))!;
    const end = (await askTime({
      title: 'exo-audit: Download Audit Log (2/2)', prompt: 'End of the window, exclusive; leave empty for now', allowEmpty: true,
    })) ?? Date.now();
    if (end <= start) throw new Error('the end of the window must be after its start');
    const tokens = await signIns.get(settings);
    const outDir = vscode.Uri.joinPath(vscode.Uri.file(root), downloadFolderName(start, end)).fsPath;
    const { manifest, files } = await withLoadProgress(`downloading the audit log of tenant ${settings.tenantId}`,
      (token, report) => downloadAuditToFolder({ tenantId: settings.tenantId, tokens, outDir, start, end }, token, report));
    const t = manifest.totals;
    ctx.output.info(`audit log downloaded to ${outDir}: AuditLogs ${t.AuditLogs}, SignIns ${t.SignIns}, DirectoryAudits ${t.DirectoryAudits}`);
    const load = 'Load Downloaded Files';
    void vscode.window.showInformationMessage(
      `exo-audit: downloaded ${t.AuditLogs} audit, ${t.SignIns} sign-in and ${t.DirectoryAudits} directory records to ${vscode.workspace.asRelativePath(outDir, false)}.`, load,
    ).then(async (choice) => {
      if (choice !== load || files.length === 0) return;
      await withLoadProgress('loading the downloaded files', (token) => ctx.dataset.load(files.map((f) => vscode.Uri.file(f)), token));
    });
  };
}

/** Signs out and deletes the client secret or certificate stored for the configured tenant and app. */
export function forgetTenantCredentials(ctx: Ctx, { signIns }: TenantContext) {
  return async (): Promise<void> => {
    const settings = settingsOrOffer();
    signIns.forget(settings);
    const had = await forgetSecret(settings, ctx.extensionContext.secrets);
    void vscode.window.showInformationMessage(had
      ? `exo-audit: signed out; the stored ${signInLabels[settings.signIn]} for tenant ${settings.tenantId} was removed.`
      : `exo-audit: signed out; no ${signInLabels[settings.signIn]} was stored for tenant ${settings.tenantId}.`);
  };
}
