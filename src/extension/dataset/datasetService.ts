import * as vscode from 'vscode';
import { loadAuditExports, type DatasetLoader } from './loadAuditExports';
import type { LoadedDataset } from './loadedDataset';

/** Owns the loaded dataset; views and the status bar follow it through onDidChange. */
export class DatasetService implements vscode.Disposable {
  private loaded: LoadedDataset | undefined;
  private readonly changed = new vscode.EventEmitter<LoadedDataset | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly loader: DatasetLoader = loadAuditExports) {}

  get current(): LoadedDataset | undefined {
    return this.loaded;
  }

  async load(uris: readonly vscode.Uri[], token: vscode.CancellationToken): Promise<LoadedDataset> {
    const dataset = await this.loader(uris, token);
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    this.loaded = dataset;
    this.changed.fire(dataset);
    return dataset;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
