import * as vscode from 'vscode';
import { isAuditExportName, isSearchedFolderName } from './exportFileNames';

/**
 * The audit export files in folders, recursively, sorted by path. Links are not followed (a linked folder
 * could lead outside, or round in a circle). A URI that is a file is taken as it is.
 */
export async function auditExportFiles(roots: readonly vscode.Uri[], token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const walk = async (dir: vscode.Uri): Promise<void> => {
    if (token?.isCancellationRequested) throw new vscode.CancellationError();
    const entries = await vscode.workspace.fs.readDirectory(dir);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (type & vscode.FileType.SymbolicLink) continue;
      const child = vscode.Uri.joinPath(dir, name);
      if (type === vscode.FileType.Directory) {
        if (isSearchedFolderName(name)) await walk(child);
      } else if (type === vscode.FileType.File && isAuditExportName(name)) out.push(child);
    }
  };
  for (const root of roots) {
    const stat = await vscode.workspace.fs.stat(root);
    if (stat.type & vscode.FileType.Directory) await walk(root);
    else out.push(root);
  }
  return out;
}
