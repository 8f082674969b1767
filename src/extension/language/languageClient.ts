import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { EXQ_CLIENT_ID, EXQ_LANGUAGE_ID, ExqDataStatisticsNotification } from '../../protocol';
import type { Ctx } from '../ctx';
import { SERVER_EXEC_ARGV, SERVER_MODULE } from './serverProcess';
import { statisticsParams } from './statisticsParams';

/** .exq files, unsaved editors and notebook cells of language exq. */
export const exqDocumentSelector = [
  { language: EXQ_LANGUAGE_ID, scheme: 'file' },
  { language: EXQ_LANGUAGE_ID, scheme: 'untitled' },
  { language: EXQ_LANGUAGE_ID, scheme: 'vscode-notebook-cell' },
];

/**
 * Owns the EXQ language client. The server starts when the first exq document or cell opens; the
 * client and its listeners live in ctx.serverScope, which a restart empties and refills.
 */
export class ExqLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly ctx: Ctx) {}

  /** Starts the server now if an exq document is open, else when one opens. */
  activate(): void {
    const isExq = (d: vscode.TextDocument): boolean => d.languageId === EXQ_LANGUAGE_ID;
    if (vscode.workspace.textDocuments.some(isExq)) {
      void this.start();
      return;
    }
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isExq(d)) return;
      opened.dispose();
      void this.start();
    });
    this.ctx.extensionScope.add(opened);
  }

  start(): Promise<void> {
    this.starting ??= this.startClient().catch((error: unknown) => {
      this.starting = undefined;
      this.client = undefined;
      this.ctx.serverScope.dispose();
      this.ctx.output.error(`EXQ language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client?.isRunning()) await client.stop();
    this.ctx.serverScope.dispose();
  }

  dispose(): void {
    void this.stop();
  }

  private async startClient(): Promise<void> {
    const module = this.ctx.extensionContext.asAbsolutePath(SERVER_MODULE);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: exqDocumentSelector,
      outputChannel: this.ctx.output,
    };
    const client = new LanguageClient(EXQ_CLIENT_ID, 'EXQ Language Server', serverOptions, clientOptions);
    const scope = this.ctx.serverScope;
    scope.add({ dispose: () => void client.dispose() });
    this.client = client;
    await client.start();
    const send = async (): Promise<void> => {
      const dataset = this.ctx.dataset.current;
      const params = await statisticsParams(dataset);
      // A newer dataset or another server may have come meanwhile: only the latest goes out.
      if (this.client !== client || !client.isRunning() || this.ctx.dataset.current !== dataset) return;
      await client.sendNotification(ExqDataStatisticsNotification.method, params);
    };
    const sendLogged = (): void => {
      send().catch((error: unknown) => this.ctx.output.warn(`EXQ statistics not sent: ${error instanceof Error ? error.message : String(error)}`));
    };
    sendLogged();
    scope.add(this.ctx.dataset.onDidChange(sendLogged));
    this.ctx.output.info('EXQ language server started');
  }
}
