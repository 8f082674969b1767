// Converting between the core notebook data (src/core/notebook) and VS Code's NotebookData.
import * as vscode from 'vscode';
import type { CellData, ExecutionData, JsonObject, NotebookData, OutputData, OutputItemData } from '../../core/notebook';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

const ERROR_MIME = 'application/vnd.code.notebook.error';

function isJsonMime(mime: string): boolean {
  return mime === ERROR_MIME || mime === 'application/json' || mime.endsWith('+json');
}

function isTextMime(mime: string): boolean {
  return mime.startsWith('text/') || mime === 'application/vnd.code.notebook.stdout' || mime === 'application/vnd.code.notebook.stderr';
}

function itemData(item: vscode.NotebookCellOutputItem): OutputItemData {
  if (isJsonMime(item.mime)) {
    try {
      return { mime: item.mime, json: JSON.parse(decoder.decode(item.data)) };
    } catch {
      // not JSON after all: kept as text below
    }
  }
  if (isJsonMime(item.mime) || isTextMime(item.mime)) return { mime: item.mime, text: decoder.decode(item.data) };
  return { mime: item.mime, base64: Buffer.from(item.data).toString('base64') };
}

function vsItem(item: OutputItemData): vscode.NotebookCellOutputItem {
  if ('json' in item) return new vscode.NotebookCellOutputItem(encoder.encode(JSON.stringify(item.json)), item.mime);
  if ('text' in item) return vscode.NotebookCellOutputItem.text(item.text, item.mime);
  return new vscode.NotebookCellOutputItem(Buffer.from(item.base64, 'base64'), item.mime);
}

export function outputsData(outputs: readonly vscode.NotebookCellOutput[]): OutputData[] {
  return outputs.map((o) => {
    const metadata = o.metadata && Object.keys(o.metadata).length ? (o.metadata as JsonObject) : undefined;
    return { items: o.items.map(itemData), ...(metadata ? { metadata } : {}) };
  });
}

function executionData(summary: vscode.NotebookCellExecutionSummary | undefined): ExecutionData | undefined {
  if (!summary) return undefined;
  const e: { order?: number; success?: boolean; startTime?: number; endTime?: number } = {};
  if (summary.executionOrder !== undefined) e.order = summary.executionOrder;
  if (summary.success !== undefined) e.success = summary.success;
  if (summary.timing) {
    e.startTime = summary.timing.startTime;
    e.endTime = summary.timing.endTime;
  }
  return Object.keys(e).length ? e : undefined;
}

/** VS Code's notebook data as core data (for saving). */
export function fromVsNotebook(data: vscode.NotebookData): NotebookData {
  const cells = data.cells.map((c): CellData => {
    const kind = c.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code';
    const metadata = c.metadata && Object.keys(c.metadata).length ? (c.metadata as JsonObject) : undefined;
    const execution = executionData(c.executionSummary);
    const outputs = c.outputs?.length ? outputsData(c.outputs) : undefined;
    return {
      kind, language: kind === 'markdown' ? 'markdown' : c.languageId, source: c.value,
      ...(metadata ? { metadata } : {}), ...(execution ? { execution } : {}), ...(outputs ? { outputs } : {}),
    };
  });
  const metadata = data.metadata && Object.keys(data.metadata).length ? (data.metadata as JsonObject) : undefined;
  return { cells, ...(metadata ? { metadata } : {}) };
}

/** Core data as VS Code's notebook data (for opening). */
export function toVsNotebook(data: NotebookData): vscode.NotebookData {
  const cells = data.cells.map((c) => {
    const kind = c.kind === 'markdown' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code;
    const cell = new vscode.NotebookCellData(kind, c.source, c.kind === 'markdown' ? 'markdown' : c.language);
    if (c.metadata) cell.metadata = { ...c.metadata };
    if (c.outputs?.length) cell.outputs = c.outputs.map((o) => new vscode.NotebookCellOutput(o.items.map(vsItem), o.metadata ? { ...o.metadata } : undefined));
    if (c.execution) {
      const { order, success, startTime, endTime } = c.execution;
      cell.executionSummary = {
        ...(order !== undefined ? { executionOrder: order } : {}),
        ...(success !== undefined ? { success } : {}),
        ...(startTime !== undefined && endTime !== undefined ? { timing: { startTime, endTime } } : {}),
      };
    }
    return cell;
  });
  const nb = new vscode.NotebookData(cells);
  if (data.metadata) nb.metadata = { ...data.metadata };
  return nb;
}

/** An open notebook's cells, outputs and last runs as core data (for the report). */
export function documentData(doc: vscode.NotebookDocument): NotebookData {
  const cells = doc.getCells().map((c): CellData => {
    const kind = c.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code';
    const execution = executionData(c.executionSummary);
    return {
      kind, language: kind === 'markdown' ? 'markdown' : c.document.languageId, source: c.document.getText(),
      ...(execution ? { execution } : {}), ...(c.outputs.length ? { outputs: outputsData(c.outputs) } : {}),
    };
  });
  return { cells };
}
