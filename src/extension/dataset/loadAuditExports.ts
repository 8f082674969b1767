import * as vscode from 'vscode';
import { DatasetLoader as CoreLoader, summarizeDataset, type InputFile } from '../../core/ingest';
import { localInputFile } from '../../connect/localFiles';
import type { LoadedDataset } from './loadedDataset';

export type DatasetLoader = (uris: readonly vscode.Uri[], token: vscode.CancellationToken) => Promise<LoadedDataset>;

/** The name a file has in the ledger and the SourceFile column: workspace-relative when it can be. */
function displayName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** Local files stream from disk (hashed on a worker); other file systems go through workspace.fs. */
function inputFor(uri: vscode.Uri): InputFile {
  if (uri.scheme === 'file') return localInputFile(uri.fsPath, displayName(uri));
  return {
    name: displayName(uri),
    open: async function* () {
      yield await vscode.workspace.fs.readFile(uri);
    },
  };
}

/** Reads audit export files into a dataset, cancellable from the progress notification. */
export const loadAuditExports: DatasetLoader = async (uris, token) => {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  try {
    const loader = new CoreLoader();
    for (const uri of uris) await loader.load(inputFor(uri), { signal: abort.signal });
    const dataset = loader.finish();
    const summary = summarizeDataset(dataset);
    const times = Object.values(summary).flatMap((s) => (s.from === null || s.to === null ? [] : [s.from, s.to]));
    return {
      sources: uris.map((u) => u.toString()),
      records: dataset.ledger.loaded,
      duplicates: dataset.ledger.duplicates,
      rejected: dataset.ledger.rejected,
      firstTime: times.length ? Math.min(...times) : null,
      lastTime: times.length ? Math.max(...times) : null,
      dataset,
    };
  } finally {
    subscription.dispose();
  }
};
