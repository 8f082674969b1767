import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { datasetStatistics, tableStatistics, topValues } from '../../src/core/query/tableStatistics';

describe('tableStatistics', () => {
  it('counts the values of categorical catalogue columns, most frequent first, ties by value', () => {
    const t = aq.table({
      Operation: ['b', 'a', 'b', '', 'c', 'a', 'b'],
      Id: ['1', '2', '3', '4', '5', '6', '7'],
      Time: Float64Array.from([30, 10, 20, 50, 40, 60, 70]),
    });
    const s = tableStatistics('AuditLogs', t, { topN: 2 });
    assert.equal(s.rows, 7);
    const op = s.columns.find((c) => c.name === 'Operation')!;
    assert.deepEqual(op, { name: 'Operation', type: 'string', topValues: [{ value: 'b', count: 3 }, { value: 'a', count: 2 }], distinct: 3 });
    assert.deepEqual(s.columns.find((c) => c.name === 'Id'), { name: 'Id', type: 'string' }, 'Id is not categorical');
    assert.deepEqual(s.columns.find((c) => c.name === 'Time'), { name: 'Time', type: 'datetime', min: 10, max: 70 });
  });

  it('reads filtered tables by their visible rows', () => {
    const t = aq.table({ Operation: ['x', 'y', 'y'] }).filter((d: { Operation: string }) => d.Operation === 'y');
    assert.deepEqual(tableStatistics('AuditLogs', t).columns[0]!.topValues, [{ value: 'y', count: 2 }]);
  });

  it('infers the types of tables outside the catalogue and gives them no value lists', () => {
    const [s] = datasetStatistics({ Custom: aq.table({ Name: ['a'], N: [1.5] }) });
    assert.deepEqual(s, { name: 'Custom', rows: 1, columns: [{ name: 'Name', type: 'string' }, { name: 'N', type: 'real', min: 1.5, max: 1.5 }] });
  });

  it('topValues ignores empty and non-string values', () => {
    assert.deepEqual(topValues(['a', '', null, 3, 'a'], 10), { topValues: [{ value: 'a', count: 2 }], distinct: 1 });
  });
});
