import * as assert from 'node:assert/strict';
import { chartModel, niceTicks, timeTicks, MAX_CATEGORIES } from '../../../media/renderers/chartData';
import { columnWidths, sortOrder, timelineSelection, visibleRange } from '../../../media/renderers/tableModel';
import type { QueryOutputPayload } from '../../../src/protocol/notebook';

function payload(columns: QueryOutputPayload['columns'], rows: QueryOutputPayload['rows'], render?: QueryOutputPayload['render']): QueryOutputPayload {
  return { version: 1, columns, rows, totalRows: rows.length, cut: '', elapsedMs: 1, warnings: [], ...(render ? { render } : {}) };
}

const H = 3_600_000;

describe('notebook renderers: table model', () => {
  const p = payload([{ name: 'User', type: 'string' }, { name: 'N', type: 'long' }, { name: 'Time', type: 'datetime' }], [
    ['b', 2, 3 * H], ['a', null, 1 * H], ['c', 10, null], ['a', 1, 2 * H],
  ]);

  it('sorts by a column, stable, missing values last both ways', () => {
    assert.deepEqual([...sortOrder(p, 0, 'ascending')], [1, 3, 0, 2]);
    assert.deepEqual([...sortOrder(p, 0, 'descending')], [2, 0, 1, 3]);
    assert.deepEqual([...sortOrder(p, 1, 'ascending')], [3, 0, 2, 1]);
    assert.deepEqual([...sortOrder(p, 1, 'descending')], [2, 0, 3, 1]);
    assert.deepEqual([...sortOrder(p, 2, 'ascending')], [1, 3, 0, 2]);
  });

  it('sorts 100k rows quickly', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [`user${(i * 7919) % 100_000}`, i]);
    const big = payload([{ name: 'User', type: 'string' }, { name: 'N', type: 'long' }], rows);
    const t0 = performance.now();
    const order = sortOrder(big, 0, 'ascending');
    const ms = performance.now() - t0;
    assert.equal(rows[order[0]!]![0], 'user0');
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('draws only the rows in view, with some overscan', () => {
    assert.deepEqual(visibleRange(0, 396, 22, 100_000), { first: 0, end: 26 });
    assert.deepEqual(visibleRange(22 * 50_000, 396, 22, 100_000), { first: 49_992, end: 50_026 });
    assert.deepEqual(visibleRange(22 * 99_999, 396, 22, 100_000), { first: 99_991, end: 100_000 });
    assert.deepEqual(visibleRange(0, 396, 22, 3), { first: 0, end: 3 });
  });

  it('sizes columns from their names and values, within bounds', () => {
    assert.deepEqual(columnWidths(payload([{ name: 'A', type: 'string' }, { name: 'T', type: 'datetime' }], [['x'.repeat(200), 0]])), [48, 25]);
  });

  it('picks the Id column and the time range for the timeline', () => {
    const t = payload([{ name: 'Time', type: 'datetime' }, { name: 'Id', type: 'string' }], [[5, 'r1'], [2, ''], [9, 'r3']]);
    assert.deepEqual(timelineSelection(t, 10), { recordIds: ['r1', 'r3'], from: 2, to: 9 });
    assert.deepEqual(timelineSelection(t, 1), { recordIds: ['r1'], from: 2, to: 9 });
    assert.deepEqual(timelineSelection(payload([{ name: 'x', type: 'long' }], [[1]]), 10), { recordIds: [] });
  });
});

describe('notebook renderers: chart model', () => {
  it('a timechart with one value column and a text column draws one series per text value, in time order', () => {
    const m = chartModel(payload([{ name: 'Hour', type: 'datetime' }, { name: 'Mailbox', type: 'string' }, { name: 'Records', type: 'long' }],
      [[2 * H, 'ceo', 5], [1 * H, 'ceo', 3], [1 * H, 'cfo', 7]], { kind: 'timechart', props: {} }));
    assert.equal(m.shape, 'xy');
    if (m.shape !== 'xy') return;
    assert.deepEqual(m.x, [H, 2 * H]);
    assert.deepEqual(m.series, [{ name: 'ceo', values: [3, 5] }, { name: 'cfo', values: [7, null] }], 'largest series first');
  });

  it('a columnchart labels categories with every text column and draws each numeric column', () => {
    const m = chartModel(payload([{ name: 'Country', type: 'string' }, { name: 'City', type: 'string' }, { name: 'User', type: 'string' }, { name: 'SignIns', type: 'long' }],
      [['GB', 'London', 'a@x', 3], ['US', 'Seattle', 'b@x', 1]], { kind: 'columnchart', props: {} }));
    assert.equal(m.shape, 'categories');
    if (m.shape !== 'categories') return;
    assert.deepEqual(m.categories, ['GB / London / a@x', 'US / Seattle / b@x']);
    assert.equal(m.categoryName, 'Country / City / User');
    assert.deepEqual(m.series, [{ name: 'SignIns', values: [3, 1] }]);
  });

  it('honours xcolumn and ycolumns, and caps the categories', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`k${i}`, i, i * 2]);
    const m = chartModel(payload([{ name: 'K', type: 'string' }, { name: 'A', type: 'long' }, { name: 'B', type: 'long' }], rows, { kind: 'barchart', props: { ycolumns: 'B' } }));
    if (m.shape !== 'categories') return assert.fail(m.shape);
    assert.equal(m.categories.length, MAX_CATEGORIES);
    assert.deepEqual(m.series.map((s) => s.name), ['B']);
    assert.match(m.note, /first 40 of 60/);
  });

  it('a piechart keeps the largest slices and puts the rest in Other', () => {
    const rows = Array.from({ length: 15 }, (_, i) => [`s${i}`, i + 1]);
    const m = chartModel(payload([{ name: 'S', type: 'string' }, { name: 'N', type: 'long' }], rows, { kind: 'piechart', props: {} }));
    if (m.shape !== 'pie') return assert.fail(m.shape);
    assert.equal(m.slices.length, 10);
    assert.deepEqual(m.slices[0], { label: 's14', value: 15 });
    assert.deepEqual(m.slices[9], { label: 'Other (6)', value: 21 });
  });

  it('says what is missing instead of drawing nothing', () => {
    const m = chartModel(payload([{ name: 'S', type: 'string' }], [['x']], { kind: 'timechart', props: {} }));
    assert.equal(m.shape, 'none');
    assert.match(m.note, /datetime column/);
  });

  it('ticks at round values and round UTC times', () => {
    assert.deepEqual(niceTicks(0, 97), [0, 20, 40, 60, 80, 100].filter((v) => v <= 97));
    assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    const t = timeTicks(Date.UTC(2024, 2, 4), Date.UTC(2024, 2, 18));
    assert.ok(t.every((x) => /^\d{4}-\d\d-\d\d$/.test(x.label) && x.value % 86_400_000 === 0), JSON.stringify(t));
    assert.ok(t.length >= 3 && t.length <= 8);
    assert.deepEqual(timeTicks(0, 4 * H).map((x) => x.label), ['01-01 00:00', '01-01 01:00', '01-01 02:00', '01-01 03:00', '01-01 04:00']);
  });
});
