import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'exo-audit.exo-audit';

describe('exo-audit commands in the extension host', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
  });

  it('registers every command the manifest contributes', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.includes('exoAudit.openAuditExports'));
    assert.ok(contributed.includes('exoAudit.showLoadLedger'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], 'contributed commands without a registration');
  });

  it('registers no exoAudit command the manifest does not declare', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const contributed = new Set((extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    const undeclared = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('exoAudit.') && !contributed.has(c));
    // Views register focus/reset commands of their own (exoAudit.findings.focus and the like).
    const viewIds = ((extension.packageJSON.contributes.views ?? {}) as Record<string, Array<{ id: string }>>);
    const viewCommandPrefixes = Object.values(viewIds).flat().map((v) => `${v.id}.`);
    assert.deepEqual(undeclared.filter((c) => !viewCommandPrefixes.some((p) => c.startsWith(p))), []);
  });
});
