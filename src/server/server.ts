/**
 * The EXQ language server's logic over a connection it is handed (a real IPC connection in
 * main.ts, an in-memory one in the tests). Documents are analysed block by block with the core
 * query analyser; the schema and value statistics of the loaded data arrive through
 * ExqDataStatisticsNotification.
 */
import {
  CodeActionKind, TextDocumentSyncKind, TextDocuments, type Connection, type InitializeResult, type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ExqDataStatisticsNotification, type ExqInitializationOptions } from '../protocol';
import { codeActions } from './codeActions';
import { completion } from './completion';
import { DataStatistics } from './dataStatistics';
import { DiagnosticsScheduler, lspDiagnostics } from './diagnostics';
import { buildModel, type DocumentModel } from './documentModel';
import { foldingRanges } from './folding';
import { formatDocument } from './format/formatQuery';
import { hover } from './hover';
import { definition, highlights, prepareRename, references, rename } from './letSymbols';
import { semanticTokens, semanticTokensLegend } from './semanticTokens';
import { signatureHelp } from './signatureHelp';

export interface ServerOptions {
  /** Quiet time after the last change before a document's diagnostics are published (default 150 ms). */
  readonly diagnosticsDelayMs?: number;
  /** Statistics store (tests may share one); default a new, empty one. */
  readonly statistics?: DataStatistics;
}

export interface ExqServer {
  readonly documents: TextDocuments<TextDocument>;
  readonly statistics: DataStatistics;
  /** The analysed model of an open document at its current version. */
  model(uri: string): DocumentModel | undefined;
  /** Resolves when no diagnostics are waiting to be published. */
  diagnosticsSettled(): Promise<void>;
  dispose(): void;
}

export function createServer(connection: Connection, options: ServerOptions = {}): ExqServer {
  const documents = new TextDocuments(TextDocument);
  const statistics = options.statistics ?? new DataStatistics();
  const models = new Map<string, DocumentModel>();
  let semanticRefresh = false;

  const modelOf = (doc: TextDocument): DocumentModel => {
    const old = models.get(doc.uri);
    if (old && old.version === doc.version && old.generation === statistics.generation) return old;
    const model = buildModel(doc.getText(), doc.version, statistics.schema, statistics.generation, old);
    models.set(doc.uri, model);
    return model;
  };
  const model = (uri: string): DocumentModel | undefined => {
    const doc = documents.get(uri);
    return doc ? modelOf(doc) : undefined;
  };
  /** The model and the document offset of a position request. */
  const at = (p: TextDocumentPositionParams): { m: DocumentModel; offset: number } | undefined => {
    const m = model(p.textDocument.uri);
    return m ? { m, offset: m.offsetAt(p.position) } : undefined;
  };

  const scheduler = new DiagnosticsScheduler(options.diagnosticsDelayMs ?? 150, (uri) => {
    const doc = documents.get(uri);
    if (!doc) return;
    try {
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: lspDiagnostics(modelOf(doc)) });
    } catch (error) {
      // A timer callback must not throw: that would end the server process.
      connection.console.error(`EXQ diagnostics failed for ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  });

  connection.onInitialize((params): InitializeResult => {
    semanticRefresh = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    const init = params.initializationOptions as ExqInitializationOptions | undefined;
    if (typeof init?.diagnosticsDelayMs === 'number' && init.diagnosticsDelayMs >= 0) scheduler.delayMs = init.diagnosticsDelayMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['|', '"', "'"], resolveProvider: false },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [')'] },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: false },
        documentFormattingProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'exq-language-server' },
    };
  });

  documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => {
    models.delete(e.document.uri);
    scheduler.cancel(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onNotification(ExqDataStatisticsNotification.method, (params: ExqDataStatisticsNotification.Params) => {
    statistics.update(params);
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
    if (semanticRefresh) void connection.languages.semanticTokens.refresh();
  });

  connection.onCompletion((p) => {
    const hit = at(p);
    return hit ? completion(hit.m, hit.offset, statistics) : null;
  });
  connection.onHover((p) => {
    const hit = at(p);
    return hit ? hover(hit.m, hit.offset, statistics) : null;
  });
  connection.onSignatureHelp((p) => {
    const hit = at(p);
    return hit ? signatureHelp(hit.m, hit.offset) : null;
  });
  connection.languages.semanticTokens.on((p) => {
    const m = model(p.textDocument.uri);
    return m ? semanticTokens(m) : { data: [] };
  });
  connection.onDocumentFormatting((p) => {
    const m = model(p.textDocument.uri);
    if (!m) return null;
    const indent = p.options.insertSpaces ? ' '.repeat(p.options.tabSize) : '\t';
    const formatted = formatDocument(m.text, { indent });
    if (formatted === m.text) return [];
    return [{ range: m.range({ start: 0, end: m.text.length }), newText: formatted }];
  });
  connection.onFoldingRanges((p) => {
    const m = model(p.textDocument.uri);
    return m ? foldingRanges(m) : null;
  });
  connection.onDefinition((p) => {
    const hit = at(p);
    const range = hit ? definition(hit.m, hit.offset) : null;
    return range ? { uri: p.textDocument.uri, range } : null;
  });
  connection.onReferences((p) => {
    const hit = at(p);
    return hit ? references(hit.m, hit.offset, p.context.includeDeclaration).map((range) => ({ uri: p.textDocument.uri, range })) : null;
  });
  connection.onDocumentHighlight((p) => {
    const hit = at(p);
    return hit ? highlights(hit.m, hit.offset) : null;
  });
  connection.onPrepareRename((p) => {
    const hit = at(p);
    return hit ? prepareRename(hit.m, hit.offset) : null;
  });
  connection.onRenameRequest((p) => {
    const hit = at(p);
    if (!hit) return null;
    return { changes: { [p.textDocument.uri]: rename(hit.m, hit.offset, p.newName, statistics.schema) } };
  });
  connection.onCodeAction((p) => {
    const m = model(p.textDocument.uri);
    return m ? codeActions(m, p.textDocument.uri, p.context.diagnostics) : null;
  });

  documents.listen(connection);

  return {
    documents,
    statistics,
    model,
    diagnosticsSettled: () => scheduler.settled(),
    dispose: () => scheduler.dispose(),
  };
}
