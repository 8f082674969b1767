import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { datasetStatusText, type LoadedDataset } from '../dataset/loadedDataset';
import { auditExportFiles } from './folderFiles';

/** What a load command resolves with (for tests and callers of executeCommand). */
export interface LoadSummary {
  readonly files: number;
  readonly records: number;
  readonly rejected: number;
  readonly statusText: string;
}

export function loadSummary(files: number, dataset: LoadedDataset): LoadSummary {
  return { files, records: dataset.records, rejected: dataset.rejected, statusText: datasetStatusText(dataset) };
}

/** Finds the audit exports in files and folders and loads them, with a cancellable progress notification. */
export function loadExportsWithProgress(ctx: Ctx, roots: readonly vscode.Uri[], what: string): Thenable<LoadSummary> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `exo-audit: loading ${what}`, cancellable: true },
    async (progress, token) => {
      const files = await auditExportFiles(roots, token);
      if (files.length === 0) throw new Error(`no audit export files (csv, json, jsonl, ndjson, txt, log; also gzipped) in ${roots.map((r) => vscode.workspace.asRelativePath(r, true)).join(', ')}`);
      progress.report({ message: `${files.length} file${files.length === 1 ? '' : 's'}` });
      const dataset = await ctx.dataset.load(files, token);
      ctx.output.info(`loaded ${files.length} file(s) from ${what}: ${datasetStatusText(dataset)}`);
      return loadSummary(files.length, dataset);
    },
  );
}
