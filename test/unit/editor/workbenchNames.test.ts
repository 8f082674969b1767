import * as assert from 'node:assert/strict';
import { isAuditExportName, isSearchedFolderName } from '../../../src/extension/workbench/exportFileNames';
import { findingsStatusText } from '../../../src/extension/workbench/findingsStatusText';
import { segmentsInsideWorkspace } from '../../../src/extension/workbench/workspacePaths';

describe('workbench: which files Load Folder loads', () => {
  it('takes export formats (also gzipped) and skips notes, notebooks, hidden files and the tool\'s own outputs', () => {
    for (const name of ['audit.csv', 'AUDIT.JSONL', 'signins.json', 'x.ndjson', 'dump.log', 'export.txt', 'audit.jsonl.gz', 'a.tsv']) {
      assert.ok(isAuditExportName(name), name);
    }
    for (const name of ['README.md', 'hunting.exqnb', 'q.exq', '.hidden.csv', 'labels.json', 'model.json', 'manifest.json', 'suppressions.json', 'archive.zip', 'x.gz']) {
      assert.ok(!isAuditExportName(name), name);
    }
    assert.ok(isSearchedFolderName('logs'));
    for (const name of ['.git', '.vscode', '.exo-audit', 'node_modules']) assert.ok(!isSearchedFolderName(name), name);
  });
});

describe('workbench: paths from workspace settings', () => {
  it('keeps relative paths inside the workspace folder and refuses the rest', () => {
    assert.deepEqual(segmentsInsideWorkspace('logs'), ['logs']);
    assert.deepEqual(segmentsInsideWorkspace('./logs/entra/'), ['logs', 'entra']);
    assert.deepEqual(segmentsInsideWorkspace('logs\\purview'), ['logs', 'purview']);
    assert.deepEqual(segmentsInsideWorkspace('a/../b'), ['b']);
    assert.deepEqual(segmentsInsideWorkspace('.'), []);
    for (const bad of ['', '  ', '/etc', '../x', 'a/../../x', '..', 'C:\\x', 'c:/x', '\\\\server\\share']) {
      assert.equal(segmentsInsideWorkspace(bad), undefined, bad);
    }
  });
});

describe('workbench: findings status text', () => {
  it('counts findings and the high or critical ones', () => {
    assert.equal(findingsStatusText(1, 0), '$(shield) 1 finding');
    assert.equal(findingsStatusText(12, 3), '$(shield) 12 findings (3 high+)');
  });
});
