import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { datasetStatusText } from '../dataset/loadedDataset';
import { urisFromArgs } from '../workbench/commandUris';

/** Picks audit export files (or takes them from the arguments: URIs or paths) and loads them, with a cancellable progress notification. */
export function openAuditExports(ctx: Ctx) {
  return async (arg?: unknown, selection?: unknown): Promise<void> => {
    const uris = urisFromArgs(arg, selection) ?? await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: true,
      openLabel: 'Open Audit Export(s)',
      title: 'exo-audit: Open Audit Export(s)',
      filters: { 'Audit exports': ['csv', 'json', 'jsonl', 'ndjson'], 'All files': ['*'] },
    });
    if (!uris || uris.length === 0) return;
    const dataset = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'exo-audit: loading audit exports', cancellable: true },
      (_progress, token) => ctx.dataset.load(uris, token),
    );
    ctx.output.info(`loaded ${uris.length} file(s): ${datasetStatusText(dataset)}`);
  };
}
