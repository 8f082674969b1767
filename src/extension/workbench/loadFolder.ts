import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { urisFromArgs } from './commandUris';
import { loadExportsWithProgress, type LoadSummary } from './loadExports';

/**
 * Loads every audit export in a folder (recursively). The folder comes from the argument (a URI, a
 * path, or the explorer's selection) or from a folder dialog.
 */
export function loadFolder(ctx: Ctx) {
  return async (arg?: unknown, selection?: unknown): Promise<LoadSummary | undefined> => {
    const folders = urisFromArgs(arg, selection) ?? await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: true,
      openLabel: 'Load Folder',
      title: 'exo-audit: Load Folder',
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (!folders || folders.length === 0) return undefined;
    const what = folders.length === 1 ? vscode.workspace.asRelativePath(folders[0]!, true) : `${folders.length} folders`;
    return loadExportsWithProgress(ctx, folders, what);
  };
}
