import * as vscode from 'vscode';
import { DatasetService } from './dataset/datasetService';
import { DisposalScope } from './disposalScope';
import type { TestEventSink } from './testEvents';

/**
 * The extension's state, handed to every command factory and view. Two disposal scopes:
 * `extensionScope` ends at deactivation; `serverScope` ends whenever the language server stops or
 * restarts (its client, its listeners), and then starts empty for the next server.
 */
export class Ctx implements vscode.Disposable {
  readonly extensionScope = new DisposalScope();
  readonly serverScope = new DisposalScope();
  readonly output: vscode.LogOutputChannel;
  readonly dataset: DatasetService;

  constructor(
    readonly extensionContext: vscode.ExtensionContext,
    readonly testEvents: TestEventSink,
  ) {
    this.output = this.extensionScope.add(vscode.window.createOutputChannel('exo-audit', { log: true }));
    this.dataset = this.extensionScope.add(new DatasetService());
    this.extensionScope.add(this.serverScope);
  }

  get extensionVersion(): string {
    return String(this.extensionContext.extension.packageJSON.version ?? '');
  }

  dispose(): void {
    this.extensionScope.dispose();
  }
}
