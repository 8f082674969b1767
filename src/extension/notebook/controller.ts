// The notebook controller ("kernel") for EXQ cells: runs each cell with src/extension/notebook/cellRunner.ts
// against the loaded tables, with execution order, timing, cancellation (the cell's stop button
// aborts the query) and errors as cell errors that name the line and column.
import * as vscode from 'vscode';
import { CHART_MIME, isChartKind, NOTICE_MIME, TABLE_MIME, type NoticePayload, type QueryOutputPayload } from '../../protocol/notebook';
import type { TestEvent } from '../../protocol/testEvents';
import { errorReport, runCell, type CellOutcome, type CellRunEnv } from './cellRunner';
import { plainTextTable } from './textTable';

export interface ControllerDeps {
  /** The environment a run uses, read when the cell starts. */
  env(): CellRunEnv;
  /** Called once per batch of cells that ran with no data loaded. */
  onNoData(): void;
  log(message: string): void;
  emit(event: TestEvent): void;
}

const encoder = new TextEncoder();

export function resultOutput(p: QueryOutputPayload): vscode.NotebookCellOutput {
  // Compact JSON, encoded once for both mimes (NotebookCellOutputItem.json would indent it: 100k rows grow by megabytes).
  const bytes = encoder.encode(JSON.stringify(p));
  const items = [new vscode.NotebookCellOutputItem(bytes, TABLE_MIME), vscode.NotebookCellOutputItem.text(plainTextTable(p))];
  // The chart goes first so VS Code shows it; the table stays one click away ("Change Presentation").
  if (isChartKind(p.render?.kind)) items.unshift(new vscode.NotebookCellOutputItem(bytes, CHART_MIME));
  return new vscode.NotebookCellOutput(items, { exoAudit: { totalRows: p.totalRows, elapsedMs: p.elapsedMs, ...(p.block ? { block: p.block } : {}) } });
}

function noticeOutput(message: string): vscode.NotebookCellOutput {
  const notice: NoticePayload = { version: 1, message, action: { label: 'Open Audit Export(s)', message: 'openAuditExports' } };
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.json(notice, NOTICE_MIME), vscode.NotebookCellOutputItem.text(message)]);
}

function outputsOf(text: string, outcome: CellOutcome): { outputs: vscode.NotebookCellOutput[]; success: boolean } {
  switch (outcome.kind) {
    case 'empty': return { outputs: [], success: true };
    case 'cancelled': return { outputs: [new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text('Cancelled.')])], success: false };
    case 'noData': return { outputs: [noticeOutput(outcome.message)], success: false };
    case 'results': {
      const outputs = outcome.results.map(resultOutput);
      if (outcome.errors.length) {
        const report = errorReport(text, outcome.errors);
        const error = Object.assign(new Error(report.message), { name: report.name, stack: report.stack });
        outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error)]));
      }
      return { outputs, success: outcome.errors.length === 0 };
    }
  }
}

export class ExqNotebookController implements vscode.Disposable {
  readonly controller: vscode.NotebookController;
  private readonly order = new WeakMap<vscode.NotebookDocument, number>();

  constructor(id: string, notebookType: string, private readonly deps: ControllerDeps) {
    this.controller = vscode.notebooks.createNotebookController(id, notebookType, 'EXQ (loaded audit data)');
    this.controller.supportedLanguages = ['exq'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs EXQ queries against the audit exports loaded in exo-audit';
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
  }

  private async execute(cells: readonly vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    let noData = false;
    for (const cell of cells) {
      if (cell.kind !== vscode.NotebookCellKind.Code) continue;
      const outcome = await this.runOne(cell, notebook);
      noData ||= outcome?.kind === 'noData';
    }
    if (noData) this.deps.onNoData();
  }

  private async runOne(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<CellOutcome | undefined> {
    const execution = this.controller.createNotebookCellExecution(cell);
    const order = (this.order.get(notebook) ?? 0) + 1;
    this.order.set(notebook, order);
    execution.executionOrder = order;
    execution.start(Date.now());
    const abort = new AbortController();
    const subscription = execution.token.onCancellationRequested(() => abort.abort());
    let outcome: CellOutcome | undefined;
    let success = false;
    try {
      if (execution.token.isCancellationRequested) abort.abort();
      await execution.clearOutput();
      const text = cell.document.getText();
      outcome = abort.signal.aborted ? { kind: 'cancelled' } : await runCell(text, this.deps.env(), abort.signal);
      const built = outputsOf(text, outcome);
      success = built.success;
      await execution.replaceOutput(built.outputs);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.deps.log(`notebook cell ${cell.index + 1} failed: ${error.stack ?? error.message}`);
      await execution.replaceOutput([new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error)])]);
    } finally {
      subscription.dispose();
      execution.end(success, Date.now());
    }
    this.deps.emit({
      event: 'notebookCellExecuted', notebook: notebook.uri.toString(), cell: cell.index, success,
      outcome: outcome?.kind ?? 'failed',
      rows: outcome?.kind === 'results' ? outcome.results.reduce((n, r) => n + r.totalRows, 0) : 0,
    });
    return outcome;
  }

  dispose(): void {
    this.controller.dispose();
  }
}
