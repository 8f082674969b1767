import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { DatasetLoader } from '../../../src/core/ingest';
import { lex, runQuery } from '../../../src/core/query';
import { actorOf, actorQuery, exqString, windowAround } from '../../../src/extension/findings/findingQuery';
import { starterQuery } from '../../../src/extension/workbench/starterQuery';
import { syntheticExports } from './syntheticExports';

const HOUR = 3600_000;

async function rowsOfEachBlock(text: string, tables: Record<string, unknown>): Promise<Array<Array<Record<string, unknown>>>> {
  const blocks = text.split('\n\n');
  const out: Array<Array<Record<string, unknown>>> = [];
  for (let block = 0; block < blocks.length; block++) {
    const result = await runQuery(text, { tables } as never, { block });
    assert.ok(result.ok, `block ${block} runs: ${result.diagnostics.map((d) => d.message).join('; ')}`);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    out.push(result.table.objects() as Array<Record<string, unknown>>);
  }
  return out;
}

describe('"Query this actor ±24 h"', function () {
  this.timeout(120_000);

  it('lists only the actor\'s records, within 24 h of the finding, in every table', async () => {
    const { dataset, result } = await syntheticExports();
    const finding = result.findings.find((f) => f.actor.includes('@') && f.start !== null)!;
    assert.ok(finding, 'a finding whose actor is a user');
    const text = actorQuery(finding);
    const [audit, signIns, directory] = await rowsOfEachBlock(text, dataset.tables);
    const actor = actorOf(finding).toLowerCase();
    const window = windowAround(finding)!;
    assert.equal(window.from, finding.start! - 24 * HOUR);
    assert.ok(audit!.length > 0, 'the actor did something in the window');
    for (const row of audit!) {
      assert.ok([row.UserId, row.AppId, row.ClientAppId].some((v) => String(v).toLowerCase() === actor));
      assert.ok((row.Time as number) >= window.from && (row.Time as number) <= window.to);
    }
    for (const row of signIns!) assert.ok([row.UserPrincipalName, row.UserId, row.AppId].some((v) => String(v).toLowerCase() === actor));
    for (const row of directory!) assert.ok([row.InitiatedByUser, row.InitiatedByAppId, row.InitiatedByApp].some((v) => String(v).toLowerCase() === actor));
    // The evidence of the finding that lies in AuditLogs is among the rows.
    const auditIds = new Set(audit!.map((r) => r.Id));
    const evidence = finding.evidence.find((e) => e.table === 'AuditLogs');
    if (evidence) {
      const byActor = evidence.rows.filter((r) => String(dataset.tables.AuditLogs.get('UserId', r)).toLowerCase() === actor);
      for (const r of byActor) assert.ok(auditIds.has(dataset.tables.AuditLogs.get('Id', r)));
    }
  });

  it('keeps a hostile actor name a string literal: the query parses and matches that exact name', async () => {
    const hostile = 'evil"\n| take 0 //\\ \u2028<img src=x onerror=alert(1)>@x.com';
    const record = { CreationTime: '2024-03-05T10:00:00', Id: 'r-1', Operation: 'MailItemsAccessed', RecordType: 50, UserId: hostile };
    const loader = new DatasetLoader();
    await loader.load({ name: 'hostile.jsonl', open: async function* () { yield Buffer.from(`${JSON.stringify(record)}\n`); } });
    const { tables } = loader.finish();
    const finding = { id: 'F-1', title: 'title\nwith // a break', actor: hostile, app: '', grantee: '', start: Date.UTC(2024, 2, 5, 10), end: null } as Pick<Finding, 'id' | 'title' | 'actor' | 'app' | 'grantee' | 'start' | 'end'>;
    const text = actorQuery(finding);
    assert.equal(text.split('\n').filter((l) => l.startsWith('//')).length, 2, 'the header stays two comment lines');
    assert.ok(!text.includes('\u2028'));
    const [audit] = await rowsOfEachBlock(text, tables);
    assert.deepEqual(audit!.map((r) => r.Id), ['r-1']);
  });

  it('escapes string literals so the lexer reads back the same text', () => {
    for (const s of ['plain', 'a"b', "it's", 'back\\slash', 'line\nbreak', 'tab\t', '\u2028\u2029\u0085', 'nul\u0000', '\ud83d\ude00']) {
      const literal = exqString(s);
      assert.ok(!/[\n\r\u2028\u2029\u0085]/.test(literal), JSON.stringify(literal));
      const { tokens, diagnostics } = lex(literal);
      assert.deepEqual(diagnostics, []);
      assert.equal(tokens[0]!.kind, 'string');
      assert.equal(tokens[0]!.value, s);
      assert.equal(tokens[1]!.kind, 'eof');
    }
  });

  it('falls back to the app, then the grantee, when the finding names no actor', () => {
    assert.equal(actorOf({ actor: '', app: 'app-1', grantee: 'g' }), 'app-1');
    assert.equal(actorOf({ actor: '', app: '', grantee: 'g' }), 'g');
    assert.throws(() => actorQuery({ id: 'F', title: 't', actor: '', app: '', grantee: '', start: null, end: null }), /names no actor/);
  });
});

describe('the New Query starter', () => {
  it('runs over the loaded tables and returns rows', async function () {
    this.timeout(120_000);
    const { dataset } = await syntheticExports();
    const text = starterQuery({ from: 0, to: 1 });
    const result = await runQuery(text, { tables: dataset.tables } as never);
    assert.ok(result.ok, result.diagnostics.map((d) => d.message).join('; '));
    assert.ok(result.table.numRows() > 0);
  });
});
