import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { loadExportsWithProgress } from './loadExports';
import { segmentsInsideWorkspace } from './workspacePaths';

export const LOAD_ON_OPEN_SETTING = 'exoAudit.workspace.loadOnOpen';

/**
 * Loads the files and folders named by exoAudit.workspace.loadOnOpen (paths inside the first workspace
 * folder) when the extension starts, so a prepared investigation workspace opens with its data.
 */
export async function loadOnOpen(ctx: Ctx): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const paths = vscode.workspace.getConfiguration().get<unknown>(LOAD_ON_OPEN_SETTING);
  if (!folder || !Array.isArray(paths) || paths.length === 0 || ctx.dataset.current) return;
  const roots: vscode.Uri[] = [];
  for (const p of paths) {
    const segments = typeof p === 'string' ? segmentsInsideWorkspace(p) : undefined;
    if (!segments) {
      ctx.output.warn(`${LOAD_ON_OPEN_SETTING}: ${JSON.stringify(p)} is not a path inside the workspace folder; skipped`);
      continue;
    }
    const root = vscode.Uri.joinPath(folder.uri, ...segments);
    if (root.scheme === 'file' && !(await resolvesInside(folder.uri.fsPath, root.fsPath))) {
      ctx.output.warn(`${LOAD_ON_OPEN_SETTING}: ${JSON.stringify(p)} is missing or links outside the workspace folder; skipped`);
      continue;
    }
    roots.push(root);
  }
  if (roots.length === 0) return;
  try {
    await loadExportsWithProgress(ctx, roots, 'the workspace\'s audit data');
  } catch (error) {
    if (error instanceof vscode.CancellationError) return;
    const message = error instanceof Error ? error.message : String(error);
    ctx.output.error(`${LOAD_ON_OPEN_SETTING}: ${message}`);
    void vscode.window.showErrorMessage(`exo-audit: loading the workspace's audit data failed: ${message}`);
  }
}

/** Whether `target` exists and, links followed, lies inside `folder`. */
async function resolvesInside(folder: string, target: string): Promise<boolean> {
  try {
    const rel = path.relative(await fsp.realpath(folder), await fsp.realpath(target));
    return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}
