// Issue 6 §4 in a real VS Code (code-server + chromium), one session: the sample investigation workspace
// from `exo-audit workspace`, its logs loaded by Load Folder with a URI argument, Run Findings filling the
// Findings view and the Problems panel, the hover on a finding's evidence line, and the quick fix that
// opens a query about the finding's actor.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeInvestigationWorkspace } from '../../src/cli/commands/workspace';
import { localInputFile } from '../../src/connect/localFiles';
import { runFindings, type Finding, type FindingsResult } from '../../src/core/findings';
import { DatasetLoader, type Dataset } from '../../src/core/ingest';
import { startLoadFolderSession } from './support/loadFolderSession';
import { Session } from './support/session';

/** The key the session binds to "exoAudit.loadFolder" with the logs folder as its argument. */
const LOAD_LOGS_KEY = 'ctrl+alt+shift+l';
const LOG_FILES = ['logs/purview/audit-purview.csv', 'logs/entra/signins.json', 'logs/entra/directoryAudits.jsonl'];

interface Target {
  readonly finding: Finding;
  readonly file: string;
  readonly line: number;
}

/** A serious finding with an actor whose first evidence record's line holds no other finding's evidence. */
function pickTarget(result: FindingsResult, dataset: Dataset): Target {
  const findingsOnLine = new Map<string, Set<string>>();
  const firstLine = new Map<string, { file: string; line: number }>();
  for (const f of result.findings) {
    for (const e of f.evidence) {
      for (const row of e.rows) {
        const at = dataset.locate(e.table, row);
        const key = `${at.file.name}:${at.line}`;
        findingsOnLine.set(key, (findingsOnLine.get(key) ?? new Set()).add(f.id));
        if (!firstLine.has(f.id)) firstLine.set(f.id, { file: at.file.name, line: at.line });
      }
    }
  }
  for (const f of result.findings) {
    const at = firstLine.get(f.id);
    if (!at || !f.actor || (f.severity !== 'high' && f.severity !== 'critical')) continue;
    if (findingsOnLine.get(`${at.file}:${at.line}`)!.size === 1) return { finding: f, ...at };
  }
  throw new Error('no serious finding with an actor has a line of its own');
}

describe('the investigation workbench in a real VS Code (code-server + chromium)', function () {
  let workspace: string;
  let session: Session;
  let result: FindingsResult;
  let target: Target;

  before(async function () {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-investigation-'));
    await writeInvestigationWorkspace({ out: workspace, seed: 3, users: 16, days: 3, ready: false });
    const loader = new DatasetLoader();
    for (const f of LOG_FILES) await loader.load(localInputFile(path.join(workspace, ...f.split('/')), f, { hash: false }));
    const dataset = loader.finish();
    result = await runFindings(dataset.tables);
    target = pickTarget(result, dataset);

    session = await startLoadFolderSession('workbench-investigation', workspace, LOAD_LOGS_KEY);
  });

  after(async function () {
    await session?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.workbench.screenshot(`failed-investigation-${this.currentTest.title}`);
  });

  it('loads the sample workspace\'s logs with Load Folder given the folder as an argument', async function () {
    const { workbench, events, page } = session;
    const mark = events.count();
    await page.locator('.monaco-workbench').focus();
    await page.keyboard.press('Control+Alt+Shift+L');
    const changed = await events.waitFor('datasetChanged', { after: mark, matches: (e) => /records/.test(e.statusText) });
    assert.match(changed.statusText, /^exo-audit: [\d,]+ records · \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d$/);
    await workbench.statusBarItem(/records/).waitFor({ state: 'visible' });
  });

  it('runs the findings: the Findings view lists the stories and the Problems panel the evidence records', async function () {
    const { workbench, events, page } = session;
    const mark = events.count();
    await workbench.runCommand('exo-audit: Run Findings');
    const changed = await events.waitFor('findingsChanged', { after: mark, matches: (e) => e.findings > 0 });
    assert.equal(changed.findings, result.findings.length);
    assert.equal(changed.stories, result.stories.length);

    await workbench.openViewContainer('exo-audit');
    const rows = workbench.treeRows('Findings');
    await rows.filter({ hasText: result.stories[0]!.title }).first().waitFor({ state: 'visible' });
    await workbench.screenshot('investigation-findings-view');

    const problemsItem = page.locator('.part.statusbar #status\\.problems');
    await problemsItem.click();
    const problemRows = page.locator('.markers-panel .monaco-list-row');
    await problemRows.first().waitFor({ state: 'visible' });
    // The panel lists hundreds of records (virtualised): its filter brings the target finding's rows up.
    await page.locator('.part.panel').getByPlaceholder(/^Filter/).fill(target.finding.title);
    await problemRows.filter({ hasText: `${target.finding.title} (${target.finding.severity}, score ${target.finding.score}` }).first().waitFor({ state: 'visible' });
    await workbench.screenshot('investigation-problems-panel');
    await problemsItem.click();
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  });

  it('shows the finding, its evidence and its score reasons in a hover on the evidence line', async function () {
    const { workbench, page } = session;
    // Quick Open "file:line" puts the cursor at the start of the evidence record's line.
    await page.locator('.monaco-workbench').focus();
    await page.keyboard.press('Control+P');
    const input = workbench.quickInputWidget().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`${target.file}:${target.line}`);
    await workbench.quickInputWidget().locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await input.press('Enter');
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await page.locator('.tab.active', { hasText: path.basename(target.file) }).waitFor({ state: 'visible' });
    await editor.locator('.cursors-layer .cursor').first().waitFor({ state: 'attached' });
    await page.locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`Ln ${target.line}, Col 1\\b`) }).waitFor({ state: 'visible' });

    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    // The problem's own hover part comes first; the finding's part (from the extension's hover provider) follows.
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Why it scored' }).first();
    await hover.waitFor({ state: 'visible' });
    assert.ok((await hover.innerText()).includes(target.finding.title));
    const text = await hover.innerText();
    assert.match(text, new RegExp(`Why it scored ${target.finding.score}`));
    assert.match(text, /base score of the rule/);
    await workbench.screenshot('investigation-hover');
    await page.keyboard.press('Escape');
  });

  it('opens a query about the finding\'s actor from the quick fix', async function () {
    const { workbench, page } = session;
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Query this actor' }).first();
    await fix.waitFor({ state: 'visible' });
    await workbench.screenshot('investigation-quick-fixes');
    await fix.click();
    await page.locator('.tab.active', { hasText: /Untitled-\d+/ }).waitFor({ state: 'visible' });
    const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.filter({ hasText: target.finding.actor }).first().waitFor({ state: 'visible' });
    await lines.filter({ hasText: 'AuditLogs' }).first().waitFor({ state: 'visible' });
    await workbench.screenshot('investigation-actor-query');
  });
});
