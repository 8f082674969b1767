import * as path from 'node:path';
import * as vscode from 'vscode';
import { diffModels } from '../../../core/tenant/diff';
import type { Ctx } from '../../ctx';
import { diffMarkdown } from '../documents/diffMarkdown';
import { replaySource } from '../sources/replaySource';
import { snapshotSource } from '../sources/snapshotSource';
import type { TenantContext } from '../tenantContext';
import type { TenantService } from '../tenantService';
import type { LoadedTenant, TenantSource } from '../tenantSource';
import { askTime, openUntitled, requireTenant, withLoadProgress } from './ui';

export async function loadInto(ctx: Ctx, service: TenantService, source: TenantSource): Promise<LoadedTenant> {
  const loaded = await withLoadProgress(`loading tenant (${source.description})`, (token, report) => service.load(source, token, report));
  ctx.output.info(`tenant model: ${source.description}: ${loaded.model.apps.length} apps, ${loaded.model.mailboxes.length} mailboxes`);
  for (const line of loaded.notes) ctx.output.info(`  ${line}`);
  void vscode.commands.executeCommand('exoAudit.tenant.apps.focus');
  return loaded;
}

/** With audit data loaded, or an offer to open some (then the command ends). */
function requireDataset(ctx: Ctx): void {
  if (ctx.dataset.current) return;
  const open = 'Open Audit Export(s)';
  void vscode.window.showInformationMessage('exo-audit: load audit exports first; the tenant model is rebuilt from their permission records.', open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('exoAudit.openAuditExports');
  });
  throw new vscode.CancellationError();
}

function asOfArgument(arg: unknown): number | undefined | null {
  if (typeof arg !== 'object' || arg === null || !('asOf' in arg)) return null;
  const v = (arg as { asOf: unknown }).asOf;
  if (v === undefined) return undefined;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new Error(`asOf is not a time: ${String(v)}`);
  return ms;
}

/** Replays the loaded audit data into the tenant model, as of a time asked for (or `{ asOf }` given). */
export function rebuildFromAuditLog(ctx: Ctx, { service }: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    requireDataset(ctx);
    const given = asOfArgument(arg);
    const asOf = given !== null ? given : await askTime({
      title: 'exo-audit: Rebuild Tenant Model from Audit Log',
      prompt: 'As of (ISO 8601 time, UTC unless a zone is given); leave empty for the end of the log',
      allowEmpty: true,
    });
    await loadInto(ctx, service, replaySource(() => ctx.dataset.current, asOf));
  };
}

function snapshotUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg !== 'string' || arg === '') return undefined;
  if (path.isAbsolute(arg)) return vscode.Uri.file(arg);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(`no workspace folder to resolve ${arg} against`);
  return vscode.Uri.joinPath(folder.uri, arg);
}

/** Loads a tenant snapshot (TenantModel JSON): from a Uri or workspace-relative path argument, or a file picker. */
export function importSnapshot(ctx: Ctx, { service }: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    let uri = snapshotUri(arg);
    if (!uri) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: true, canSelectFolders: false, canSelectMany: false,
        openLabel: 'Import Snapshot', title: 'exo-audit: Import Tenant Snapshot',
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: { 'Tenant snapshots': ['json'], 'All files': ['*'] },
      });
      if (!picked || picked.length === 0) return;
      uri = picked[0]!;
    }
    await loadInto(ctx, service, snapshotSource(uri));
  };
}

export function refreshTenant(ctx: Ctx, { service }: TenantContext) {
  return async (): Promise<void> => {
    const loaded = requireTenant(service);
    await loadInto(ctx, service, loaded.source);
  };
}

/** Replays the audit log as of a time T and shows what changed between then and the current model. */
export function compareWithTime(ctx: Ctx, { service }: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    const current = requireTenant(service);
    requireDataset(ctx);
    const given = asOfArgument(arg);
    const at = given ?? await askTime({
      title: 'exo-audit: Compare Tenant with Time',
      prompt: 'Compare the current model with the audit log replayed as of this time (ISO 8601, UTC unless a zone is given)',
      allowEmpty: false,
    });
    const before = replaySource(() => ctx.dataset.current, at);
    const beforeModel = (await withLoadProgress('replaying the audit log', (token) => before.load(token))).model;
    // A snapshot or live model differs from any replay in what the log never recorded; compare like with like.
    const after = current.source.kind === 'replay' ? current : undefined;
    const afterSource = after?.source ?? replaySource(() => ctx.dataset.current);
    const afterModel = after?.model ?? (await withLoadProgress('replaying the audit log', (token) => afterSource.load(token))).model;
    const diff = diffModels(beforeModel, afterModel, { ignoreFields: ['grantRecordId'] });
    await openUntitled('markdown', diffMarkdown(diff, before.description, afterSource.description));
  };
}
