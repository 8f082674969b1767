import * as path from 'node:path';
import * as vscode from 'vscode';
import { downloadAuditLog, type AuditDownloadOptions, type DownloadManifest } from '../../../connect/audit/download';
import type { TokenProvider } from '../../../connect/auth/tokenProvider';
import { connectTenant, type TenantConnectionOptions } from '../../../connect/connection';

export interface FolderDownloadOptions {
  readonly tenantId: string;
  readonly tokens: TokenProvider;
  /** Absolute folder the JSON lines files, the manifest and the resume state go to. */
  readonly outDir: string;
  readonly start: number;
  readonly end: number;
  readonly connection?: Omit<TenantConnectionOptions, 'tenantId' | 'tokens'>;
  /** Slicing, paging and polling settings (defaults: src/connect's). */
  readonly download?: Omit<AuditDownloadOptions, 'outDir' | 'start' | 'end' | 'signal' | 'onProgress'>;
}

/** Downloads (or resumes) the audit log of a window into a folder; resolves with the manifest and the files' paths. */
export async function downloadAuditToFolder(
  options: FolderDownloadOptions,
  token: vscode.CancellationToken,
  report?: (message: string) => void,
): Promise<{ manifest: DownloadManifest; files: string[] }> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  const tokens: TokenProvider = { getToken: (scopes, signal, o) => options.tokens.getToken(scopes, signal, o) };
  const connection = connectTenant({ ...options.connection, tenantId: options.tenantId, tokens });
  try {
    const manifest = await downloadAuditLog(connection.graph, {
      ...options.download,
      outDir: options.outDir,
      start: options.start,
      end: options.end,
      signal: abort.signal,
      onProgress: (p) => report?.(`${p.message} (${p.fetched} records, ${p.slicesDone}/${p.slices} slices)`),
    });
    return { manifest, files: manifest.files.filter((f) => f.records > 0).map((f) => path.join(options.outDir, f.name)) };
  } catch (error) {
    if (abort.signal.aborted) throw new vscode.CancellationError();
    throw error;
  } finally {
    subscription.dispose();
    connection.close();
  }
}

/** A folder name for a window: the same window resumes into the same folder. */
export function downloadFolderName(start: number, end: number): string {
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/:/g, '');
  return `${stamp(start)}_${stamp(end)}`;
}

/**
 * The workspace folder for downloads (setting exoAudit.tenant.downloadFolder, relative to the first
 * workspace folder). A value that would leave the workspace is refused: downloads stay inside it.
 */
export function downloadRoot(setting: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') throw new Error('downloading the audit log needs a workspace folder on this machine to write into');
  const relative = setting.trim() || 'audit-downloads';
  const root = path.resolve(folder.uri.fsPath, relative);
  const inside = path.relative(folder.uri.fsPath, root);
  if (path.isAbsolute(relative) || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new Error(`exoAudit.tenant.downloadFolder '${setting}' is outside the workspace folder; use a path inside it`);
  }
  return root;
}
