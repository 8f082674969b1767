// Notebooks in the running extension (issue 6 §2): the .exqnb serializer, the EXQ controller with
// data loaded (outputs and their mime types, execution order and timing, errors with line and
// column, cancellation, injection payloads), Findings tables on demand, .exq files as notebooks,
// the hunting notebook and the Markdown report.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { huntingQueries, parseExqnb, serializeExqnb } from '../../../src/core/notebook';
import { createSyntheticTenant } from '../../../src/core/synth';
import { CHART_MIME, EXQ_NOTEBOOK_TYPE, NOTEBOOK_TYPE, TABLE_MIME, type QueryOutputPayload } from '../../../src/protocol/notebook';

const extensionId = 'exo-audit.exo-audit';
const ERROR_MIME = 'application/vnd.code.notebook.error';
const decoder = new TextDecoder();

function item(cell: vscode.NotebookCell, mime: string): vscode.NotebookCellOutputItem | undefined {
  return cell.outputs.flatMap((o) => o.items).find((i) => i.mime === mime);
}

function payloadOf(cell: vscode.NotebookCell, mime = TABLE_MIME): QueryOutputPayload {
  const found = item(cell, mime);
  assert.ok(found, `cell ${cell.index} has a ${mime} output (has ${cell.outputs.flatMap((o) => o.items.map((i) => i.mime)).join(', ')})`);
  return JSON.parse(decoder.decode(found.data)) as QueryOutputPayload;
}

function errorOf(cell: vscode.NotebookCell): { name: string; message: string; stack?: string } {
  const found = item(cell, ERROR_MIME);
  assert.ok(found, `cell ${cell.index} has an error output`);
  return JSON.parse(decoder.decode(found.data)) as { name: string; message: string; stack?: string };
}

/** Resolves when the cell's run has ended (its execution summary gets an end time). */
function ended(doc: vscode.NotebookDocument, index: number): Promise<vscode.NotebookCell> {
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.notebook !== doc) return;
      if (e.cellChanges.some((c) => c.cell.index === index && c.executionSummary?.timing?.endTime !== undefined)) {
        subscription.dispose();
        resolve(doc.cellAt(index));
      }
    });
  });
}

async function execute(doc: vscode.NotebookDocument, index: number): Promise<vscode.NotebookCell> {
  const done = ended(doc, index);
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: doc.uri });
  return done;
}

async function setCell(doc: vscode.NotebookDocument, index: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.cellAt(index).document.uri, new vscode.Range(0, 0, doc.cellAt(index).document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function show(doc: vscode.NotebookDocument, kernel: string): Promise<vscode.NotebookEditor> {
  const editor = await vscode.window.showNotebookDocument(doc);
  await vscode.commands.executeCommand('notebook.selectKernel', { notebookEditor: editor, id: kernel, extension: extensionId });
  return editor;
}

const cells = [
  { kind: 'markdown' as const, language: 'markdown', source: '# Host test notebook' },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs\n| summarize Records = count() by Operation\n| order by Records desc' },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs\n| summarize Records = count() by bin(Time, 1h)\n| render timechart' },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs\n| where Operaton == "x"' },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs | take 1' },
];

describe('notebooks in the running extension', function () {
  this.timeout(120_000);
  let folder: string;
  let file: vscode.Uri;
  let doc: vscode.NotebookDocument;

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    folder = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-notebook-'));
    const synth = createSyntheticTenant({ seed: 7, users: 20, days: 3, records: 3000 });
    const exports: vscode.Uri[] = [];
    for (const format of ['ual-jsonl', 'graph-signins-jsonl', 'graph-directoryaudits-jsonl'] as const) {
      const target = path.join(folder, `${format}.jsonl`);
      writeFileSync(target, [...synth.write(format)].join(''));
      exports.push(vscode.Uri.file(target));
    }
    writeFileSync(path.join(folder, 'case.exqnb'), serializeExqnb({ cells }));
    file = vscode.Uri.file(path.join(folder, 'case.exqnb'));
    await vscode.commands.executeCommand('exoAudit.openAuditExports', exports);
    doc = await vscode.workspace.openNotebookDocument(file);
    await show(doc, 'exo-audit-exq-kernel');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens a .exqnb with the serializer: its cells, kinds and languages', () => {
    assert.equal(doc.notebookType, NOTEBOOK_TYPE);
    assert.deepEqual(doc.getCells().map((c) => [c.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code', c.document.languageId, c.document.getText()]),
      cells.map((c) => [c.kind, c.language, c.source]));
  });

  it('runs a cell against the loaded data: a table output with the rows, in execution order, timed', async () => {
    const first = await execute(doc, 1);
    const second = await execute(doc, 4);
    assert.equal(first.executionSummary?.success, true);
    const order1 = first.executionSummary!.executionOrder!;
    assert.equal(second.executionSummary!.executionOrder, order1 + 1);
    const timing = first.executionSummary!.timing!;
    assert.ok(timing.endTime >= timing.startTime);
    assert.deepEqual(first.outputs[0]!.items.map((i) => i.mime), [TABLE_MIME, 'text/plain']);
    const p = payloadOf(first);
    assert.deepEqual(p.columns.map((c) => [c.name, c.type]), [['Operation', 'string'], ['Records', 'long']]);
    assert.equal(p.rows[0]![0], 'MailItemsAccessed');
    assert.ok((p.rows[0]![1] as number) > 1000);
    assert.equal(p.totalRows, p.rows.length);
    assert.ok(decoder.decode(item(first, 'text/plain')!.data).startsWith('Operation'));
  });

  it('puts a chart first for render timechart, with the table as the other presentation', async () => {
    const cell = await execute(doc, 2);
    assert.deepEqual(cell.outputs[0]!.items.map((i) => i.mime), [CHART_MIME, TABLE_MIME, 'text/plain']);
    const p = payloadOf(cell, CHART_MIME);
    assert.deepEqual(p.render, { kind: 'timechart', props: {} });
    assert.deepEqual(p.columns.map((c) => c.type), ['datetime', 'long']);
  });

  it('shows a query error as a cell error with its line and column', async () => {
    const cell = await execute(doc, 3);
    assert.equal(cell.executionSummary?.success, false);
    const e = errorOf(cell);
    assert.equal(e.name, 'EXQ error');
    assert.match(e.message, /^line 2, column 9: .*Operaton/);
    assert.equal(e.stack, '2 | | where Operaton == "x"\n  |         ^^^^^^^^');
  });

  it('stops a running query when the cell is cancelled', async () => {
    const heavy = 'AuditLogs\n| extend k = 1\n| join kind=inner (AuditLogs | extend k = 1) on k\n| extend s = strcat(UserId, Operation)\n| summarize n = count() by s';
    await setCell(doc, 4, heavy);
    const done = ended(doc, 4);
    const started = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.notebook === doc && e.cellChanges.some((c) => c.cell.index === 4 && c.outputs !== undefined)) {
          subscription.dispose();
          resolve();
        }
      });
    });
    const running = vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 4, end: 5 }], document: doc.uri });
    await started;
    const t0 = Date.now();
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', { ranges: [{ start: 4, end: 5 }], document: doc.uri });
    const cell = await done;
    await running;
    assert.equal(cell.executionSummary?.success, false);
    assert.deepEqual(cell.outputs.flatMap((o) => o.items.map((i) => decoder.decode(i.data))), ['Cancelled.']);
    assert.ok(Date.now() - t0 < 5000, `cancelled after ${Date.now() - t0} ms`);
  });

  it('never runs a query as code: injection payloads come back as values or errors', async () => {
    const marker = '__exo_audit_notebook_pwned__';
    const payloads = [
      `AuditLogs | where UserId == "\\"); globalThis.${marker} = 1; (\\"" | count`,
      `AuditLogs | extend x = "\${globalThis.${marker} = 1}" | project x | take 1`,
      `AuditLogs | project Function("globalThis.${marker} = 1")()`,
      `}); globalThis.${marker} = 1; ({`,
      `AuditLogs | extend ['constructor'] = 1, ['__proto__'] = '<img src=x onerror=alert(1)>' | project ['constructor'], ['__proto__'] | take 1`,
    ];
    const outcomes: string[] = [];
    for (const text of payloads) {
      await setCell(doc, 4, text);
      const cell = await execute(doc, 4);
      outcomes.push(item(cell, TABLE_MIME) ? 'table' : item(cell, ERROR_MIME) ? 'error' : 'other');
    }
    assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
    assert.deepEqual(outcomes, ['table', 'table', 'error', 'error', 'table']);
    const last = payloadOf(doc.cellAt(4));
    assert.deepEqual(last.columns.map((c) => c.name), ['constructor', '__proto__']);
    assert.deepEqual(last.rows, [[1, '<img src=x onerror=alert(1)>']]);
  });

  it('computes the Findings and Stories tables when a cell names them', async () => {
    await setCell(doc, 4, 'Findings\n| summarize Findings = count(), Rules = dcount(RuleId)');
    const cell = await execute(doc, 4);
    assert.equal(cell.executionSummary?.success, true, JSON.stringify(cell.outputs.flatMap((o) => o.items.map((i) => decoder.decode(i.data)))));
    const p = payloadOf(cell);
    assert.ok((p.rows[0]![0] as number) > 0, 'the attacks of the synthetic tenant give findings');
  });

  it('saves the notebook as stable JSON without outputs (exoAudit.notebook.saveOutputs is off)', async () => {
    await setCell(doc, 4, 'AuditLogs | take 1');
    assert.ok(await doc.save());
    const text = readFileSync(file.fsPath, 'utf8');
    assert.equal(text, serializeExqnb({ cells }));
    assert.ok(!text.includes('outputs'));
    assert.equal(parseExqnb(text).cells.length, cells.length);
  });

  it('saves outputs and the last run too when exoAudit.notebook.saveOutputs is on', async () => {
    const settings = vscode.workspace.getConfiguration('exoAudit.notebook');
    await settings.update('saveOutputs', true, vscode.ConfigurationTarget.Global);
    try {
      await execute(doc, 1);
      await setCell(doc, 4, 'AuditLogs | take 2');
      assert.ok(await doc.save());
      const saved = parseExqnb(readFileSync(file.fsPath, 'utf8'));
      const cell = saved.cells[1]!;
      assert.equal(cell.execution?.success, true);
      const table = cell.outputs?.[0]?.items.find((i) => i.mime === TABLE_MIME);
      assert.ok(table && 'json' in table, 'the table output is saved as JSON');
      assert.equal((table.json as unknown as QueryOutputPayload).rows[0]![0], 'MailItemsAccessed');
      assert.equal(saved.cells[4]!.source, 'AuditLogs | take 2');
    } finally {
      await settings.update('saveOutputs', undefined, vscode.ConfigurationTarget.Global);
      await setCell(doc, 4, 'AuditLogs | take 1');
      await doc.save();
    }
    assert.ok(!readFileSync(file.fsPath, 'utf8').includes('"outputs"'), 'outputs are left out again once the setting is off');
  });

  it('exports the notebook with its outputs as a Markdown report', async () => {
    await execute(doc, 1);
    const target = vscode.Uri.file(path.join(folder, 'report.md'));
    const text = await vscode.commands.executeCommand<string>('exoAudit.exportNotebookReport', { notebook: doc.uri, target });
    assert.equal(readFileSync(target.fsPath, 'utf8'), text);
    assert.ok(text.startsWith('# Host test notebook\n'));
    assert.match(text, /```kusto\nAuditLogs\n\| summarize Records = count\(\) by Operation/);
    assert.match(text, /\| Operation \| Records \|\n\| --- \| --- \|\n\| MailItemsAccessed \| \d+ \|/);
    assert.match(text, /> \*\*Error:\*\* EXQ error: line 2, column 9: /);
  });

  it('opens a .exq file as a notebook (one cell per query block) and runs its cells', async () => {
    const exq = path.join(folder, 'queries.exq');
    writeFileSync(exq, '// Operations\n\nAuditLogs | summarize n = count() by Operation\n\nSignIns | count\n');
    const uri = vscode.Uri.file(exq);
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('exoAudit.openAsNotebook', uri);
    const nb = vscode.window.activeNotebookEditor!.notebook;
    assert.equal(nb.notebookType, EXQ_NOTEBOOK_TYPE);
    assert.deepEqual(nb.getCells().map((c) => c.kind), [vscode.NotebookCellKind.Markup, vscode.NotebookCellKind.Code, vscode.NotebookCellKind.Code]);
    await show(nb, 'exo-audit-exq-file-kernel');
    const cell = await execute(nb, 2);
    assert.equal(payloadOf(cell).columns[0]!.name, 'Count');
  });

  it('opens the hunting notebook (New Investigation Notebook) and every query in it runs', async () => {
    const uri = await vscode.commands.executeCommand<string>('exoAudit.newInvestigationNotebook');
    const nb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri)!;
    assert.equal(nb.notebookType, NOTEBOOK_TYPE);
    const code = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.equal(code.length, huntingQueries().length);
    await show(nb, 'exo-audit-exq-kernel');
    const failed: string[] = [];
    for (const c of code) {
      const cell = await execute(nb, c.index);
      if (cell.executionSummary?.success !== true) failed.push(`${c.index}: ${cell.outputs.flatMap((o) => o.items.map((i) => decoder.decode(i.data))).join(' ')}`);
    }
    assert.deepEqual(failed, []);
  });
});
