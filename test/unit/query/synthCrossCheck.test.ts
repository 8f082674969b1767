/**
 * Hunting queries on the synthetic tenant, loaded through the real loader (so the tables follow the
 * data conventions exactly), checked against the same computation written directly in TypeScript.
 */
import * as assert from 'node:assert/strict';
import type { ColumnTable } from 'arquero';
import { DatasetLoader } from '../../../src/core/ingest';
import { runQuery } from '../../../src/core/query';
import { createSyntheticTenant } from '../../../src/core/synth';
import { accepted } from './acceptedQueries';

type Row = Record<string, unknown>;

async function loadTables(): Promise<Record<string, ColumnTable>> {
  const synth = createSyntheticTenant({ seed: 11, users: 20, days: 4, records: 4000 });
  const lines: string[] = [];
  for (const r of synth.records()) lines.push(JSON.stringify(r.record));
  const loader = new DatasetLoader();
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  await loader.load({ name: 'synth.jsonl', async *open() { yield bytes; } });
  return loader.finish().tables as unknown as Record<string, ColumnTable>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const countBy = <T>(rows: T[], key: (r: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
};

describe('query cross-check on the synthetic tenant', function () {
  this.timeout(120_000);
  let tables: Record<string, ColumnTable>;
  let audit: Row[];
  let signIns: Row[];

  before(async () => {
    tables = await loadTables();
    audit = tables.AuditLogs!.objects() as Row[];
    signIns = (tables.SignIns?.objects() ?? []) as Row[];
    assert.ok(audit.length > 1000, `${audit.length} audit rows`);
  });

  async function run(q: string): Promise<Row[]> {
    const r = await runQuery(q, { tables, now: Date.UTC(2030, 0, 1) });
    assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
    return r.table.objects() as Row[];
  }

  const q1 = accepted('AuditLogs | where Operation == "MailItemsAccessed" | summarize n = count() by UserId, MailboxOwnerUPN');
  it('mailbox reads per reader and mailbox', async () => {
    const got = await run(q1);
    const expected = countBy(audit.filter((r) => r.Operation === 'MailItemsAccessed'), (r) => `${str(r.UserId)}|${str(r.MailboxOwnerUPN)}`);
    assert.ok(expected.size > 0);
    assert.equal(got.length, expected.size);
    for (const r of got) assert.equal(r.n, expected.get(`${r.UserId}|${r.MailboxOwnerUPN}`));
  });

  const q2 = accepted('AuditLogs | where Operation == "MailItemsAccessed" and LogonType != "Owner" | summarize n = count(), firstSeen = min(Time), lastSeen = max(Time) by UserId');
  it('non-owner mailbox access per user with first and last time', async () => {
    const got = await run(q2);
    const rows = audit.filter((r) => r.Operation === 'MailItemsAccessed' && r.LogonType !== 'Owner');
    const byUser = new Map<string, { n: number; first: number; last: number }>();
    for (const r of rows) {
      const t = r.Time as number;
      const e = byUser.get(str(r.UserId)) ?? { n: 0, first: Infinity, last: -Infinity };
      e.n++;
      e.first = Math.min(e.first, t);
      e.last = Math.max(e.last, t);
      byUser.set(str(r.UserId), e);
    }
    assert.ok(byUser.size > 0);
    assert.equal(got.length, byUser.size);
    for (const r of got) {
      const e = byUser.get(r.UserId as string)!;
      assert.deepEqual([r.n, r.firstSeen, r.lastSeen], [e.n, e.first, e.last]);
    }
  });

  const q3 = accepted('AuditLogs | where Operation in ("Add-MailboxPermission", "Add-RecipientPermission", "Add-MailboxFolderPermission") | project Time, Id, UserId, TargetMailbox, Grantee, AccessRights | order by Time asc');
  it('permission grants in time order', async () => {
    const got = await run(q3);
    const ops = new Set(['Add-MailboxPermission', 'Add-RecipientPermission', 'Add-MailboxFolderPermission']);
    const expected = audit.map((r, i) => ({ r, i })).filter(({ r }) => ops.has(str(r.Operation)))
      .sort((a, b) => (a.r.Time as number) - (b.r.Time as number) || a.i - b.i).map(({ r }) => r.Id);
    assert.ok(expected.length > 0);
    assert.deepEqual(got.map((r) => r.Id), expected);
  });

  const q4 = accepted('SignIns | summarize ips = dcount(IpAddress), apps = make_set(AppDisplayName) by UserPrincipalName');
  it('distinct sign-in addresses per account', async () => {
    const got = await run(q4);
    const ips = new Map<string, Set<string>>();
    for (const r of signIns) {
      const s = ips.get(str(r.UserPrincipalName)) ?? new Set<string>();
      s.add(str(r.IpAddress));
      ips.set(str(r.UserPrincipalName), s);
    }
    assert.ok(ips.size > 0);
    assert.equal(got.length, ips.size);
    for (const r of got) assert.equal(r.ips, ips.get(r.UserPrincipalName as string)!.size);
  });

  const q5 = accepted('AuditLogs | where ClientInfoString has "REST" or ClientInfoString contains "owa" | summarize n = count() by Operation');
  it('has (whole term) and contains (substring), both ignoring case', async () => {
    const got = await run(q5);
    const has = (s: string): boolean => /(^|[^\p{L}\p{N}])rest([^\p{L}\p{N}]|$)/iu.test(s);
    const expected = countBy(audit.filter((r) => has(str(r.ClientInfoString)) || str(r.ClientInfoString).toLowerCase().includes('owa')), (r) => str(r.Operation));
    assert.ok(expected.size > 0);
    assert.deepEqual(new Map(got.map((r) => [r.Operation as string, r.n as number])), expected);
  });

  const q6 = accepted('AuditLogs | where Operation == "MailItemsAccessed" | summarize n = count() by UserId, bin(Time, 1h) | where n >= 3 | order by n desc, UserId asc | take 20');
  it('hourly bursts', async () => {
    const got = await run(q6);
    const counts = countBy(audit.filter((r) => r.Operation === 'MailItemsAccessed'), (r) => `${str(r.UserId)}|${Math.floor((r.Time as number) / 3600000) * 3600000}`);
    const expected = [...counts].filter(([, n]) => n >= 3)
      .map(([k, n]) => ({ UserId: k.slice(0, k.lastIndexOf('|')), Time: Number(k.slice(k.lastIndexOf('|') + 1)), n }))
      .sort((a, b) => b.n - a.n || (a.UserId < b.UserId ? -1 : a.UserId > b.UserId ? 1 : 0));
    assert.ok(expected.length >= 20);
    assert.deepEqual(got.map((r) => r.n), expected.slice(0, 20).map((e) => e.n));
    assert.deepEqual(got.map((r) => r.UserId), expected.slice(0, 20).map((e) => e.UserId));
  });

  const q7 = accepted('AuditLogs | where Operation == "Add-MailboxPermission" | project Grantee, TargetMailbox | join kind=inner (AuditLogs | where Operation == "MailItemsAccessed" | project UserId, MailboxOwnerUPN) on $left.Grantee == $right.UserId | count');
  it('grants joined with later reads by the grantee', async () => {
    const got = await run(q7);
    const grants = audit.filter((r) => r.Operation === 'Add-MailboxPermission');
    const reads = audit.filter((r) => r.Operation === 'MailItemsAccessed');
    let pairs = 0;
    for (const g of grants) for (const r of reads) if (str(g.Grantee) !== '' && g.Grantee === r.UserId) pairs++;
    assert.ok(pairs > 0);
    assert.deepEqual(got, [{ Count: pairs }]);
  });
});
