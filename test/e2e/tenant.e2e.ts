import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createSyntheticTenant } from '../../src/core/synth';
import { assignmentIsForApp } from '../../src/core/tenant/access/rbac';
import { allApps } from '../../src/core/tenant/access/whoCanRead';
import { fold } from '../../src/core/tenant/identity';
import { matchMailboxes } from '../../src/core/tenant/opath/evaluate';
import { createSampleWorkspace } from './support/sampleWorkspace';
import { packageExtension } from './support/buildExtension';
import { installExtension } from './support/codeServer';
import { Session } from './support/session';
import { startUiSession } from './support/uiSession';

const SNAPSHOT = 'tenant-snapshot.json';

describe('exo-audit tenant view in a real VS Code', function () {
  const synth = createSyntheticTenant({ seed: 11, users: 24, days: 3, records: 2500 });
  const model = synth.model;
  const assignment = model.roleAssignments.find((ra) => ra.enabled && ra.customResourceScope)!;
  const scope = model.managementScopes.find((s) => fold(s.name) === fold(assignment.customResourceScope))!;
  const app = allApps(model).find((a) => assignmentIsForApp(model, assignment, a))!;
  const matched = matchMailboxes(scope.recipientRestrictionFilter, model).matched;
  let workspace: string;
  let session: Session;

  before(async function () {
    assert.ok(assignment && scope && app && matched.length > 0, 'the synthetic tenant has an app with a scoped RBAC role assignment');
    workspace = createSampleWorkspace();
    writeFileSync(path.join(workspace, SNAPSHOT), JSON.stringify(model, null, 2));
    session = await startUiSession({ name: 'tenant', workspace });
  });

  after(async function () {
    await session?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.workbench.screenshot(`failed-${this.currentTest.title}`);
    await session?.workbench.closeQuickInput();
  });

  it('offers the ways to load a tenant model in the empty Apps view', async function () {
    const { workbench } = session;
    await workbench.openViewContainer('exo-audit');
    const apps = workbench.viewPane('Apps');
    await apps.getByText('No tenant model loaded.', { exact: false }).waitFor({ state: 'visible' });
    for (const button of ['Rebuild from Audit Log', 'Import Snapshot', 'Connect to Tenant']) {
      await apps.getByRole('button', { name: button }).waitFor({ state: 'visible' });
    }
  });

  it('imports a snapshot through VS Code\'s file dialog and shows the app -> RBAC assignment -> scope -> mailboxes', async function () {
    const { workbench, events } = session;
    const mark = events.count();
    await workbench.runCommand('exo-audit: Import Tenant Snapshot');
    await workbench.quickInputTitle('exo-audit: Import Tenant Snapshot').waitFor({ state: 'visible' });
    // The dialog lists the workspace folder; typing the file's path and Enter picks it, as a user would.
    await workbench.quickInputRow(SNAPSHOT).waitFor({ state: 'visible' });
    const input = workbench.quickInputWidget().locator('input.input');
    await input.fill(path.join(workspace, SNAPSHOT));
    await input.press('Enter');
    const changed = await events.waitFor('tenantChanged', { after: mark });
    assert.equal(changed.apps, model.apps.length);
    assert.equal(changed.mailboxes, model.mailboxes.length);

    await workbench.openViewContainer('exo-audit');
    // Give the Apps view the height: collapse the other expanded panes of the container.
    const findingsHeader = workbench.viewPane('Findings').locator('.pane-header[aria-expanded="true"]');
    if (await findingsHeader.count()) await findingsHeader.click();
    const rows = workbench.treeRows('Apps');
    const appRow = rows.filter({ hasText: app.displayName }).first();
    await appRow.waitFor({ state: 'visible' });
    await appRow.click();
    // Sections, the assignment and the scope open themselves; the scope row names the scope and its filter.
    const assignmentRow = rows.filter({ hasText: assignment.role }).filter({ hasText: `scope ${scope.name}` }).first();
    await assignmentRow.waitFor({ state: 'visible' });
    const scopeRow = rows.filter({ hasText: scope.name }).filter({ hasText: scope.recipientRestrictionFilter }).first();
    await scopeRow.waitFor({ state: 'visible' });
    await rows.filter({ hasText: matched[0]!.userPrincipalName }).first().waitFor({ state: 'visible' });
    await workbench.screenshot('tenant-apps-rbac-scope');
  });
});

describe('exo-audit tenant view in a restricted (untrusted) workspace', function () {
  let workspace: string;
  let session: Session;

  before(async function () {
    workspace = createSampleWorkspace();
    const vsix = await packageExtension();
    session = await Session.start({
      name: 'tenant-restricted',
      workspace,
      workspaceTrust: true,
      prepare: async (tools, dirs) => {
        await installExtension(tools, dirs, vsix);
        // The harness turns trust off for every other test; here it is on, and the folder opens untrusted without a prompt.
        const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
        const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
        writeFileSync(settingsFile, JSON.stringify({ ...settings, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }, null, 2));
      },
    });
    await session.page.goto(session.workbenchUrl(workspace));
    await session.workbench.waitUntilReady();
    await session.events.waitFor('activated');
  });

  after(async function () {
    await session?.dispose();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await session.workbench.screenshot(`failed-restricted-${this.currentTest.title}`);
  });

  it('offers no Connect button and says why; Connect to Tenant refuses with a clear message', async function () {
    const { workbench } = session;
    await workbench.openViewContainer('exo-audit');
    const apps = workbench.viewPane('Apps');
    await apps.getByText('Connecting to a tenant needs a trusted workspace.', { exact: false }).waitFor({ state: 'visible' });
    await apps.getByRole('button', { name: 'Import Snapshot' }).waitFor({ state: 'visible' });
    assert.equal(await apps.getByRole('button', { name: 'Connect to Tenant' }).count(), 0);
    await workbench.runCommand('exo-audit: Connect to Tenant');
    await workbench.notificationToast('exo-audit: Connecting to a tenant needs a trusted workspace.').waitFor({ state: 'visible' });
    await workbench.screenshot('tenant-restricted-connect');
  });
});
