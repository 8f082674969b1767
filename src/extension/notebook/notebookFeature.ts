// Notebooks in the extension: the serializers (.exqnb, and .exq opened as a notebook), the EXQ
// controller for each, the renderers' messages, and the notebook commands.
import * as vscode from 'vscode';
import type { Dataset } from '../../core/ingest';
import { EXQ_NOTEBOOK_TYPE, NOTEBOOK_TYPE } from '../../protocol/notebook';
import { registerCommands } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { findingsServiceOf } from '../findings';
import type { CellRunEnv } from './cellRunner';
import { ExqNotebookController } from './controller';
import { DerivedTablesCache } from './derivedTables';
import { exportNotebookReport, newInvestigationNotebook, openAsNotebook } from './notebookCommands';
import { DEFAULT_LIMITS } from './queryPayload';
import { SHOW_TIMELINE_COMMAND } from './rendererActions';
import { listenToRenderers } from './rendererMessages';
import { ExqnbSerializer, ExqTextSerializer } from './serializers';

export const notebookCommandTable = {
  'exoAudit.newInvestigationNotebook': newInvestigationNotebook,
  'exoAudit.exportNotebookReport': exportNotebookReport,
  'exoAudit.openAsNotebook': openAsNotebook,
};

function settings() {
  return vscode.workspace.getConfiguration('exoAudit.notebook');
}

function saveOutputs(): boolean {
  return settings().get<boolean>('saveOutputs', false) === true;
}

function rowLimit(): number {
  const n = settings().get<number>('outputRowLimit', DEFAULT_LIMITS.maxRows);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_LIMITS.maxRows;
}

/** Registers the .exqnb serializer again when saveOutputs changes (outputs are transient when not saved). */
function registerExqnbSerializer(): vscode.Disposable {
  let registration = vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new ExqnbSerializer(saveOutputs), { transientOutputs: !saveOutputs() });
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('exoAudit.notebook.saveOutputs')) return;
    registration.dispose();
    registration = vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new ExqnbSerializer(saveOutputs), { transientOutputs: !saveOutputs() });
  });
  return { dispose: () => { listener.dispose(); registration.dispose(); } };
}

/** Activates notebooks; returns the ids of the commands it registered. */
export function activateNotebookFeature(ctx: Ctx): string[] {
  const derived = new DerivedTablesCache();
  // The Findings view's run (with the workspace's settings and suppressions) when it is of this
  // dataset; otherwise the engine's defaults, computed once per dataset.
  const findingsTables = (dataset: Dataset, signal: AbortSignal) => {
    const snapshot = findingsServiceOf(ctx)?.current;
    if (snapshot?.dataset === dataset) return Promise.resolve({ Findings: snapshot.result.tables.Findings, Stories: snapshot.result.tables.Stories });
    return derived.get(dataset, signal);
  };
  const env = (): CellRunEnv => {
    const loaded = ctx.dataset.current;
    return {
      tables: loaded?.dataset.tables,
      ...(loaded ? { derived: (signal: AbortSignal) => findingsTables(loaded.dataset, signal) } : {}),
      limits: { ...DEFAULT_LIMITS, maxRows: rowLimit() },
    };
  };
  const deps = {
    env,
    onNoData: () => {
      const open = 'Open Audit Export(s)';
      void vscode.window.showInformationMessage('exo-audit: no audit data is loaded; notebook queries run against loaded exports.', open).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('exoAudit.openAuditExports');
      });
    },
    log: (message: string) => ctx.output.warn(message),
    emit: ctx.testEvents.emit.bind(ctx.testEvents),
  };
  ctx.extensionScope.add(registerExqnbSerializer());
  ctx.extensionScope.add(vscode.workspace.registerNotebookSerializer(EXQ_NOTEBOOK_TYPE, new ExqTextSerializer(), { transientOutputs: true }));
  ctx.extensionScope.add(new ExqNotebookController('exo-audit-exq-kernel', NOTEBOOK_TYPE, deps));
  ctx.extensionScope.add(new ExqNotebookController('exo-audit-exq-file-kernel', EXQ_NOTEBOOK_TYPE, deps));
  for (const d of listenToRenderers({
    copy: (text) => vscode.env.clipboard.writeText(text),
    hasTimeline: async () => (await vscode.commands.getCommands(true)).includes(SHOW_TIMELINE_COMMAND),
    showTimeline: (args) => vscode.commands.executeCommand(SHOW_TIMELINE_COMMAND, args),
    openAuditExports: () => vscode.commands.executeCommand('exoAudit.openAuditExports'),
    info: (message) => void vscode.window.showInformationMessage(message),
    log: deps.log,
    emit: deps.emit,
  })) ctx.extensionScope.add(d);
  return registerCommands(ctx, notebookCommandTable);
}
