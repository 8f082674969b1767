/**
 * sourceRows: the loaded row each result row was read from, given only when the result's Id and
 * Time are the table's own arrays through one row selection (the findings engine then skips its
 * Id lookups). The rows stay right after later queries reuse the executor's scratch arrays.
 */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { runQuery } from '../../../src/core/query';

function table(n = 10_000): aq.ColumnTable {
  return aq.table({
    Time: Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + (i % 97) * 1000),
    Id: Array.from({ length: n }, (_, i) => (i % 500 === 0 ? '' : `id-${i}`)),
    Operation: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'MailItemsAccessed' : 'Send')),
    UserId: Array.from({ length: n }, (_, i) => `u${i % 7}@contoso.com`),
  });
}

async function rowsOf(text: string, t: aq.ColumnTable): Promise<Int32Array | undefined> {
  const r = await runQuery(text, { tables: { AuditLogs: t } }, { sourceRowsOf: t });
  assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
  return r.sourceRows;
}

describe('query: source rows of a result', function () {
  it('maps each row of a filtered, projected, ordered result to its loaded row', async function () {
    const t = table();
    const rows = await rowsOf('AuditLogs | where Operation == "MailItemsAccessed" and UserId != "u1@contoso.com" | project Time, Id, UserId | order by Time desc', t);
    assert.ok(rows && rows.length > 1000);
    const ids = t.array('Id') as string[];
    const result = await runQuery('AuditLogs | where Operation == "MailItemsAccessed" and UserId != "u1@contoso.com" | project Time, Id, UserId | order by Time desc', { tables: { AuditLogs: t } });
    const resultIds = result.table.array('Id') as string[];
    const resultTimes = result.table.array('Time') as ArrayLike<number>;
    const times = t.array('Time') as ArrayLike<number>;
    const operations = t.array('Operation') as string[];
    // Rows without an Id too (an Id lookup would send them all to the first such row).
    assert.ok(resultIds.some((id) => id === ''));
    rows.forEach((row, i) => {
      assert.equal(ids[row], resultIds[i]);
      assert.equal(times[row], resultTimes[i]);
      assert.equal(operations[row], 'MailItemsAccessed');
    });
    assert.equal(new Set(rows).size, rows.length, 'each loaded row once');
  });

  it('all rows of an unfiltered table', async function () {
    const t = table();
    assert.deepEqual(Array.from((await rowsOf('AuditLogs | project Time, Id', t))!.slice(0, 5)), [0, 1, 2, 3, 4]);
  });

  it('gives none when Id or Time is computed, renamed, dropped or aggregated', async function () {
    const t = table();
    for (const q of [
      'AuditLogs | extend Id = strcat(Id, "x") | project Time, Id',
      'AuditLogs | project Time, Id = UserId',
      'AuditLogs | project Id',
      'AuditLogs | summarize Time = max(Time) by Id',
    ]) assert.equal(await rowsOf(q, t), undefined, q);
  });

  it('keeps its rows when a later query reuses the scratch arrays', async function () {
    // Large enough for the executor to pool its row arrays, and most rows kept (the result then reads through one).
    const t = table(40_000);
    const rows = await rowsOf('AuditLogs | where Operation == "Send" | project Time, Id', t);
    const copy = Int32Array.from(rows!);
    await rowsOf('AuditLogs | where Operation == "MailItemsAccessed" | project Time, Id', t);
    assert.deepEqual(rows, copy);
  });

  it('says when the result is only the table\'s columns at those rows, and builds that table when read, even after other queries', async function () {
    const t = table(40_000);
    const env = { tables: { AuditLogs: t } };
    const text = 'AuditLogs | where Operation == "Send" | project Time, Id, UserId';
    const eager = await runQuery(text, env);
    assert.equal(eager.sourceOnly, undefined);
    const lazy = await runQuery(text, env, { sourceRowsOf: t });
    assert.equal(lazy.sourceOnly, true);
    // Another query takes the scratch arrays the first one released, before its table is read.
    await runQuery('AuditLogs | where Operation == "MailItemsAccessed" | project Time, Id', env, { sourceRowsOf: t });
    assert.deepEqual(lazy.table.columnNames(), eager.table.columnNames());
    for (const c of eager.table.columnNames()) assert.deepEqual(Array.from(lazy.table.array(c) as ArrayLike<unknown>), Array.from(eager.table.array(c) as ArrayLike<unknown>), c);
    const computed = await runQuery('AuditLogs | where Operation == "Send" | extend User = tolower(UserId) | project Time, Id, User', env, { sourceRowsOf: t });
    assert.ok(computed.sourceRows, 'Id and Time still come from the table');
    assert.equal(computed.sourceOnly, undefined, 'a computed column');
  });
});
