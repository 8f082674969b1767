/** Arrays a query borrows are reused by the next queries: no result may hold one. */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { runQuery, type QueryResult } from '../../../src/core/query';
import { Scratch } from '../../../src/core/query/exec/scratch';

const N = 50_000;
const ops = ['MailItemsAccessed', 'Send', 'Add-MailboxPermission', 'New-InboxRule'];

function table(): aq.ColumnTable {
  return aq.table({
    Id: Array.from({ length: N }, (_, i) => `r${i}`),
    Time: Float64Array.from({ length: N }, (_, i) => 1_709_251_200_000 + i * 60_000),
    Operation: Array.from({ length: N }, (_, i) => ops[(i * 7) % 4]!),
    UserId: Array.from({ length: N }, (_, i) => `user${i % 97}@contoso.com`),
    MailboxOwnerUPN: Array.from({ length: N }, (_, i) => `box${(i * 13) % 31}@contoso.com`),
  });
}

const snapshot = (r: QueryResult): unknown[] => r.table.objects();

describe('query scratch arrays', () => {
  it('hands out zeroed arrays, and the same memory again after release', () => {
    // A size no other test's query asks for, so the kept buffer that fits is this one.
    const n = 3_000_001;
    const a = new Scratch();
    const first = a.int32(n);
    first.fill(7);
    a.release();
    const b = new Scratch();
    const again = b.int32(n);
    assert.ok(again.buffer === first.buffer, 'the buffer is reused');
    assert.ok(again.every((v) => v === 0), 'and zeroed');
    const other = b.int32(n);
    assert.ok(other.buffer !== again.buffer, 'a buffer is lent to one array at a time');
    b.release();
  });

  it('leaves earlier results as they were while later queries reuse the arrays', async () => {
    const tables = { AuditLogs: table() };
    const queries = [
      'AuditLogs | where Operation == "MailItemsAccessed" | project Id, UserId, Time',
      'AuditLogs | where Operation != "Send" | summarize n = count(), users = dcount(UserId) by MailboxOwnerUPN, Day = bin(Time, 1d)',
      'AuditLogs | where UserId startswith "user1" | order by Time desc | take 500',
      'AuditLogs | summarize arg_max(Time, Id) by UserId',
      'AuditLogs | where Operation == "Send" | distinct MailboxOwnerUPN, UserId',
    ];
    const results: QueryResult[] = [];
    const before: unknown[][] = [];
    for (const q of queries) {
      const r = await runQuery(q, { tables });
      assert.ok(r.ok, q);
      results.push(r);
      before.push(snapshot(r));
    }
    // Every query again, twice: the borrowed arrays are written over with other rows.
    for (let round = 0; round < 2; round++) for (const q of [...queries].reverse()) assert.ok((await runQuery(q, { tables })).ok);
    results.forEach((r, i) => assert.deepEqual(snapshot(r), before[i], queries[i]));
  });
});
