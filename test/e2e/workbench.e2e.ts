import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { NO_DATA_STATUS_TEXT } from '../../src/extension/dataset/loadedDataset';
import { createSampleWorkspace } from './support/sampleWorkspace';
import type { Session } from './support/session';
import { startUiSession } from './support/uiSession';

describe('exo-audit in a real VS Code (code-server + chromium)', function () {
  let workspace: string;
  let session: Session;

  before(async function () {
    workspace = createSampleWorkspace();
    session = await startUiSession({ name: 'workbench', workspace });
  });

  after(async function () {
    await session?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.workbench.screenshot(`failed-${this.currentTest.title}`);
    await session?.workbench.closeQuickInput();
  });

  it('activates on startup and registers its commands', function () {
    const activated = session.events.read().find((event) => event.event === 'activated');
    assert.ok(activated && activated.event === 'activated');
    assert.ok(activated.commands.includes('exoAudit.openAuditExports'));
    assert.ok(activated.commands.includes('exoAudit.showLoadLedger'));
  });

  it('shows the exo-audit view container with the empty-state welcome', async function () {
    const { workbench } = session;
    await workbench.activityBarItem('exo-audit').waitFor({ state: 'visible' });
    await workbench.openViewContainer('exo-audit');
    const findings = workbench.viewPane('Findings');
    await findings.getByText('No audit data loaded.').waitFor({ state: 'visible' });
    await findings.getByRole('button', { name: 'Open Audit Export(s)' }).waitFor({ state: 'visible' });
    await workbench.screenshot('workbench-empty-state');
  });

  it('shows the dataset status bar item', async function () {
    await session.workbench.statusBarItem(NO_DATA_STATUS_TEXT).waitFor({ state: 'visible' });
    const changed = await session.events.waitFor('datasetChanged');
    assert.equal(changed.statusText, NO_DATA_STATUS_TEXT);
  });

  it('lists its commands in the command palette (F1)', async function () {
    const { workbench } = session;
    await workbench.openCommandPalette('exo-audit');
    await workbench.paletteEntry('exo-audit: Open Audit Export(s)').waitFor({ state: 'visible' });
    await workbench.paletteEntry('exo-audit: Show Load Ledger').waitFor({ state: 'visible' });
  });

  it('shows the load ledger notice when the status bar item is clicked with no data', async function () {
    const { workbench } = session;
    await workbench.statusBarItem(NO_DATA_STATUS_TEXT).click();
    const toast = workbench.notificationToast('exo-audit: no audit data loaded.');
    await toast.waitFor({ state: 'visible' });
    await toast.getByRole('button', { name: 'Open Audit Export(s)' }).waitFor({ state: 'visible' });
  });

  it('asks for audit export files from "Open Audit Export(s)"', async function () {
    const { workbench } = session;
    await workbench.runCommand('exo-audit: Open Audit Export(s)');
    // VS Code's own file dialog (a quick input) lists the workspace folder, with the command's open label.
    await workbench.quickInputTitle('exo-audit: Open Audit Export(s)').waitFor({ state: 'visible' });
    await workbench.quickInputRow('README.md').waitFor({ state: 'visible' });
    await workbench.quickInputWidget().getByRole('button', { name: 'Open Audit Export(s)' }).waitFor({ state: 'visible' });
    await workbench.screenshot('open-audit-exports-dialog');
  });
});
