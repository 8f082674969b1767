/**
 * The synthetic tenant's labelled attack scenarios are found with evidence that
 * matches the labels, and a 30-day, 500-user benign baseline raises nothing of
 * medium severity or above. The tenant is written in three export formats and
 * loaded with the real loader. The investigator's settings come from the tenant
 * as it stood after its setup: its apps are the known apps, its setup is the
 * baseline, and its head office's offset is the time zone.
 */
import * as assert from 'node:assert/strict';
import { runFindingsSync, severityRank, type FindingsOptions, type FindingsResult } from '../../../src/core/findings';
import { DatasetLoader } from '../../../src/core/ingest';
import { createSyntheticTenant, type SynthOptions, type SyntheticTenant } from '../../../src/core/synth';

function offset(minutes: number): string {
  const m = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

async function investigate(options: SynthOptions): Promise<{ tenant: SyntheticTenant; result: FindingsResult }> {
  const tenant = createSyntheticTenant(options);
  const loader = new DatasetLoader();
  for (const format of ['ual-jsonl', 'graph-signins-jsonl', 'graph-directoryaudits-jsonl'] as const) {
    const source = tenant;
    await loader.load({ name: format, async *open() { for (const chunk of source.write(format)) yield Buffer.from(chunk); } });
  }
  const settings: FindingsOptions = {
    tenant: tenant.initialModel,
    settings: {
      timeZone: offset(tenant.tzOffsetMinutes),
      knownApps: tenant.initialModel.apps.map((a) => a.appId),
      baselineUntil: tenant.setupEnd,
    },
  };
  return { tenant, result: runFindingsSync(loader.finish().tables, settings) };
}

describe('findings on the synthetic tenant', function () {
  this.timeout(1_800_000);

  for (const seed of [1, 7]) {
    it(`finds every labelled scenario with matching evidence (seed ${seed})`, async () => {
      const { tenant, result } = await investigate({ seed, users: 50, days: 14 });
      assert.deepEqual(result.errors, []);
      const labelled = new Set(tenant.labels.scenarios.flatMap((s) => Object.values(s.records).flat()));
      assert.equal(tenant.labels.scenarios.length, 9);
      for (const scenario of tenant.labels.scenarios) {
        const ids = new Set(Object.values(scenario.records).flat());
        const hits = result.findings.filter((f) => f.evidence.some((e) => e.ids.some((id) => ids.has(id))));
        assert.ok(hits.some((f) => severityRank(f.severity) >= severityRank('medium')), `${scenario.id}: found at medium or above`);
        for (const f of hits) {
          const stray = f.evidence.flatMap((e) => e.ids).filter((id) => !labelled.has(id));
          assert.deepEqual(stray, [], `${scenario.id}: ${f.ruleId} "${f.title}" holds only attack records`);
        }
        const covered = new Set(hits.flatMap((f) => f.evidence.flatMap((e) => e.ids)).filter((id) => ids.has(id)));
        assert.ok(covered.size >= 0.9 * ids.size, `${scenario.id}: evidence covers ${covered.size} of ${ids.size} labelled records`);
      }
      const attackStories = result.stories.filter((s) => s.evidence.some((e) => e.ids.some((id) => labelled.has(id))));
      assert.ok(attackStories.some((s) => s.stages.includes('grant') && s.stages.includes('tampering')), 'a story runs from a grant to the tampering');
    });
  }

  it('raises nothing of medium severity or above on a 30-day, 500-user benign baseline', async () => {
    const { tenant, result } = await investigate({ seed: 7, users: 500, days: 30, attacks: false });
    assert.equal(tenant.labels.scenarios.length, 0);
    assert.deepEqual(result.errors, []);
    assert.ok(result.findings.length > 0, 'the rules ran over the baseline');
    const loud = [...result.findings, ...result.stories].filter((f) => severityRank(f.severity) >= severityRank('medium'));
    assert.deepEqual(loud.map((f) => `${f.severity} ${f.ruleId}: ${f.title}`), []);
  });
});
