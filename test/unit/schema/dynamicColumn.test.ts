/** Dynamic columns keep JSON text and parse it on read; to a reader they are arrays of values. */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { dynamicColumn, dynamicStore, dynamicText, readDynamic, storedDynamic } from '../../../src/core/schema/dynamicColumn';
import { runQuery } from '../../../src/core/query';

function bag(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, entries);
}

describe('dynamic columns', () => {
  const values: unknown[] = [
    null, 'text that looks like {"json"}', 42, true, [{ Path: '\\Inbox', FolderItems: [{ Id: 'a' }] }],
    bag({ Identity: 'ceo@contoso.com', AccessRights: 'FullAccess', ['__proto__']: 'kept as a key' }), { plain: { nested: [1, 2] } },
  ];
  const stored = values.map((v) => (typeof v === 'object' && v !== null ? dynamicText(v) : storedDynamic(v)));
  const column = dynamicColumn(stored);

  it('reads back every kind of value, bags without a prototype', () => {
    assert.equal(column.length, values.length);
    for (let i = 0; i < values.length; i++) assert.deepStrictEqual(column[i], values[i], `row ${i}`);
    assert.equal(Object.getPrototypeOf(column[5]), null);
    assert.equal(Object.getPrototypeOf(column[6]), Object.prototype);
    assert.deepStrictEqual(Array.from(column), values);
    assert.deepStrictEqual(column.at(4), values[4]);
  });

  it('keeps text in the store and gives a fresh copy on every read', () => {
    assert.equal(dynamicStore(column), stored);
    assert.equal(typeof stored[4], 'string');
    assert.equal(dynamicStore(stored), undefined);
    const first = column[4] as unknown[];
    first.length = 0;
    assert.equal((column[4] as unknown[]).length, 1, 'a reader changing its copy changes nothing');
  });

  it('stores strings as JSON text so they are never mistaken for it', () => {
    assert.equal(readDynamic(storedDynamic('[1]')), '[1]');
    assert.equal(readDynamic(storedDynamic('\u0000{}')), '\u0000{}');
  });

  it('works through arquero and EXQ; a filtered result stays lazy', async () => {
    const t = aq.table({ Id: ['r1', 'r2', 'r3'], Time: Float64Array.of(1, 2, 3), Parameters: dynamicColumn([dynamicText(bag({ AccessRights: 'FullAccess' })), null, dynamicText(bag({ AccessRights: 'SendAs' }))]) });
    assert.deepStrictEqual(t.objects()[2], { Id: 'r3', Time: 3, Parameters: bag({ AccessRights: 'SendAs' }) });
    const r = await runQuery('AuditLogs | where isnotempty(Parameters) | project Id, Parameters, Rights = tostring(Parameters.AccessRights)', { tables: { AuditLogs: t } });
    assert.ok(r.ok);
    assert.deepEqual(Array.from(r.table.array('Rights')), ['FullAccess', 'SendAs']);
    const out = r.table.column('Parameters') as unknown as unknown[];
    assert.ok(dynamicStore(out), 'the projected column is still text behind the array');
    assert.deepStrictEqual(out[1], bag({ AccessRights: 'SendAs' }));
  });
});
