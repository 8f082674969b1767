import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { datasetStatusText } from '../dataset/loadedDataset';

/** Picks audit export files and loads them, with a cancellable progress notification. */
export function openAuditExports(ctx: Ctx) {
  return async (): Promise<void> => {
    const uris = await vscode.window.showOpenDialog({
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
