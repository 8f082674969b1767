import * as vscode from 'vscode';
import type { LoadedDataset } from '../dataset/loadedDataset';

/**
 * The URI of each file of a loaded dataset (by the dataset's file index), matched by the name the loader
 * was given (workspace-relative); undefined for a file that cannot be opened as text (gzip).
 */
export function exportFileUris(loaded: LoadedDataset): Array<vscode.Uri | undefined> {
  const sources = loaded.sources.map((s) => vscode.Uri.parse(s));
  const byName = new Map<string, vscode.Uri>();
  for (const uri of sources) byName.set(vscode.workspace.asRelativePath(uri, false), uri);
  return loaded.dataset.files.map((file, i) => {
    if (file.gzip) return undefined;
    return byName.get(file.name) ?? (sources.length === loaded.dataset.files.length ? sources[i] : undefined);
  });
}

/** Looks files up by URI: the dataset's file index of an open document, or -1. */
export class ExportFileIndex {
  private readonly indexByUri = new Map<string, number>();

  constructor(readonly uris: ReadonlyArray<vscode.Uri | undefined>) {
    uris.forEach((uri, i) => {
      if (uri) this.indexByUri.set(uri.toString(), i);
    });
  }

  indexOf(uri: vscode.Uri): number {
    return this.indexByUri.get(uri.toString()) ?? -1;
  }
}
