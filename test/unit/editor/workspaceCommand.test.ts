import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadInputs } from '../../../src/cli/loadInputs';
import { main } from '../../../src/cli/main';
import { LABELS_FILE, LOGS_FOLDER, NOTEBOOK_FILE, SNAPSHOT_FILE, writeInvestigationWorkspace } from '../../../src/cli/commands/workspace';
import { parseSnapshot } from '../../../src/connect/snapshot';
import { parseExqnb } from '../../../src/core/notebook';
import { segmentsInsideWorkspace } from '../../../src/extension/workbench/workspacePaths';

describe('exo-audit workspace (the sample investigation workspace)', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-workspace-test-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes logs in three formats that load without rejects or duplicates, a snapshot, the notebook and settings', async () => {
    const out = path.join(dir, 'ws');
    const report = await writeInvestigationWorkspace({ out, seed: 5, users: 16, days: 3 });
    const logs = report.files.filter((f) => f.format);
    assert.equal(new Set(logs.map((f) => f.format)).size, 3);
    assert.deepEqual(logs.flatMap((f) => f.tables).sort(), ['AuditLogs', 'DirectoryAudits', 'SignIns']);

    const dataset = await loadInputs([path.join(out, LOGS_FOLDER)], { quiet: true });
    assert.equal(dataset.ledger.rejected, 0);
    assert.equal(dataset.ledger.duplicates, 0);
    for (const [table, count] of Object.entries(report.counts)) assert.equal(dataset.tables[table as keyof typeof dataset.tables].numRows(), count, table);

    const snapshot = parseSnapshot(readFileSync(path.join(out, SNAPSHOT_FILE), 'utf8'));
    assert.ok(snapshot.model.apps.length > 0 && snapshot.model.mailboxes.length > 0);
    const notebook = parseExqnb(readFileSync(path.join(out, NOTEBOOK_FILE), 'utf8'));
    assert.ok(notebook.cells.filter((c) => c.kind === 'code').length >= 3);
    const labels = JSON.parse(readFileSync(path.join(out, LABELS_FILE), 'utf8')) as { scenarios: unknown[] };
    assert.equal(labels.scenarios.length, report.scenarios);
    assert.ok(report.scenarios > 0);

    const settings = JSON.parse(readFileSync(path.join(out, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['exoAudit.workspace.loadOnOpen'], [LOGS_FOLDER]);
    assert.ok(segmentsInsideWorkspace(LOGS_FOLDER));
    assert.equal(settings['exoAudit.findings.runAfterLoad'], true);
    assert.match(String(settings['exoAudit.findings.timeZone']), /^[+-]\d{2}:\d{2}$/);
    assert.match(readFileSync(path.join(out, 'README.md'), 'utf8'), /Sample investigation/);
  });

  it('leaves loading to the user with --manual, and refuses a non-empty folder without --force', async () => {
    const out = path.join(dir, 'manual');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(['workspace', '--out', out, '--seed', '2', '--users', '16', '--days', '2', '--manual', '--json']);
    } finally {
      process.stdout.write = write;
    }
    assert.equal(code, 0);
    const report = JSON.parse(lines.join('')) as { files: Array<{ path: string }> };
    assert.ok(report.files.some((f) => f.path === NOTEBOOK_FILE));
    const settings = JSON.parse(readFileSync(path.join(out, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(settings['exoAudit.workspace.loadOnOpen'], undefined);
    assert.equal(settings['exoAudit.findings.runAfterLoad'], undefined);

    writeFileSync(path.join(out, 'extra.txt'), 'x');
    await assert.rejects(writeInvestigationWorkspace({ out, users: 16, days: 2 }), /not empty/);
  });
});
