import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { runQuery } from '../../../src/core/query';
import { queryPayload, wireValue } from '../../../src/extension/notebook/queryPayload';
import { plainTextTable } from '../../../src/extension/notebook/textTable';

describe('notebook: query output payloads', () => {
  const n = 1_000;
  const tables = { AuditLogs: aq.table({ Time: Float64Array.from({ length: n }, (_, i) => i * 1000), UserId: Array.from({ length: n }, (_, i) => `user${i}`) }) };

  it('keeps at most the row limit and says how many rows were cut', async () => {
    const r = await runQuery('AuditLogs | project Time, UserId', { tables });
    const p = queryPayload(r, [], { maxRows: 100, maxChars: 1e9 });
    assert.equal(p.rows.length, 100);
    assert.equal(p.totalRows, n);
    assert.equal(p.cut, 'first 100 of 1,000 rows shown (exoAudit.notebook.outputRowLimit)');
    const all = queryPayload(r, [], { maxRows: 10_000, maxChars: 1e9 });
    assert.equal(all.rows.length, n);
    assert.equal(all.cut, '');
  });

  it('keeps the output under a size bound, always at least one row', async () => {
    const r = await runQuery('AuditLogs | project UserId', { tables });
    const p = queryPayload(r, [], { maxRows: 1e9, maxChars: 2_000 });
    assert.ok(p.rows.length > 10 && p.rows.length < 200, String(p.rows.length));
    assert.ok(JSON.stringify(p.rows).length <= 2_000);
    assert.match(p.cut, /rows shown \(the output is kept under 0 MB\)/);
    assert.equal(queryPayload(r, [], { maxRows: 1e9, maxChars: 1 }).rows.length, 1);
  });

  it('turns values into JSON-safe wire values by column type', () => {
    assert.equal(wireValue(Number.NaN, 'datetime'), null);
    assert.equal(wireValue(undefined, 'string'), '');
    assert.equal(wireValue(5n, 'long'), 5);
    assert.equal(wireValue('x', 'bool'), null);
    assert.deepEqual(wireValue({ a: [1, Number.POSITIVE_INFINITY, undefined, 2n] }, 'dynamic'), { a: [1, null, null, '2'] });
    const proto = wireValue(JSON.parse('{"__proto__": {"x": 1}}'), 'dynamic') as Record<string, unknown>;
    assert.deepEqual(Object.keys(proto), ['__proto__']);
  });

  it('has a plain-text form with the first rows and the count', async () => {
    const r = await runQuery('AuditLogs | project Time, UserId | take 3', { tables });
    const text = plainTextTable(queryPayload(r, []));
    assert.equal(text, [
      'Time                      UserId',
      '------------------------  ------',
      '1970-01-01T00:00:00.000Z  user0',
      '1970-01-01T00:00:01.000Z  user1',
      '1970-01-01T00:00:02.000Z  user2',
      '3 rows',
    ].join('\n'));
  });
});
