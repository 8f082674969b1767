import * as assert from 'node:assert/strict';
import { huntingNotebook, huntingQueries, huntingSections } from '../../../src/core/notebook';
import { runFindings, type LoadedTables } from '../../../src/core/findings';
import { listBlocks, parseDocument, runQuery, type QueryResult } from '../../../src/core/query';
import { namesDerivedTables, runCell } from '../../../src/extension/notebook/cellRunner';
import { accepted } from '../query/acceptedQueries';
import { kustoSyntaxErrors } from '../query/support/kustoParser';
import { ATTACKED, BASELINE, syntheticDataset } from './support/syntheticTables';

// Every hunting query is KQL too: the shared compatibility test checks it with the Kusto parser.
for (const q of huntingQueries()) if (!namesDerivedTables(q.query)) accepted(q.query);

async function runAll(options: typeof ATTACKED): Promise<Map<string, QueryResult>> {
  const ds = await syntheticDataset(options);
  const derived = await runFindings(ds.tables as LoadedTables);
  const tables = { ...ds.tables, ...derived.tables };
  const out = new Map<string, QueryResult>();
  for (const q of huntingQueries()) out.set(q.id, await runQuery(q.query, { tables }));
  return out;
}

describe('notebook: the built-in hunting notebook', function () {
  this.timeout(120_000);
  let attacked: Map<string, QueryResult>;
  let baseline: Map<string, QueryResult>;

  before(async () => {
    attacked = await runAll(ATTACKED);
    baseline = await runAll(BASELINE);
  });

  it('covers seed 003 procedures A-E, delegation review, non-owner access, ActiveSync by location and app access', () => {
    const titles = huntingSections.map((s) => s.title).join('\n');
    for (const p of ['A', 'B', 'C', 'D', 'E']) assert.match(titles, new RegExp(`TRR0019\\.EXO\\.${p}`));
    for (const words of [/Delegation review/, /Non-owner/, /ActiveSync/, /both permission systems/]) assert.match(titles, words);
    const ids = huntingQueries().map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length, 'query ids are unique');
  });

  it('is a notebook of Markdown and EXQ cells, one query per cell', () => {
    const nb = huntingNotebook();
    const code = nb.cells.filter((c) => c.kind === 'code');
    assert.equal(code.length, huntingQueries().length);
    assert.ok(code.every((c) => c.language === 'exq' && listBlocks(parseDocument(c.source)).length === 1));
    assert.ok(nb.cells.filter((c) => c.kind === 'markdown').length > huntingSections.length);
  });

  it('every query runs on the attacked tenant with no error or warning', () => {
    for (const q of huntingQueries()) {
      const r = attacked.get(q.id)!;
      assert.ok(r.ok, `${q.id}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      assert.deepEqual(r.diagnostics.map((d) => `${q.id}: ${d.message}`), []);
    }
  });

  it('every detection returns rows on the attacked tenant', () => {
    const empty = huntingQueries().filter((q) => q.findsAttack && attacked.get(q.id)!.table.numRows() === 0).map((q) => q.id);
    assert.deepEqual(empty, []);
  });

  it('the detections specific to an attack return nothing on the same tenant without attacks', () => {
    for (const id of ['new-country-sign-ins', 'mail-read-from-new-places', 'ediscovery-chain', 'ediscovery-by-actor', 'bulk-access-hours', 'throttled-mailboxes-per-hour']) {
      assert.ok(attacked.get(id)!.table.numRows() > 0, id);
      assert.equal(baseline.get(id)!.table.numRows(), 0, `${id} on the baseline`);
    }
  });

  it('the delegation review puts the attacker\'s grant (all four signals) first', () => {
    const top = attacked.get('suspicious-grants')!.table.object(0) as Record<string, unknown>;
    assert.equal(top.Signals, 4);
    assert.deepEqual([top.External, top.RecentlyCreated, top.HiddenFromOutlook, top.OffHours], [true, true, true, true]);
    const baselineMax = Math.max(0, ...(baseline.get('suspicious-grants')!.table.array('Signals') as number[]));
    assert.ok(baselineMax < 3, `baseline grants score ${baselineMax}`);
  });

  it('renders the charts and the timeline the sections ask for', () => {
    assert.equal(attacked.get('activesync-by-location-chart')!.render?.kind, 'columnchart');
    assert.deepEqual(attacked.get('activesync-by-location-chart')!.columns.map((c) => c.name), ['Country', 'City', 'UserPrincipalName', 'SignIns']);
    assert.equal(attacked.get('throttled-mailboxes-per-hour')!.render?.kind, 'timechart');
    assert.equal(attacked.get('ediscovery-chain')!.render?.kind, 'timeline');
    assert.equal(attacked.get('non-owner-per-mailbox')!.render?.kind, 'barchart');
  });

  it('app access joins Entra ID grants and Exchange RBAC roles per app', () => {
    const systems = (attacked.get('app-grants-both-systems')!.table.array('Systems') as string[][]).flat();
    assert.ok(systems.includes('Entra ID') && systems.includes('Exchange RBAC'), systems.join());
  });

  it('every query parses in the official Kusto parser', () => {
    const failures = huntingQueries().flatMap((q) => kustoSyntaxErrors(q.query).map((e) => `${q.id}: ${e}`));
    assert.deepEqual(failures, []);
  });

  it('the Findings and Stories cells run through the cell runner, which computes them on demand', async () => {
    const ds = await syntheticDataset(ATTACKED);
    let computed = 0;
    const env = {
      tables: ds.tables,
      derived: async () => { computed++; return (await runFindings(ds.tables as LoadedTables)).tables; },
    };
    for (const q of huntingQueries().filter((x) => namesDerivedTables(x.query))) {
      const outcome = await runCell(q.query, env, new AbortController().signal);
      assert.equal(outcome.kind, 'results');
      if (outcome.kind === 'results') {
        assert.deepEqual(outcome.errors, []);
        assert.ok(outcome.results[0]!.totalRows > 0, q.id);
      }
    }
    assert.equal(computed, 2);
    const plain = await runCell(huntingQueries()[0]!.query, env, new AbortController().signal);
    assert.equal(plain.kind, 'results');
    assert.equal(computed, 2, 'a cell that does not name them does not compute them');
  });
});
