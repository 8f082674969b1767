import * as vscode from 'vscode';
import { registerCommands } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { findingsServiceOf } from '../findings';
import { createFindingsStatusBar } from './findingsStatusBar';
import { loadFolder } from './loadFolder';
import { loadOnOpen } from './loadOnOpen';
import { newQuery } from './newQuery';

/** Context key: audit data is loaded (the walkthrough and the Findings view's welcome text use it). */
export const DATASET_LOADED_CONTEXT = 'exoAudit.datasetLoaded';

/** The everyday surface: Load Folder, New Query, the findings status item, loading a prepared workspace's data. */
export function activateWorkbenchFeature(ctx: Ctx): string[] {
  const setLoaded = (): void => void vscode.commands.executeCommand('setContext', DATASET_LOADED_CONTEXT, ctx.dataset.current !== undefined);
  setLoaded();
  ctx.extensionScope.add(ctx.dataset.onDidChange(setLoaded));
  const findings = findingsServiceOf(ctx);
  if (findings) ctx.extensionScope.add(createFindingsStatusBar(findings));
  const commands = registerCommands(ctx, {
    'exoAudit.loadFolder': loadFolder,
    'exoAudit.newQuery': newQuery,
  });
  void loadOnOpen(ctx);
  return commands;
}
