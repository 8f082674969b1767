// Findings in the editor, inside the extension host: Load Folder -> Run Findings -> diagnostics on the
// evidence lines of the export files, the hover, the quick fixes, and Mark as expected.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeInvestigationWorkspace, LOGS_FOLDER } from '../../../src/cli/commands/workspace';
import { runFindings, type Finding } from '../../../src/core/findings';
import { DatasetLoader } from '../../../src/core/ingest';
import { localInputFile } from '../../../src/connect/localFiles';
import type { RunFindingsSummary } from '../../../src/extension/findings';

const extensionId = 'exo-audit.exo-audit';
const SOURCE = 'exo-audit';

/** Markdown escapes and entities undone, to compare hover text with plain values. */
function unescapeMarkdown(md: string): string {
  return md.replace(/\\([\\`*_{}[\]()#+\-.!|<>&~"'=:])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

function findingDiagnostics(): Array<[vscode.Uri, vscode.Diagnostic[]]> {
  return vscode.languages.getDiagnostics()
    .map(([uri, ds]): [vscode.Uri, vscode.Diagnostic[]] => [uri, ds.filter((d) => d.source === SOURCE)])
    .filter(([, ds]) => ds.length > 0);
}

function diagnosticKeys(): Set<string> {
  return new Set(findingDiagnostics().flatMap(([uri, ds]) => ds.map((d) => `${uri.toString()}|${d.range.start.line}|${d.message}`)));
}

describe('findings in the editor (extension host)', function () {
  this.timeout(120_000);
  let root: vscode.Uri;
  let investigation: string;
  /** The same findings, computed here with the core over the same files (to name what the editor must show). */
  let expected: Finding[];
  let summary: RunFindingsSummary;

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs in a workspace folder');
    root = folder.uri;
    investigation = path.join(root.fsPath, 'investigation');
    await writeInvestigationWorkspace({ out: investigation, seed: 3, users: 16, days: 3, ready: false });
    const loader = new DatasetLoader();
    for (const f of ['logs/purview/audit-purview.csv', 'logs/entra/signins.json', 'logs/entra/directoryAudits.jsonl']) {
      await loader.load(localInputFile(path.join(investigation, ...f.split('/')), f, { hash: false }));
    }
    expected = [...(await runFindings(loader.finish().tables)).findings];
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(investigation, { recursive: true, force: true });
    rmSync(path.join(root.fsPath, '.exo-audit'), { recursive: true, force: true });
  });

  it('loads a folder given as a URI and runs the findings: one diagnostic source, counts as the core finds', async () => {
    const loaded = await vscode.commands.executeCommand<{ files: number; records: number; rejected: number }>(
      'exoAudit.loadFolder', vscode.Uri.file(path.join(investigation, LOGS_FOLDER)),
    );
    assert.ok(loaded, 'Load Folder resolved with a summary');
    assert.equal(loaded.files, 3);
    assert.equal(loaded.rejected, 0);
    summary = (await vscode.commands.executeCommand<RunFindingsSummary>('exoAudit.runFindings'))!;
    assert.ok(summary, 'Run Findings resolved with a summary');
    assert.equal(summary.findings, expected.length);
    assert.ok(summary.stories > 0);
    assert.ok(summary.diagnostics > 0);
    const total = findingDiagnostics().reduce((n, [, ds]) => n + ds.length, 0);
    assert.equal(total, summary.diagnostics);
  });

  it('puts each diagnostic on the line of its finding\'s evidence record, covering that line once the file is open', async () => {
    const byTitle = new Map<string, Finding[]>();
    for (const f of expected) byTitle.set(f.title, [...(byTitle.get(f.title) ?? []), f]);
    const titlesWithDiagnostics = new Set<string>();
    for (const [uri, diagnostics] of findingDiagnostics()) {
      const document = await vscode.workspace.openTextDocument(uri);
      const refreshed = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
      assert.equal(refreshed.length, diagnostics.length, `${uri.fsPath}: the same diagnostics after opening`);
      for (const d of refreshed) {
        const line = document.lineAt(d.range.start.line);
        assert.deepEqual([d.range.start.character, d.range.end.line, d.range.end.character], [0, line.lineNumber, line.text.length], 'covers the first line');
        const title = [...byTitle.keys()].find((t) => d.message.startsWith(`${t} (`));
        assert.ok(title, `the message names a finding: ${d.message}`);
        titlesWithDiagnostics.add(title);
        const ids = byTitle.get(title)!.flatMap((f) => f.evidence.flatMap((e) => e.ids));
        assert.ok(ids.some((id) => line.text.includes(id)), `${path.basename(uri.fsPath)}:${line.lineNumber + 1} holds an evidence record of "${title}"`);
        const severity = byTitle.get(title)![0]!.severity;
        const want = severity === 'critical' || severity === 'high' ? vscode.DiagnosticSeverity.Error
          : severity === 'medium' ? vscode.DiagnosticSeverity.Warning
            : severity === 'low' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
        assert.equal(d.severity, want, `${title}: ${severity}`);
      }
    }
    assert.deepEqual(expected.filter((f) => !titlesWithDiagnostics.has(f.title)).map((f) => f.title), [], 'every finding has a diagnostic');
  });

  it('hovers an evidence line with the finding, its evidence and why it scored as it did', async () => {
    const [uri, diagnostics] = findingDiagnostics()[0]!;
    const d = diagnostics[0]!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start);
    const text = unescapeMarkdown(hoverText(hovers));
    const title = expected.map((f) => f.title).find((t) => d.message.startsWith(`${t} (`))!;
    assert.ok(text.includes(title), `the hover names "${title}"`);
    assert.match(text, /Why it scored \d+/);
    assert.match(text, /base score of the rule/);
    assert.match(text, /Evidence/);
  });

  it('offers the quick fixes on a diagnostic; "Query this actor ±24 h" opens an EXQ document naming the actor', async () => {
    const [uri, diagnostics] = findingDiagnostics().find(([, ds]) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error))!;
    const d = diagnostics.find((x) => x.severity === vscode.DiagnosticSeverity.Error)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const titles = actions.map((a) => a.title);
    for (const t of ['Query this actor \u00b124 h', 'Show on timeline', 'Mark as expected']) {
      assert.ok(titles.some((x) => x.startsWith(t)), `${t} in ${titles.join(', ')}`);
    }
    const query = actions.find((a) => a.title.startsWith('Query this actor'))!;
    const findingId = (query.command!.arguments![0] as { findingId: string }).findingId;
    const finding = expected.find((f) => f.id === findingId)!;
    assert.ok(finding, `the quick fix names finding ${findingId}`);
    await vscode.commands.executeCommand(query.command!.command, ...query.command!.arguments!);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.isUntitled);
    assert.equal(editor.document.languageId, 'exq');
    const actor = finding.actor || finding.app || finding.grantee;
    assert.ok(editor.document.getText().includes(JSON.stringify(actor)), `the query names ${actor}`);

    if (finding.remediation.length) {
      const copy = actions.find((a) => a.title.startsWith('Copy remediation PowerShell'))!;
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand(copy.command!.command, ...copy.command!.arguments!);
      assert.ok((await vscode.env.clipboard.readText()).includes(finding.remediation[0]!.powershell));
    }
  });

  it('marks a finding as expected: the reason goes to .exo-audit/suppressions.json in the workspace and the re-run is quiet about it', async () => {
    const before = diagnosticKeys();
    const finding = expected.find((f) => f.evidence.length > 0 && expected.filter((g) => g.title === f.title).length === 1)!;
    const reason = 'approved change CHG-42: "test" reason';
    const result = await vscode.commands.executeCommand<{ file: string; suppressions: number; findings: number }>(
      'exoAudit.findings.markExpected', { findingId: finding.id, reason, scope: 'finding' },
    );
    assert.ok(result, 'Mark as expected resolved');
    const file = path.join(root.fsPath, '.exo-audit', 'suppressions.json');
    assert.equal(vscode.Uri.parse(result.file).fsPath, file);
    assert.ok(existsSync(file));
    const content = JSON.parse(readFileSync(file, 'utf8')) as { version: number; suppressions: Array<{ findingId?: string; reason: string }> };
    assert.equal(content.version, 1);
    assert.deepEqual(content.suppressions.map((s) => [s.findingId, s.reason]), [[finding.id, reason]]);
    assert.equal(result.findings, summary.findings - 1);

    const after = diagnosticKeys();
    const removed = [...before].filter((k) => !after.has(k));
    assert.ok(removed.length > 0, 'its diagnostics are gone');
    for (const k of removed) assert.ok(k.split('|')[2]!.startsWith(`${finding.title} (`), `only its diagnostics are gone: ${k}`);
    assert.deepEqual([...after].filter((k) => !before.has(k)), []);

    const again = await vscode.commands.executeCommand<RunFindingsSummary>('exoAudit.runFindings');
    assert.equal(again!.findings, summary.findings - 1);
    assert.equal(again!.suppressed, 1);
  });

  it('refuses to write the suppressions through a .exo-audit link that leads outside the workspace', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-outside-'));
    const link = path.join(root.fsPath, '.exo-audit');
    rmSync(link, { recursive: true, force: true });
    symlinkSync(outside, link, 'dir');
    try {
      const finding = expected.find((f) => f.severity === 'high' || f.severity === 'critical')!;
      const result = await vscode.commands.executeCommand('exoAudit.findings.markExpected', { findingId: finding.id, reason: 'x', scope: 'finding' });
      assert.equal(result, undefined, 'the command failed (and said so)');
      assert.deepEqual(readdirSync(outside), [], 'nothing was written outside the workspace');
    } finally {
      rmSync(link, { force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
