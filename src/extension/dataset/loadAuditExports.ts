import type * as vscode from 'vscode';
import type { LoadedDataset } from './loadedDataset';

export type DatasetLoader = (uris: readonly vscode.Uri[], token: vscode.CancellationToken) => Promise<LoadedDataset>;

/** Reads audit export files into a dataset. The ingest pipeline is connected here. */
export const loadAuditExports: DatasetLoader = async () => {
  throw new Error('loader not wired');
};
