// Issue 6 §1/§4 in a real VS Code (code-server + chromium), one session: an export with a FullAccess
// grant on a mailbox whose name is HTML and a folder permission on a folder whose path is HTML is
// loaded when the workspace opens (exoAudit.workspace.loadOnOpen); "Show Timeline" opens the webview; the grant is a
// marker in the accessible marker list; its details show the HTML as text, no element is created
// and no handler runs; the keyboard moves between markers; "Reveal record in file" opens the export
// at the record's line and "Open query around it" opens an EXQ editor; after a window reload the
// panel comes back (serializer) with its window and selection (webview state).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DatasetLoader } from '../../src/core/ingest';
import { TimelineModel } from '../../src/core/timeline';
import { packageExtension } from './support/buildExtension';
import { installExtension } from './support/codeServer';
import { Session } from './support/session';
import { ADMIN, FOLDER_GRANT_ID, GRANT_ID, HOSTILE, timelineExportLines } from './support/timelineData';

const EXPORT = 'audit/timeline-e2e.jsonl';

describe('the timeline in a real VS Code (code-server + chromium)', function () {
  let workspace: string;
  let session: Session;
  let view: FrameLocator;
  /** The marker labels the model gives the two grants (what the list must show). */
  let grantLabel: string;
  let folderGrantLabel: string;

  before(async function () {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-timeline-ui-'));
    mkdirSync(path.join(workspace, 'audit'));
    const lines = timelineExportLines();
    writeFileSync(path.join(workspace, ...EXPORT.split('/')), `${lines.join('\n')}\n`);
    // The workspace loads its export when it opens (and again after a reload).
    mkdirSync(path.join(workspace, '.vscode'));
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'exoAudit.workspace.loadOnOpen': ['audit'] }, null, 2));

    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const loader = new DatasetLoader();
    await loader.load({ name: EXPORT, async *open() { yield bytes; } });
    const tables = loader.finish().tables;
    const model = new TimelineModel(tables);
    const ids = tables.AuditLogs.array('Id') as string[];
    const labelOf = (id: string) => {
      const marker = model.index.rowToMarker[0]![ids.indexOf(id)]!;
      assert.ok(marker >= 0, `${id} is a marker`);
      return model.details(marker, 'actor')!.title;
    };
    grantLabel = labelOf(GRANT_ID);
    folderGrantLabel = labelOf(FOLDER_GRANT_ID);
    assert.ok(grantLabel.includes(HOSTILE));

    const vsix = await packageExtension();
    session = await Session.start({
      name: 'timeline',
      workspace,
      prepare: (tools, dirs) => installExtension(tools, dirs, vsix),
    });
    await session.page.goto(session.workbenchUrl(workspace));
    await session.workbench.waitUntilReady();
    await session.events.waitFor('activated');
    view = session.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async function () {
    await session?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.workbench.screenshot(`failed-timeline-${this.currentTest.title}`);
  });

  it('loads the workspace\'s export when it opens', async function () {
    const changed = await session.events.waitFor('datasetChanged', { matches: (e) => /records/.test(e.statusText) });
    assert.match(changed.statusText, /^exo-audit: 62 records/);
  });

  it('opens from the command palette and shows the grant as a marker', async function () {
    const { workbench } = session;
    await workbench.runCommand('exo-audit: Show Timeline');
    await session.page.locator('.tab.active', { hasText: 'exo-audit Timeline' }).waitFor({ state: 'visible' });
    const grant = view.locator('#marker-list button.marker-item[data-kind="delegation"]', { hasText: grantLabel });
    await grant.waitFor({ state: 'visible' });
    assert.equal(await view.locator('#marker-list button.marker-item').count(), 2);
    await view.locator('#range', { hasText: 'lanes 1–3 of 3' }).waitFor({ state: 'visible' });
    const size = await view.locator('#timeline-canvas').boundingBox();
    assert.ok(size && size.width > 300 && size.height > 100, 'the canvas fills the view');
    await workbench.screenshot('timeline-opened');
  });

  it('shows a hostile record\'s HTML as text: no element is created and no handler runs', async function () {
    await view.locator('#marker-list button.marker-item', { hasText: grantLabel }).click();
    const details = view.locator('#details');
    await details.locator('.details-title', { hasText: grantLabel }).waitFor({ state: 'visible' });
    assert.equal(await details.locator('.details-title').textContent(), grantLabel);
    const field = (name: string) => details.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd[1]');
    assert.equal(await field('TargetMailbox').textContent(), HOSTILE);
    assert.equal(await field('AccessRights').textContent(), 'FullAccess');
    assert.equal(await field('UserId').textContent(), ADMIN);
    assert.match((await field('Parameters').textContent())!, /"Identity":"<img src=x onerror=window.__pwned=1>"/);

    await view.locator('#marker-list button.marker-item', { hasText: folderGrantLabel }).click();
    await details.locator('.details-title', { hasText: folderGrantLabel }).waitFor({ state: 'visible' });
    assert.ok((await field('Item').textContent())!.includes(`"Path":"\\\\Inbox\\\\${HOSTILE}"`));

    assert.equal(await view.locator('img').count(), 0, 'no <img> element in the view');
    assert.equal(await view.locator('body').evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    await session.workbench.screenshot('timeline-hostile-details');
  });

  it('moves between markers with the keyboard and shows details with Enter', async function () {
    const canvas = view.locator('#timeline-canvas');
    await canvas.focus();
    await session.page.keyboard.press('Escape');
    await session.page.keyboard.press('Home');
    await view.locator('#announce', { hasText: grantLabel }).waitFor({ state: 'attached' });
    await session.page.keyboard.press('ArrowRight');
    await view.locator('#announce', { hasText: folderGrantLabel }).waitFor({ state: 'attached' });
    await session.page.keyboard.press('ArrowLeft');
    await view.locator('#announce', { hasText: grantLabel }).waitFor({ state: 'attached' });
    await session.page.keyboard.press('Enter');
    await view.locator('#details .details-title', { hasText: grantLabel }).waitFor({ state: 'visible' });
    await view.locator(`#marker-list button.marker-item[aria-current="true"]`, { hasText: grantLabel }).waitFor({ state: 'visible' });
  });

  it('reveals the record in its file at its line', async function () {
    const { page } = session;
    await view.locator('#marker-list button.marker-item', { hasText: folderGrantLabel }).click();
    await view.locator('#details .details-title', { hasText: folderGrantLabel }).waitFor({ state: 'visible' });
    await view.locator('#details button[data-action="revealRecord"]').click();
    await page.locator('.tab.active', { hasText: path.basename(EXPORT) }).waitFor({ state: 'visible' });
    // The folder permission is the export's second line.
    await page.locator('.part.statusbar .statusbar-item', { hasText: /Ln 2, Col 1\b/ }).waitFor({ state: 'visible' });
    await view.locator('#marker-list button.marker-item', { hasText: grantLabel }).click();
    await view.locator('#details .details-title', { hasText: grantLabel }).waitFor({ state: 'visible' });
  });

  it('opens a query around the marker in a new EXQ editor', async function () {
    const { page, workbench } = session;
    await view.locator('#details button[data-action="openQuery"]').click();
    await page.locator('.tab.active', { hasText: /Untitled-\d+/ }).waitFor({ state: 'visible' });
    const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.filter({ hasText: `UserId =~ "${ADMIN}"` }).first().waitFor({ state: 'visible' });
    await lines.filter({ hasText: 'AuditLogs' }).first().waitFor({ state: 'visible' });
    await workbench.screenshot('timeline-query-around-marker');
  });

  it('comes back after a window reload with its window, lanes and selected marker', async function () {
    const { page, workbench, events } = session;
    await view.locator('#marker-list button.marker-item', { hasText: grantLabel }).click();
    await view.locator('#details .details-title', { hasText: grantLabel }).waitFor({ state: 'visible' });
    await view.locator('#zoom-in').click();
    const range = (await view.locator('#range').textContent())!;
    const mark = events.count();
    await workbench.runCommand('Developer: Reload Window');
    await events.waitFor('activated', { after: mark, timeoutMs: 90_000 });
    await workbench.waitUntilReady();
    await events.waitFor('datasetChanged', { after: mark, matches: (e) => /records/.test(e.statusText) });
    await page.locator('.tab', { hasText: 'exo-audit Timeline' }).first().click();
    // The serializer revived the panel; the webview restored its state once the data was back.
    await view.locator('#details .details-title', { hasText: grantLabel }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await view.locator('#range').textContent(), range);
    await view.locator('#marker-list button.marker-item[aria-current="true"]', { hasText: grantLabel }).waitFor({ state: 'visible' });
    await workbench.screenshot('timeline-after-reload');
  });
});
