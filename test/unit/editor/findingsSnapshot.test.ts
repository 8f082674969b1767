import * as assert from 'node:assert/strict';
import { FindingsSnapshot } from '../../../src/extension/findings/findingsSnapshot';
import { syntheticExports } from './syntheticExports';

describe('findings snapshot: evidence records located in their export files', function () {
  this.timeout(120_000);

  it('puts every evidence record of every finding on the line of its file that holds the record Id', async () => {
    const { dataset, result, texts } = await syntheticExports();
    assert.ok(result.findings.length > 10, `the synthetic tenant with attacks has findings (got ${result.findings.length})`);
    const snapshot = new FindingsSnapshot(result, dataset, { maxDiagnosticsPerFinding: 3 });
    const lines = new Map([...texts].map(([name, text]) => [name, text.split('\n')]));
    let checked = 0;
    for (const f of result.findings) {
      const locations = snapshot.locations(f.id);
      assert.equal(locations.length, f.evidence.reduce((n, e) => n + e.rows.length, 0), `${f.id}: one location per evidence row`);
      for (const l of locations) {
        const line = lines.get(l.fileName)?.[l.line - 1];
        assert.ok(line !== undefined, `${f.id}: ${l.fileName}:${l.line} exists`);
        if (l.recordId && !l.recordId.startsWith('#')) {
          assert.ok(line.includes(l.recordId), `${f.id}: ${l.fileName}:${l.line} holds record ${l.recordId}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `checked ${checked} evidence lines`);
  });

  it('marks the first N evidence records of each finding for diagnostics and finds marks by line', async () => {
    const { dataset, result } = await syntheticExports();
    const snapshot = new FindingsSnapshot(result, dataset, { maxDiagnosticsPerFinding: 2 });
    const perFinding = new Map<string, number>();
    for (const fileIndex of snapshot.files()) {
      for (const [line, marks] of snapshot.marksIn(fileIndex)) {
        assert.deepEqual(snapshot.marksAt(fileIndex, line), marks);
        for (const m of marks) {
          assert.equal(m.location.line, line);
          if (m.diagnostic) perFinding.set(m.finding.id, (perFinding.get(m.finding.id) ?? 0) + 1);
        }
      }
    }
    for (const f of result.findings) assert.ok((perFinding.get(f.id) ?? 0) <= 2, `${f.id} has at most 2 diagnostics`);
    const many = result.findings.find((f) => f.evidence.reduce((n, e) => n + e.rows.length, 0) > 2);
    assert.ok(many, 'a finding with more than two evidence records');
    assert.equal(perFinding.get(many.id), 2);
  });

  it('groups findings by story: every finding is a story member or unchained, once', async () => {
    const { dataset, result } = await syntheticExports();
    const snapshot = new FindingsSnapshot(result, dataset, { maxDiagnosticsPerFinding: 1 });
    assert.ok(result.stories.length > 0, 'the attacks chain into stories');
    const seen = new Set<string>();
    for (const story of snapshot.stories) {
      for (const m of snapshot.members(story)) {
        assert.equal(snapshot.storyOf(m.id), story);
        seen.add(m.id);
      }
      assert.equal(snapshot.finding(story.id), story);
    }
    for (const f of snapshot.unchained()) {
      assert.equal(snapshot.storyOf(f.id), undefined);
      assert.ok(!seen.has(f.id));
      seen.add(f.id);
    }
    assert.equal(seen.size, result.findings.length);
  });
});
