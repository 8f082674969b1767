/** Every aggregate of summarize, with KQL's default column names, against hand-computed values. */
import * as assert from 'node:assert/strict';
import { aggregateFunctions } from '../../../src/core/query';
import { DAY, HOUR, T0 } from './support/fixtures';
import { queryIt, rowsIt } from './support/run';

const tested = new Set<string>();
function aggIt(names: string[], title: string, query: string, expected: Array<Record<string, unknown>>): void {
  for (const n of names) tested.add(n);
  rowsIt(`${names.join(', ')}: ${title}`, query, expected);
}

describe('query aggregates', () => {
  aggIt(['count', 'countif'], 'rows, and rows where true', 'AuditLogs | summarize count(), countif(IsThrottled), n = countif(OperationCount > 1)', [{ count_: 6, countif_IsThrottled: 1, n: 2 }]);
  aggIt(['dcount', 'dcountif'], 'distinct values (null ignored)', 'AuditLogs | summarize dcount(OperationCount), dcount(ClientIp), dcountif(UserId, Operation == "MailItemsAccessed")', [
    { dcount_OperationCount: 3, dcount_ClientIp: 5, dcountif_UserId: 2 },
  ]);
  aggIt(['sum', 'sumif', 'avg'], 'nulls ignored', 'AuditLogs | summarize sum(OperationCount), sumif(OperationCount, UserId startswith "alice"), avg(OperationCount)', [
    { sum_OperationCount: 17, sumif_OperationCount: 15, avg_OperationCount: 4.25 },
  ]);
  aggIt(['min', 'max'], 'numbers, datetimes and strings', 'AuditLogs | summarize min(OperationCount), max(OperationCount), max(Time), min(Operation), max(Operation)', [
    { min_OperationCount: 1, max_OperationCount: 12, max_Time: T0 + 6 * DAY + 23 * HOUR, min_Operation: 'Add-MailboxPermission', max_Operation: 'Set-Mailbox' },
  ]);
  aggIt(['make_set', 'make_list'], 'distinct and all values, with a size limit', 'AuditLogs | summarize make_set(Operation), make_list(OperationCount), two = make_set(UserId, 2)', [
    { set_Operation: ['MailItemsAccessed', 'Add-MailboxPermission', 'Set-Mailbox', 'Send'], list_OperationCount: [3, 1, 12, 1], two: ['alice@contoso.com', 'Bob@Contoso.com'] },
  ]);
  aggIt(['percentile'], 'nearest rank', 'AuditLogs | summarize percentile(OperationCount, 50), p90 = percentile(OperationCount, 90)', [
    { percentile_OperationCount_50: 1, p90: 12 },
  ]);
  aggIt(['arg_max', 'arg_min'], 'the row with the extreme value', 'AuditLogs | summarize arg_max(OperationCount, Id), arg_min(Time, Id, UserId)', [
    { OperationCount: 12, Id: 'r4', Time: T0 + HOUR, Id1: 'r1', UserId: 'alice@contoso.com' },
  ]);
  aggIt(['arg_max'], 'per group', 'AuditLogs | summarize arg_max(Time, Id, ClientIp) by UserId', [
    { UserId: 'alice@contoso.com', Time: T0 + DAY + 5 * HOUR + 1000, Id: 'r4', ClientIp: '203.0.113.7' },
    { UserId: 'Bob@Contoso.com', Time: T0 + 2 * HOUR + 30 * 60000, Id: 'r2', ClientIp: '203.0.113.7' },
    { UserId: 'admin@contoso.com', Time: T0 + 3 * DAY, Id: 'r5', ClientIp: '' },
    { UserId: '', Time: T0 + 6 * DAY + 23 * HOUR, Id: 'r6', ClientIp: '172.20.1.1' },
  ]);
  queryIt('arg_max(Time, *) brings every other column', 'AuditLogs | summarize arg_max(Time, *) by Operation', (r) => {
    tested.add('arg_max');
    const names = r.table.columnNames();
    assert.deepEqual(names.slice(0, 3), ['Operation', 'Time', 'Id']);
    assert.equal(names.filter((n) => n === 'Operation' || n === 'Time').length, 2);
    assert.deepEqual(Array.from(r.table.array('Id')), ['r4', 'r3', 'r5', 'r6']);
  });
  aggIt(['take_any'], 'a value of the group, preferring a non-empty one', 'AuditLogs | where Operation == "Send" or Id == "r5" | summarize take_any(ClientIp)', [{ ClientIp: '172.20.1.1' }]);
  queryIt('take_any(*) keeps the columns of one row', 'AuditLogs | project Id, Operation | summarize take_any(*) by Operation', (r) => {
    assert.deepEqual(r.table.objects(), [
      { Operation: 'MailItemsAccessed', Id: 'r1' }, { Operation: 'Add-MailboxPermission', Id: 'r3' },
      { Operation: 'Set-Mailbox', Id: 'r5' }, { Operation: 'Send', Id: 'r6' },
    ]);
  });
  aggIt(['avg', 'min'], 'of no values is null', 'AuditLogs | where Id == "r3" | summarize avg(OperationCount), min(OperationCount)', [{ avg_OperationCount: null, min_OperationCount: null }]);

  it('covers every aggregate of the catalogue', () => {
    assert.deepEqual(aggregateFunctions.map((a) => a.name).filter((n) => !tested.has(n)), []);
  });
});
