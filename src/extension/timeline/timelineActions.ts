import * as vscode from 'vscode';
import type { TableName } from '../../core/schema/types';
import type { LoadedDataset } from '../dataset/loadedDataset';

/** Where a record came from: its source file (as loaded) and 1-based line, when the file can be opened. */
export function recordSource(loaded: LoadedDataset, table: TableName, row: number): { uri: vscode.Uri; line: number } | undefined {
  try {
    const loc = loaded.dataset.locate(table, row);
    const source = loaded.sources[loc.file.index];
    if (!source || loc.file.gzip) return undefined;
    return { uri: vscode.Uri.parse(source, true), line: Math.max(1, loc.line) };
  } catch {
    return undefined;
  }
}

/** Opens the record's source file at the record's line. */
export async function revealRecord(source: { uri: vscode.Uri; line: number }): Promise<void> {
  const position = new vscode.Position(source.line - 1, 0);
  await vscode.window.showTextDocument(source.uri, {
    selection: new vscode.Range(position, position), preview: true, viewColumn: vscode.ViewColumn.Beside,
  });
}

/** A new untitled EXQ editor with the query. */
export async function openQuery(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'exq', content: text });
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

/** The tenant views' reveal command, when the build has one (it takes `{ appId?, mailbox? }`). */
export const TENANT_REVEAL_COMMAND = 'exoAudit.tenant.revealItem';

/**
 * Shows the app or mailbox in the tenant views: through the tenant reveal command when there is
 * one, else by focusing the view that lists it.
 */
export async function revealTreeItem(subject: { appId?: string; mailbox?: string }): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(TENANT_REVEAL_COMMAND)) {
    await vscode.commands.executeCommand(TENANT_REVEAL_COMMAND, subject);
    return;
  }
  await vscode.commands.executeCommand(subject.appId ? 'exoAudit.tenant.apps.focus' : 'exoAudit.tenant.mailboxes.focus');
}
