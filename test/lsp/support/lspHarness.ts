/**
 * The real EXQ server and a JSON-RPC client crossed over two in-memory streams. Tests talk LSP to it
 * and wait on messages (publishDiagnostics), never on time.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, FoldingRange, Hover, InitializeResult, Position,
  PublishDiagnosticsParams, Range, SemanticTokens, SignatureHelp, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createServer, type ExqServer, type ServerOptions } from '../../../src/server/server';
import { ExqDataStatisticsNotification, type ExqInitializationOptions } from '../../../src/protocol';

/** The cursor in test texts. */
export const CURSOR = '┃';

export function withCursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker in the text');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + CURSOR.length), offset };
}

interface Waiter {
  readonly uri: string;
  readonly minVersion: number;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspHarness {
  initializeResult!: InitializeResult;
  private readonly docs = new Map<string, TextDocument>();
  private waiters: Waiter[] = [];

  /**
   * @param client a connection to a server (not yet listening)
   * @param inProcess the server when it runs in this process (tests look at its models)
   */
  constructor(readonly client: MessageConnection, private readonly inProcess?: ExqServer, private readonly onDispose?: () => void) {
    this.client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const ready = this.waiters.filter((w) => w.uri === p.uri && (p.version ?? -1) >= w.minVersion);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    // The server asks for a semantic-token refresh after new statistics.
    this.client.onRequest('workspace/semanticTokens/refresh', () => null);
    this.client.listen();
  }

  /** The real server in this process, crossed with the client over two in-memory streams. */
  static async start(options: ServerOptions = {}): Promise<LspHarness> {
    const up = new PassThrough();
    const down = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    const server = createServer(serverConnection, { diagnosticsDelayMs: 0, ...options });
    serverConnection.listen();
    const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const h = new LspHarness(client, server, () => server.dispose());
    await h.initialize();
    return h;
  }

  async initialize(initializationOptions?: ExqInitializationOptions): Promise<void> {
    this.initializeResult = await this.client.sendRequest('initialize', {
      // A process id makes the server watch that process with a timer: only for a server in another process.
      processId: this.inProcess ? null : process.pid, rootUri: null, workspaceFolders: null, initializationOptions,
      capabilities: { workspace: { semanticTokens: { refreshSupport: true } } },
    });
    await this.client.sendNotification('initialized', {});
  }

  get server(): ExqServer {
    if (!this.inProcess) throw new Error('the server runs in another process');
    return this.inProcess;
  }

  dispose(): void {
    this.onDispose?.();
    this.client.dispose();
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  version(uri: string): number {
    return this.doc(uri).version;
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const doc = TextDocument.create(uri, 'exq', 1, text);
    this.docs.set(uri, doc);
    const published = this.diagnosticsFor(uri, 1);
    await this.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'exq', version: 1, text } });
    return (await published).diagnostics;
  }

  /** Closes a document; the server clears its diagnostics. */
  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    const cleared = new Promise<void>((resolve) => this.waiters.push({ uri, minVersion: -1, resolve: () => resolve() }));
    await this.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  }

  /** Sends edits (incremental) and waits for the diagnostics of the new version. */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<Diagnostic[]> {
    const old = this.doc(uri);
    const version = old.version + 1;
    // Incremental change events apply in order, each to the result of the previous one: send them last-first.
    const ordered = [...edits].sort((a, b) => old.offsetAt(b.range.start) - old.offsetAt(a.range.start));
    const changes = ordered.map((e) => ({ range: e.range, text: e.newText }));
    const next = TextDocument.update(old, changes, version);
    this.docs.set(uri, next);
    const published = this.diagnosticsFor(uri, version);
    await this.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return (await published).diagnostics;
  }

  async replaceAll(uri: string, text: string): Promise<Diagnostic[]> {
    const old = this.doc(uri);
    return this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: old.positionAt(old.getText().length) }, newText: text }]);
  }

  async applyWorkspaceEdit(uri: string, edit: WorkspaceEdit): Promise<Diagnostic[]> {
    return this.edit(uri, edit.changes?.[uri] ?? []);
  }

  /** Sends the statistics notification and waits until every open document's diagnostics are republished. */
  async sendStatistics(params: ExqDataStatisticsNotification.Params): Promise<void> {
    const republished = [...this.docs.keys()].map((uri) => this.diagnosticsFor(uri, this.version(uri)));
    await this.client.sendNotification(ExqDataStatisticsNotification.method, params);
    // Requests sent after this are handled after the notification; waiting for the republished
    // diagnostics as well leaves nothing in flight when the test goes on.
    await Promise.all(republished);
  }

  diagnosticsFor(uri: string, minVersion: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, minVersion, resolve }));
  }

  position(uri: string, offset: number): Position {
    return this.doc(uri).positionAt(offset);
  }

  offset(uri: string, p: Position): number {
    return this.doc(uri).offsetAt(p);
  }

  rangeText(uri: string, r: Range): string {
    const d = this.doc(uri);
    return d.getText().slice(d.offsetAt(r.start), d.offsetAt(r.end));
  }

  async completion(uri: string, offset: number): Promise<CompletionItem[]> {
    const r = await this.client.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: this.position(uri, offset) });
    return Array.isArray(r) ? r : r?.items ?? [];
  }

  hover(uri: string, offset: number): Promise<Hover | null> {
    return this.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: this.position(uri, offset) });
  }

  signatureHelp(uri: string, offset: number): Promise<SignatureHelp | null> {
    return this.client.sendRequest('textDocument/signatureHelp', { textDocument: { uri }, position: this.position(uri, offset) });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  semanticTokens(uri: string): Promise<SemanticTokens> {
    return this.client.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
  }

  format(uri: string): Promise<TextEdit[] | null> {
    return this.client.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  }

  folding(uri: string): Promise<FoldingRange[] | null> {
    return this.client.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
  }

  definition(uri: string, offset: number): Promise<{ uri: string; range: Range } | null> {
    return this.client.sendRequest('textDocument/definition', { textDocument: { uri }, position: this.position(uri, offset) });
  }

  prepareRename(uri: string, offset: number): Promise<{ range: Range; placeholder: string } | null> {
    return this.client.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: this.position(uri, offset) });
  }

  rename(uri: string, offset: number, newName: string): Promise<WorkspaceEdit | null> {
    return this.client.sendRequest('textDocument/rename', { textDocument: { uri }, position: this.position(uri, offset), newName });
  }

  private doc(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d;
  }
}
