import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lex } from '../../../src/core/query';
import { createSyntheticTenant } from '../../../src/core/synth';
import { assignmentIsForApp } from '../../../src/core/tenant/access/rbac';
import { allApps } from '../../../src/core/tenant/access/whoCanRead';
import { fold } from '../../../src/core/tenant/identity';
import { matchMailboxes } from '../../../src/core/tenant/opath/evaluate';

const extensionId = 'exo-audit.exo-audit';

/** Runs a command that opens an untitled editor and resolves with that editor's document. */
async function documentFrom(command: string, ...args: unknown[]): Promise<vscode.TextDocument> {
  const opened = new Promise<vscode.TextDocument>((resolve) => {
    const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.isUntitled) {
        subscription.dispose();
        resolve(editor.document);
      }
    });
  });
  await vscode.commands.executeCommand(command, ...args);
  return opened;
}

describe('tenant commands in the running extension', function () {
  this.timeout(60_000);
  const synth = createSyntheticTenant({ seed: 11, users: 24, days: 3, records: 2500 });
  const model = structuredClone(synth.model);
  const ra = model.roleAssignments.find((r) => r.enabled && r.customResourceScope)!;
  const app = allApps(model).find((a) => assignmentIsForApp(model, ra, a))!;
  const scope = model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope))!;
  const mailbox = matchMailboxes(scope.recipientRestrictionFilter, model).matched[0]!;
  let folder: string;

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    folder = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-tenant-'));
    writeFileSync(path.join(folder, 'tenant.json'), JSON.stringify(model));
    writeFileSync(path.join(folder, 'newer.json'), JSON.stringify({ ...model, schemaVersion: 2 }));
    await vscode.commands.executeCommand('exoAudit.tenant.importSnapshot', vscode.Uri.file(path.join(folder, 'tenant.json')));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('explains an app\'s effective access on a mailbox in a Markdown document', async () => {
    const doc = await documentFrom('exoAudit.tenant.explainAccess', { appId: app.appId, mailbox: mailbox.userPrincipalName });
    assert.equal(doc.languageId, 'markdown');
    const text = doc.getText();
    assert.match(text, /^# Effective access: /);
    assert.ok(text.includes('Exchange RBAC role assignment'), text);
    assert.ok(text.includes('snapshot'), 'names the source of the model');
  });

  it('opens an EXQ query over the app\'s audit records', async () => {
    const doc = await documentFrom('exoAudit.tenant.queryAppActivity', { appId: app.appId });
    const strings = lex(doc.getText()).tokens.filter((t) => t.kind === 'string').map((t) => t.value);
    assert.deepEqual(strings, [app.appId, app.appId]);
    if ((await vscode.languages.getLanguages()).includes('exq')) assert.equal(doc.languageId, 'exq');
  });

  it('copies an item\'s remediation PowerShell to the clipboard', async () => {
    const script = "Remove-ManagementRoleAssignment -Identity 'o''brien' -Confirm:$false";
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('exoAudit.tenant.copyRemediation', { label: 'x', remediation: () => script });
    assert.equal(await vscode.env.clipboard.readText(), script);
  });

  it('generates the mailbox audit script in a PowerShell document', async () => {
    const doc = await documentFrom('exoAudit.tenant.generateAuditScript');
    assert.match(doc.getText(), /^Set-Mailbox -Identity '.+' .*-Audit(Admin|Delegate) @\{Add=/m);
  });

  it('shows an item on the timeline, or says the timeline is not there', async () => {
    await vscode.commands.executeCommand('exoAudit.tenant.showOnTimeline', { appId: app.appId });
  });

  it('refuses a snapshot of another schema version and keeps the loaded model', async () => {
    await vscode.commands.executeCommand('exoAudit.tenant.importSnapshot', vscode.Uri.file(path.join(folder, 'newer.json')));
    const doc = await documentFrom('exoAudit.tenant.explainAccess', { appId: app.appId, mailbox: mailbox.userPrincipalName });
    assert.match(doc.getText(), /^# Effective access: /);
  });
});
