import * as vscode from 'vscode';
import { parseDatetimeText } from '../../../core/query/syntax/literals';
import type { TenantService } from '../tenantService';
import type { LoadedTenant } from '../tenantSource';

/** Text for quick pick labels, which would otherwise render `$(name)` as an icon. */
export function pickText(value: string): string {
  return value.replace(/\$\(/g, '$\u200b(');
}

/** The loaded tenant, or a message offering the ways to load one (and a cancelled command). */
export function requireTenant(service: TenantService): LoadedTenant {
  const loaded = service.current;
  if (loaded) return loaded;
  const rebuild = 'Rebuild from Audit Log';
  const snapshot = 'Import Snapshot';
  // Not awaited: the command ends now; a choice later starts the load.
  void vscode.window.showInformationMessage('exo-audit: no tenant model is loaded.', rebuild, snapshot).then((choice) => {
    if (choice === rebuild) void vscode.commands.executeCommand('exoAudit.tenant.rebuildFromAuditLog');
    if (choice === snapshot) void vscode.commands.executeCommand('exoAudit.tenant.importSnapshot');
  });
  throw new vscode.CancellationError();
}

/**
 * Asks for a point in time (ISO 8601; a time without a zone is UTC). Resolves with epoch ms, `undefined`
 * for an empty answer when `allowEmpty`, and cancels the command on Escape.
 */
export async function askTime(options: { title: string; prompt: string; allowEmpty: boolean; value?: string }): Promise<number | undefined> {
  const answer = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    placeHolder: '2024-03-05T12:00:00Z',
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (text.trim() === '') return options.allowEmpty ? undefined : 'Enter a time such as 2024-03-05T12:00:00Z';
      return parseDatetimeText(text) === undefined ? 'Not a time: use ISO 8601, e.g. 2024-03-05T12:00:00Z' : undefined;
    },
  });
  if (answer === undefined) throw new vscode.CancellationError();
  if (answer.trim() === '') return undefined;
  return parseDatetimeText(answer)!;
}

/** Opens text in a new untitled editor. */
export async function openUntitled(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** A cancellable progress notification around a load. */
export function withLoadProgress<T>(title: string, work: (token: vscode.CancellationToken, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `exo-audit: ${title}`, cancellable: true },
    (progress, token) => work(token, (message) => progress.report({ message })));
}
