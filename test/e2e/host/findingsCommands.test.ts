// The everyday commands of the workbench (issue 6 §3): contributed, registered, and shown in the palette.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'exo-audit.exo-audit';

interface Manifest {
  readonly contributes: {
    readonly commands: ReadonlyArray<{ command: string; title: string; category?: string }>;
    readonly menus?: { readonly commandPalette?: ReadonlyArray<{ command: string; when?: string }> };
    readonly walkthroughs?: ReadonlyArray<{ id: string; steps: ReadonlyArray<{ id: string; description: string; media: { markdown?: string } }> }>;
  };
}

const everyday: ReadonlyArray<[string, string]> = [
  ['exoAudit.openAuditExports', 'Open Audit Export(s)'],
  ['exoAudit.loadFolder', 'Load Folder'],
  ['exoAudit.showTimeline', 'Show Timeline'],
  ['exoAudit.newQuery', 'New Query'],
  ['exoAudit.newInvestigationNotebook', 'New Investigation Notebook'],
  ['exoAudit.runFindings', 'Run Findings'],
];

/** Commands of other features (the timeline, the notebooks) that the walkthrough and this list name. */
const ownedElsewhere = new Map([
  ['exoAudit.showTimeline', 'the timeline feature'],
  ['exoAudit.newInvestigationNotebook', 'the notebook feature'],
]);

describe('workbench commands (extension host)', () => {
  let manifest: Manifest;

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    manifest = extension.packageJSON as Manifest;
  });

  for (const [command, title] of everyday) {
    it(`contributes and registers "exo-audit: ${title}", shown in the command palette`, async function () {
      const contributed = manifest.contributes.commands.find((c) => c.command === command);
      if (!contributed && ownedElsewhere.has(command)) {
        // Built by another feature of issue 6 at the same time; the check runs once its manifest entry exists.
        console.log(`skipped: ${command} is not contributed yet (${ownedElsewhere.get(command)})`);
        this.skip();
      }
      assert.ok(contributed, `${command} is contributed`);
      assert.equal(`${contributed.category}: ${contributed.title}`, `exo-audit: ${title}`);
      assert.ok((await vscode.commands.getCommands(true)).includes(command), `${command} is registered`);
      const hidden = (manifest.contributes.menus?.commandPalette ?? []).find((m) => m.command === command && m.when === 'false');
      assert.equal(hidden, undefined, `${command} is not hidden from the palette`);
    });
  }

  it('opens a new query: an untitled EXQ document with a starter query', async () => {
    await vscode.commands.executeCommand('exoAudit.newQuery');
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.isUntitled);
    assert.equal(editor.document.languageId, 'exq');
    assert.match(editor.document.getText(), /^AuditLogs$/m);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('has a walkthrough from opening data to reading the story, every step with its Markdown', async () => {
    const walkthrough = manifest.contributes.walkthroughs?.find((w) => w.id === 'exoAudit.investigate');
    assert.ok(walkthrough);
    assert.equal(walkthrough.steps[0]!.id, 'openData');
    assert.equal(walkthrough.steps[walkthrough.steps.length - 1]!.id, 'readStory');
    const extension = vscode.extensions.getExtension(extensionId)!;
    for (const step of walkthrough.steps) {
      const markdown = step.media.markdown;
      assert.ok(markdown, `${step.id} has Markdown media`);
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, markdown));
      assert.ok(bytes.length > 100, `${markdown} has content`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
        if (ownedElsewhere.has(command) && !manifest.contributes.commands.some((c) => c.command === command)) continue;
        assert.ok(manifest.contributes.commands.some((c) => c.command === command) || command === 'exoAudit.findings.focus', `${step.id} links a contributed command (${command})`);
      }
    }
  });

  it('shows no dialog when Load Folder names a folder without export files, and says so', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const empty = vscode.Uri.joinPath(folder, 'no-exports-here');
    await vscode.workspace.fs.createDirectory(empty);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(empty, 'notes.md'), new TextEncoder().encode('# notes\n'));
    try {
      // The command reports the failure itself (error message, output, test event) and resolves.
      assert.equal(await vscode.commands.executeCommand('exoAudit.loadFolder', empty), undefined);
    } finally {
      await vscode.workspace.fs.delete(empty, { recursive: true });
    }
  });
});
