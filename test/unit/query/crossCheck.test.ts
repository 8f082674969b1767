/**
 * Grouping, joining and sorting on a larger generated table, checked against the same computation
 * written directly in TypeScript (covers the dictionary, bin and multi-key paths of grouping).
 */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { runQuery } from '../../../src/core/query';
import { accepted } from './acceptedQueries';

const N = 6000;
const HOUR = 3600000;

function generated(): { table: aq.ColumnTable; U: string[]; T: Float64Array; V: Array<number | null>; Op: string[] } {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const users = Array.from({ length: 300 }, (_, i) => `u${i}@contoso.com`);
  const U = Array.from({ length: N }, () => users[Math.floor(rnd() * users.length)]!);
  const T = Float64Array.from({ length: N }, () => Date.UTC(2024, 0, 1) + Math.floor(rnd() * 10 * 24 * HOUR));
  const V = Array.from({ length: N }, () => (rnd() < 0.1 ? null : Math.floor(rnd() * 50)));
  const Op = Array.from({ length: N }, () => (rnd() < 0.3 ? 'MailItemsAccessed' : 'Send'));
  return { table: aq.table({ Time: T, UserId: U, OperationCount: V, Operation: Op }), U, T, V, Op };
}

async function objects(query: string, table: aq.ColumnTable): Promise<Array<Record<string, unknown>>> {
  const r = await runQuery(query, { tables: { AuditLogs: table }, now: 0 });
  assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
  return r.table.objects() as Array<Record<string, unknown>>;
}

const byKey = (rows: Array<Record<string, unknown>>, keys: string[]): Map<string, Record<string, unknown>> =>
  new Map(rows.map((r) => [keys.map((k) => String(r[k])).join('|'), r]));

describe('query cross-check against direct TypeScript', () => {
  const g = generated();

  it('summarize count/sum/dcount by a column and bin(Time, 1h), after a where', async () => {
    const rows = await objects(accepted('AuditLogs | where Operation == "MailItemsAccessed" | summarize n = count(), s = sum(OperationCount), d = dcount(OperationCount) by UserId, bin(Time, 1h)'), g.table);
    const expected = new Map<string, { n: number; s: number; d: Set<number> }>();
    for (let i = 0; i < N; i++) {
      if (g.Op[i] !== 'MailItemsAccessed') continue;
      const key = `${g.U[i]}|${Math.floor(g.T[i]! / HOUR) * HOUR}`;
      const e = expected.get(key) ?? { n: 0, s: 0, d: new Set<number>() };
      e.n++;
      const v = g.V[i];
      if (v !== null && v !== undefined) { e.s += v; e.d.add(v); }
      expected.set(key, e);
    }
    assert.equal(rows.length, expected.size);
    const got = byKey(rows, ['UserId', 'Time']);
    for (const [key, e] of expected) {
      const r = got.get(key);
      assert.ok(r, key);
      assert.deepEqual([r.n, r.s, r.d], [e.n, e.s, e.d.size], key);
    }
  });

  it('summarize by three keys with many combinations, nulls included', async () => {
    const rows = await objects(accepted('AuditLogs | summarize n = count() by UserId, OperationCount, bin(Time, 1m)'), g.table);
    const expected = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const key = `${g.U[i]}|${String(g.V[i])}|${Math.floor(g.T[i]! / 60000) * 60000}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = byKey(rows, ['UserId', 'OperationCount', 'Time']);
    assert.equal(rows.length, expected.size);
    for (const [key, n] of expected) assert.equal(got.get(key)?.n, n, key);
  });

  it('dcount of strings per group after a where', async () => {
    const rows = await objects(accepted('AuditLogs | where OperationCount > 10 | summarize d = dcount(UserId), dm = dcountif(UserId, OperationCount > 40) by Operation'), g.table);
    const sets = new Map<string, [Set<string>, Set<string>]>();
    for (let i = 0; i < N; i++) {
      const v = g.V[i];
      if (v === null || v === undefined || v <= 10) continue;
      const e = sets.get(g.Op[i]!) ?? [new Set<string>(), new Set<string>()];
      e[0].add(g.U[i]!);
      if (v > 40) e[1].add(g.U[i]!);
      sets.set(g.Op[i]!, e);
    }
    assert.deepEqual(rows.map((r) => [r.Operation, r.d, r.dm]).sort(), [...sets].map(([op, [a, b]]) => [op, a.size, b.size]).sort());
  });

  it('distinct and arg_max per group', async () => {
    const d = await objects(accepted('AuditLogs | distinct UserId, Operation'), g.table);
    assert.equal(d.length, new Set(g.U.map((u, i) => `${u}|${g.Op[i]}`)).size);
    const latest = await objects(accepted('AuditLogs | summarize arg_max(Time, OperationCount) by UserId'), g.table);
    const best = new Map<string, number>();
    g.U.forEach((u, i) => { if (!best.has(u) || g.T[i]! > g.T[best.get(u)!]!) best.set(u, i); });
    for (const r of latest) {
      const i = best.get(r.UserId as string)!;
      assert.equal(r.Time, g.T[i]);
      assert.equal(r.OperationCount, g.V[i]);
    }
  });

  it('inner join equals a nested loop', async () => {
    const rows = await objects(accepted('AuditLogs | where OperationCount == 7 | project UserId, A = Time | join kind=inner (AuditLogs | where OperationCount == 8 | project UserId, B = Time) on UserId | count'), g.table);
    let pairs = 0;
    for (let i = 0; i < N; i++) if (g.V[i] === 7) for (let j = 0; j < N; j++) if (g.V[j] === 8 && g.U[j] === g.U[i]) pairs++;
    assert.deepEqual(rows, [{ Count: pairs }]);
  });

  it('order by two keys equals a stable sort', async () => {
    const rows = await objects(accepted('AuditLogs | order by UserId asc, Time desc | project UserId, Time'), g.table);
    const idx = Array.from({ length: N }, (_, i) => i).sort((a, b) => (g.U[a]! < g.U[b]! ? -1 : g.U[a]! > g.U[b]! ? 1 : g.T[b]! - g.T[a]! || a - b));
    assert.deepEqual(rows.map((r) => r.Time), idx.map((i) => g.T[i]));
  });
});
