import * as assert from 'node:assert/strict';
import {
  allRules, derivedTables, findingsTableDef, runFindings, runFindingsSync, storiesTableDef, type Rule,
} from '../../../src/core/findings';
import { DatasetLoader } from '../../../src/core/ingest';
import { catalogueSchema, extendSchema, runQuery } from '../../../src/core/query';
import { createSyntheticTenant } from '../../../src/core/synth';
import { kustoSyntaxErrors } from '../query/support/kustoParser';
import { at, mailAccess, tables } from './support/tables';

function sample() {
  const t0 = at('2024-03-05T22:00:00');
  return tables({
    AuditLogs: [
      { Id: 'grant', Time: t0, Operation: 'Add-MailboxPermission', UserId: 'admin2@contoso.com', TargetMailbox: 'cfo@contoso.com', Grantee: 'eve@contoso.com', AccessRights: 'FullAccess', Automapping: false },
      ...mailAccess(60, t0 + 1800_000, 20_000, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated', ItemCount: 12 }),
      { Id: 'tamper', Time: t0 + 3 * 3600_000, Operation: 'Set-Mailbox', UserId: 'admin2@contoso.com', Parameters: { Identity: 'cfo@contoso.com', AuditEnabled: 'False' } },
    ],
  });
}

describe('findings engine', () => {
  it('gives every rule an id, metadata and input queries that are valid KQL', () => {
    assert.equal(new Set(allRules.map((r) => r.id)).size, allRules.length);
    for (const rule of allRules) {
      assert.ok(rule.title && rule.description && rule.techniques.length && rule.references.length, rule.id);
      for (const [name, input] of Object.entries(rule.inputs)) {
        assert.deepEqual(kustoSyntaxErrors(input.query), [], `${rule.id}/${name} must parse as KQL`);
        assert.ok(input.query.startsWith(input.table), `${rule.id}/${name} reads ${input.table}`);
      }
    }
  });

  it('builds the Findings and Stories tables with exactly the declared columns', () => {
    const res = runFindingsSync(sample());
    assert.deepEqual(res.tables.Findings.columnNames(), findingsTableDef.columns.map((c) => c.name));
    assert.deepEqual(res.tables.Stories.columnNames(), storiesTableDef.columns.map((c) => c.name));
    assert.equal(res.tables.Findings.numRows(), res.findings.length);
    assert.equal(res.tables.Stories.numRows(), 1);
    const start = res.tables.Findings.column('StartTime') as unknown;
    assert.ok(start instanceof Float64Array, 'times are epoch-ms numbers');
    const row = res.tables.Findings.objects().find((o) => (o as { RuleId: string }).RuleId === 'delegation-granted') as Record<string, unknown>;
    assert.deepEqual(row.EvidenceIds, ['grant']);
    assert.equal(row.Score, 60);
    assert.equal(row.Severity, 'medium');
    assert.equal(row.SeverityRank, 2);
    assert.match(row.Remediation as string, /^# Remove FullAccess of eve@contoso.com on cfo@contoso.com\nRemove-MailboxPermission/);
  });

  it('lets the query language query Findings and Stories', async () => {
    const t = sample();
    const res = runFindingsSync(t);
    const env = { tables: { ...t, ...res.tables } as never, schema: extendSchema(catalogueSchema(), derivedTables) };
    const q = await runQuery('Findings | where SeverityRank >= 3 | summarize n = count() by RuleId | order by RuleId asc', env);
    assert.ok(q.ok, JSON.stringify(q.diagnostics));
    const expected = new Map<string, number>();
    for (const f of res.findings) if (f.severity === 'high' || f.severity === 'critical') expected.set(f.ruleId, (expected.get(f.ruleId) ?? 0) + 1);
    assert.deepEqual(q.table.objects(), [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([RuleId, n]) => ({ RuleId, n })));
    const s = await runQuery('Stories | mv-expand MemberIds | project Id, Member = tostring(MemberIds)', env);
    assert.ok(s.ok, JSON.stringify(s.diagnostics));
    assert.deepEqual((s.table.array('Member') as string[]).sort(), [...res.stories[0]!.memberIds].sort());
  });

  it('keeps running when one rule throws, and skips disabled rules', () => {
    const broken: Rule = { ...allRules[0]!, id: 'broken', detect: () => { throw new Error('boom'); } };
    const res = runFindingsSync(sample(), { rules: [broken, ...allRules], settings: { disabledRules: ['audit-tampering'] } });
    assert.deepEqual(res.errors, [{ ruleId: 'broken', message: 'boom' }]);
    assert.ok(res.findings.some((f) => f.ruleId === 'delegation-granted'));
    assert.ok(!res.findings.some((f) => f.ruleId === 'audit-tampering'));
    assert.ok(!res.timings.some((t) => t.ruleId === 'audit-tampering'));
  });

  it('finds the same with every rule selected by its EXQ query as with the built-in scans', async function () {
    this.timeout(300_000);
    const tenant = createSyntheticTenant({ seed: 11, users: 30, days: 10 });
    const loader = new DatasetLoader();
    for (const format of ['ual-jsonl', 'graph-signins-jsonl', 'graph-directoryaudits-jsonl'] as const) {
      const chunks = [...tenant.write(format)];
      await loader.load({ name: format, async *open() { for (const c of chunks) yield Buffer.from(c); } });
    }
    const loaded = loader.finish().tables;
    const scanned = runFindingsSync(loaded, { tenant: tenant.initialModel });
    const queried = await runFindings(loaded, { tenant: tenant.initialModel });
    assert.deepEqual(queried.errors, []);
    assert.ok(queried.timings.every((t) => t.selectedBy === 'query'));
    assert.ok(scanned.findings.length > 20);
    const view = (r: typeof scanned) => r.findings.map((f) => ({ id: f.id, score: f.score, evidence: f.evidence }));
    assert.deepEqual(view(queried), view(scanned));
    assert.deepEqual(queried.stories.map((s) => s.id), scanned.stories.map((s) => s.id));
    for (const f of queried.findings) for (const e of f.evidence) assert.ok(e.rows.every((r) => r >= 0), `${f.id}: every evidence record located`);
  });
});
