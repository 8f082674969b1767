/** Cancellation through an AbortSignal: before the start, and in the middle of an operator (no sleeps). */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { QueryError, isCancellation, runQuery } from '../../../src/core/query';
import { accepted } from './acceptedQueries';

const N = 100_000;

/** A table whose UserId column calls `onRead(row)` on every read, so a test can act in the middle of a loop. */
function watchedTable(onRead: (row: number) => void): aq.ColumnTable {
  const users = Array.from({ length: N }, (_, i) => `user${i % 100}`);
  const watched = new Proxy(users, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key.length < 8 && /^\d+$/.test(key)) onRead(Number(key));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return aq.table({ Time: Float64Array.from({ length: N }, (_, i) => i), UserId: watched, Operation: users.map((_, i) => (i % 3 ? 'A' : 'B')) });
}

describe('query cancellation', () => {
  const q = accepted('AuditLogs | where UserId != "nobody" | summarize n = count() by UserId | order by n desc');

  it('rejects at once when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(runQuery(q, { tables: { AuditLogs: watchedTable(() => undefined) } }, { signal: ac.signal }), (e: unknown) => {
      assert.ok(e instanceof QueryError);
      assert.equal(e.code, 'cancelled');
      assert.ok(isCancellation(e));
      return true;
    });
  });

  it('stops in the middle of a long operator when the signal is aborted', async () => {
    const ac = new AbortController();
    let reads = 0;
    const table = watchedTable((row) => {
      reads++;
      if (row === 40_000) ac.abort();
    });
    await assert.rejects(runQuery(q, { tables: { AuditLogs: table } }, { signal: ac.signal }), (e: unknown) => e instanceof QueryError && e.code === 'cancelled');
    // The where loop stopped at the end of the chunk that saw row 40,000: far from all 100,000 rows.
    assert.ok(reads < 70_000, `read ${reads} rows`);
  });

  it('runs to the end when the signal is never aborted', async () => {
    const ac = new AbortController();
    const r = await runQuery(q, { tables: { AuditLogs: watchedTable(() => undefined) } }, { signal: ac.signal });
    assert.ok(r.ok);
    assert.equal(r.table.numRows(), 100);
    assert.deepEqual(r.table.objects()[0], { UserId: "user0", n: 1000 });
  });
});
