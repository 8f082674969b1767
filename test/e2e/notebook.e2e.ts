// Issue 6 §2/§4 in a real VS Code (code-server + chromium), one session: a notebook opened from the
// sample investigation workspace; before any data its cells say so (with the button to open
// exports); after Load Folder they run and their outputs render in the notebook's output frame: a
// virtualised, sortable table (copy goes through the extension), a hostile value shown as text, a
// chart drawn as SVG, and the timeline hand-off of `render timeline`.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { writeInvestigationWorkspace } from '../../src/cli/commands/workspace';
import { serializeExqnb } from '../../src/core/notebook';
import { startLoadFolderSession } from './support/loadFolderSession';
import { Session } from './support/session';

const LOAD_LOGS_KEY = 'ctrl+alt+shift+n';
const NOTEBOOK = 'ui-check.exqnb';
const HOSTILE = '<img src=x onerror=alert(1)>';

const cells = [
  { kind: 'markdown' as const, language: 'markdown', source: '# UI check' },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs\n| project Time, Id, Operation, UserId, MailboxOwnerUPN\n| order by Time asc' },
  { kind: 'code' as const, language: 'exq', source: `AuditLogs\n| summarize Records = count() by Operation\n| extend Note = '${HOSTILE}'\n| order by Records desc` },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs\n| summarize Records = count() by Operation\n| top 8 by Records\n| render columnchart' },
  { kind: 'code' as const, language: 'exq', source: 'AuditLogs\n| where Operation == "Add-MailboxPermission"\n| project Time, Id, UserId, TargetMailbox, Grantee\n| render timeline' },
  { kind: 'code' as const, language: 'exq', source: '// 400 x 250 = 100,000 rows\nAuditLogs\n| take 400\n| extend k = 1\n| join kind=inner (AuditLogs | take 250 | extend k = 1) on k\n| project Time, Id, Operation, Id1' },
];
const CODE_CELLS = cells.filter((c) => c.kind === 'code').length;

describe('notebooks in a real VS Code (code-server + chromium)', function () {
  let workspace: string;
  let session: Session;
  /** The document inside the notebook's output webview. */
  let outputs: FrameLocator;

  before(async function () {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-notebook-ui-'));
    await writeInvestigationWorkspace({ out: workspace, seed: 5, users: 16, days: 3, ready: false });
    writeFileSync(path.join(workspace, NOTEBOOK), serializeExqnb({ cells }));
    session = await startLoadFolderSession('notebook', workspace, LOAD_LOGS_KEY);
    outputs = session.page.frameLocator('.notebook-editor iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async function () {
    await session?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.workbench.screenshot(`failed-notebook-${this.currentTest.title}`);
  });

  /** The table output whose header has this column (outputs are not in cell order in the output frame). */
  function tableWith(column: string) {
    return outputs.locator('.exo-audit-table', { has: outputs.locator('.exo-header .exo-cell', { hasText: new RegExp(`^${column}$`) }) });
  }

  // Clicks inside outputs are dispatched to the element: the output webview is laid over the cell list
  // and moved by VS Code as the list scrolls, so pointer hit-testing there races with that layout.

  /** Focuses cell `index` from the keyboard (command mode, Ctrl+Home then Down), which scrolls it and its output into view. */
  async function revealCell(index: number): Promise<void> {
    const { page } = session;
    await page.locator('.tab.active', { hasText: NOTEBOOK }).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    const lastLine = cells[index]!.source.split('\n').pop()!.replace(/^\| /, '');
    await page.locator('.notebook-editor .monaco-list-row.focused', { hasText: lastLine }).waitFor({ state: 'visible' });
  }

  /** Runs every cell (the notebook toolbar's Run All) and resolves with their run events. */
  async function runAll() {
    const { events, page } = session;
    const mark = events.count();
    await page.locator('.notebook-editor .notebook-toolbar-container .action-item', { hasText: /^Run All$/ }).click();
    const seen = new Set<number>();
    const runs = [];
    while (seen.size < CODE_CELLS) {
      const run = await events.waitFor('notebookCellExecuted', { after: mark, matches: (e) => !seen.has(e.cell), timeoutMs: 90_000 });
      seen.add(run.cell);
      runs.push(run);
    }
    return runs;
  }

  it('opens the .exqnb as an exo-audit notebook; with no data its cells say so and offer to open exports', async function () {
    const { page } = session;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: NOTEBOOK }).click();
    await page.locator('.notebook-editor .cell-list-container').first().waitFor({ state: 'visible' });
    const runs = await runAll();
    assert.deepEqual(runs.map((r) => r.outcome), Array(CODE_CELLS).fill('noData'));
    const notice = outputs.locator('.exo-audit-notice').first();
    await notice.waitFor({ state: 'visible' });
    assert.match(await notice.innerText(), /No audit data is loaded/);
    await notice.getByRole('button', { name: 'Open Audit Export(s)' }).waitFor({ state: 'visible' });
  });

  it('runs the cells after Load Folder and renders a virtualised table of the rows', async function () {
    const { workbench, events, page } = session;
    const mark = events.count();
    // Keys go to the workbench once its notebook tab has focus (not to an output webview).
    await page.locator('.tab.active', { hasText: NOTEBOOK }).click();
    await page.keyboard.press('Control+Alt+Shift+N');
    await events.waitFor('datasetChanged', { after: mark, matches: (e) => /records/.test(e.statusText) });
    const runs = await runAll();
    assert.deepEqual(runs.map((r) => [r.outcome, r.success]), Array(CODE_CELLS).fill(['results', true]));
    const total = runs.find((r) => r.cell === 1)!.rows;
    assert.ok(total > 1000, `${total} rows`);

    const table = tableWith('MailboxOwnerUPN');
    await table.waitFor({ state: 'visible' });
    assert.match(await table.locator('.exo-summary').innerText(), new RegExp(`^${total.toLocaleString('en-US')} rows`));
    const header = table.locator('.exo-header .exo-cell');
    assert.deepEqual(await header.allInnerTexts(), ['Time', 'Id', 'Operation', 'UserId', 'MailboxOwnerUPN']);
    const rows = table.locator('.exo-rows .exo-row');
    await rows.first().waitFor({ state: 'visible' });
    assert.match(await rows.first().locator('.exo-cell').first().innerText(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const drawn = await rows.count();
    assert.ok(drawn > 5 && drawn < 80, `${drawn} rows in the DOM for ${total}`);
    await workbench.screenshot('notebook-table');

    // Scrolled to the end, the last row is drawn (and still only a window of rows exists).
    await table.locator('.exo-viewport').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await table.locator(`.exo-row[aria-rowindex="${total + 1}"]`).waitFor({ state: 'visible' });
    assert.ok((await rows.count()) < 80);
  });

  it('sorts by a column and copies the rows through the extension', async function () {
    const { events } = session;
    const table = tableWith('MailboxOwnerUPN');
    const operation = table.locator('.exo-header .exo-cell').nth(2);
    await operation.locator('button').dispatchEvent('click');
    await table.locator('.exo-header .exo-cell[aria-sort="ascending"]').waitFor({ state: 'visible' });
    const firstOp = await table.locator('.exo-rows .exo-row').first().locator('.exo-cell').nth(2).innerText();
    await operation.locator('button').dispatchEvent('click');
    await table.locator('.exo-header .exo-cell[aria-sort="descending"]').waitFor({ state: 'visible' });
    const lastOp = await table.locator('.exo-rows .exo-row').first().locator('.exo-cell').nth(2).innerText();
    assert.ok(firstOp < lastOp, `${firstOp} < ${lastOp}`);

    const mark = events.count();
    await table.getByRole('button', { name: 'Copy CSV' }).dispatchEvent('click');
    const copied = await events.waitFor('notebookRendererAction', { after: mark, matches: (e) => e.action === 'copy' });
    assert.match(copied.detail, /^csv:\d+$/);
    await table.locator('.exo-status', { hasText: /^Copied [\d,]+ rows as CSV\.$/ }).waitFor({ state: 'visible' });
  });

  it('renders 100,000 rows as a window of rows, and sorts them', async function () {
    await revealCell(5);
    const table = tableWith('Id1');
    const t0 = Date.now();
    await table.locator('.exo-rows .exo-row').first().waitFor({ state: 'visible' });
    assert.match(await table.locator('.exo-summary').innerText(), /^100,000 rows · /);
    const drawn = await table.locator('.exo-rows .exo-row').count();
    assert.ok(drawn < 80, `${drawn} rows in the DOM`);
    const sortStart = Date.now();
    await table.locator('.exo-header .exo-cell').nth(3).locator('button').dispatchEvent('click');
    await table.locator('.exo-header .exo-cell[aria-sort="ascending"]').waitFor({ state: 'visible' });
    const sortMs = Date.now() - sortStart;
    await table.locator('.exo-viewport').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await table.locator('.exo-row[aria-rowindex="100001"]').waitFor({ state: 'visible' });
    console.log(`      100,000-row table: drawn ${sortStart - t0} ms after its cell came into view, sorted in ${sortMs} ms`);
    await session.workbench.screenshot('notebook-100k');
  });

  it('shows a hostile value as text, and draws the chart as SVG', async function () {
    const { workbench } = session;
    const hostile = tableWith('Note');
    await hostile.locator('.exo-cell', { hasText: HOSTILE }).first().waitFor({ state: 'visible' });
    assert.equal(await hostile.locator('img').count(), 0);
    // The notebook draws the outputs of the cells in view: bring the chart's cell up.
    await revealCell(3);
    const chart = outputs.locator('.exo-audit-chart svg');
    await chart.waitFor({ state: 'visible' });
    assert.equal(await chart.locator('rect').count(), 8);
    await chart.scrollIntoViewIfNeeded();
    await workbench.screenshot('notebook-chart');
  });

  it('hands `render timeline` rows to the timeline', async function () {
    const { events } = session;
    await revealCell(4);
    const timelineTable = outputs.locator('.exo-audit-table', { has: outputs.getByRole('button', { name: 'Open in Timeline' }) });
    await timelineTable.waitFor({ state: 'visible' });
    const shown = await timelineTable.locator('.exo-summary').innerText();
    const mark = events.count();
    await timelineTable.getByRole('button', { name: 'Open in Timeline' }).dispatchEvent('click');
    const opened = await events.waitFor('notebookRendererAction', { after: mark, matches: (e) => e.action === 'openTimeline' });
    assert.equal(`${Number(opened.detail).toLocaleString('en-US')} rows`, shown.split(' · ')[0]);
    await timelineTable.locator('.exo-status', { hasText: /^(Opened [\d,]+ records on the timeline\.|The timeline is not available\.)$/ }).waitFor({ state: 'visible' });
  });
});
