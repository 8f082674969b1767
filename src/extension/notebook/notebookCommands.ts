// The notebook commands: New Investigation Notebook, Export Notebook as Markdown Report, Open as Notebook.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { huntingNotebook, notebookReport } from '../../core/notebook';
import { EXQ_NOTEBOOK_TYPE, NOTEBOOK_TYPE } from '../../protocol/notebook';
import type { Ctx } from '../ctx';
import { datasetStatusText } from '../dataset/loadedDataset';
import { documentData, toVsNotebook } from './notebookData';
import { reportCells, reportTitle } from './reportCells';

/** Opens the built-in hunting notebook as a new untitled notebook; resolves with its URI. */
export function newInvestigationNotebook() {
  return async (): Promise<string> => {
    const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, toVsNotebook(huntingNotebook()));
    await vscode.window.showNotebookDocument(doc);
    return doc.uri.toString();
  };
}

function isExqNotebook(doc: vscode.NotebookDocument): boolean {
  return doc.notebookType === NOTEBOOK_TYPE || doc.notebookType === EXQ_NOTEBOOK_TYPE;
}

function notebookFrom(arg: unknown): vscode.NotebookDocument | undefined {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'object' && arg !== null && (arg as { notebook?: unknown }).notebook instanceof vscode.Uri ? (arg as { notebook: vscode.Uri }).notebook : undefined;
  if (uri) return vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri.toString());
  const active = vscode.window.activeNotebookEditor?.notebook;
  return active && isExqNotebook(active) ? active : undefined;
}

function targetFrom(arg: unknown): vscode.Uri | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const target = (arg as { target?: unknown }).target;
  return target instanceof vscode.Uri ? target : undefined;
}

function insideWorkspace(uri: vscode.Uri): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((f) => {
    const rel = path.relative(f.uri.fsPath, uri.fsPath);
    return uri.scheme === f.uri.scheme && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/**
 * Writes the notebook (the active one, or `{ notebook: Uri }`) with its outputs as a Markdown
 * report: into an untitled Markdown editor, or into `{ target: Uri }` (inside the workspace unless
 * the workspace is trusted). Resolves with the report text.
 */
export function exportNotebookReport(ctx: Ctx) {
  return async (arg?: unknown): Promise<string> => {
    const doc = notebookFrom(arg);
    if (!doc) throw new Error('open an exo-audit notebook (.exqnb) first, then export it');
    const data = documentData(doc);
    const name = path.basename(doc.uri.path);
    const text = notebookReport({
      title: reportTitle(data, name),
      facts: [
        `Notebook: ${doc.isUntitled ? name : vscode.workspace.asRelativePath(doc.uri, false)}`,
        `Data: ${datasetStatusText(ctx.dataset.current).replace(/^exo-audit: /, '')}`,
        ...(ctx.dataset.current ? [`Sources: ${ctx.dataset.current.sources.map((s) => vscode.workspace.asRelativePath(vscode.Uri.parse(s), false)).join(', ')}`] : []),
        `Exported: ${new Date().toISOString()}`,
      ],
      cells: reportCells(data),
    });
    const target = targetFrom(arg);
    if (target) {
      if (!vscode.workspace.isTrusted && !insideWorkspace(target)) throw new Error('in a restricted workspace the report can only be written inside the workspace');
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      ctx.output.info(`notebook report written to ${target.toString()}`);
    } else {
      const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await vscode.window.showTextDocument(report, { preview: false });
    }
    return text;
  };
}

/** Reopens a .exq file (the argument, or the active editor's) as a notebook, one cell per query block. */
export function openAsNotebook() {
  return async (arg?: unknown): Promise<void> => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !uri.path.toLowerCase().endsWith('.exq')) throw new Error('Open as Notebook works on .exq query files');
    await vscode.commands.executeCommand('vscode.openWith', uri, EXQ_NOTEBOOK_TYPE);
  };
}
