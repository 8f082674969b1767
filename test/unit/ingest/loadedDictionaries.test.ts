/**
 * Loaded categorical columns come with their dictionary (codes numbered by first occurrence), made
 * while interning: it must be exactly what the query executor would build from the column itself,
 * whatever the path (serial, workers, several files, duplicates dropped after their values were
 * interned, a segment handed back).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Dataset } from '../../../src/core/ingest';
import { isInterned, tableDef } from '../../../src/core/ingest/recordRows';
import { dictionaryOf } from '../../../src/core/query/exec/dictionary';
import { topValues } from '../../../src/core/query/tableStatistics';
import { fixturesDir } from './helpers';
import { loadParallel, loadSerial, tableNames, writeTemp } from './parallelHelpers';

function assertDictionariesExact(ds: Dataset): number {
  let checked = 0;
  for (const name of tableNames) {
    const t = ds.tables[name];
    if (t.numRows() === 0) continue;
    for (const col of tableDef(name).columns) {
      if (!isInterned(col) && col.name !== 'SourceFile') continue;
      const data = t.column(col.name) as unknown as unknown[];
      const loaded = dictionaryOf(data);
      // A table this small is not cached by dictionaryOf itself: the same object twice means the loader's.
      assert.equal(dictionaryOf(data), loaded, `${name}.${col.name}: the loader gave no dictionary`);
      const built = dictionaryOf(data.slice());
      assert.deepEqual([...loaded.codes], [...built.codes], `${name}.${col.name}: codes`);
      assert.deepEqual(loaded.values, built.values, `${name}.${col.name}: values`);
      // Value statistics read the loaded dictionary; a copy of the column has none and is counted row by row.
      assert.deepEqual(topValues(data, 5), topValues(data.slice(), 5), `${name}.${col.name}: top values`);
      checked++;
    }
  }
  return checked;
}

function record(i: number, user: string, id = `id-${i}`): string {
  return JSON.stringify({
    CreationTime: '2024-03-01T10:00:00', Id: id, Operation: i % 3 === 0 ? 'Set-Mailbox' : 'MailItemsAccessed',
    RecordType: 50, UserId: user, ClientIPAddress: `10.0.0.${i % 4}`,
  });
}

describe('ingest: loaded categorical columns come with their dictionary', function () {
  this.timeout(60_000);
  const fixtures = ['ual.jsonl', 'ual-quirks.jsonl', 'purview-new.csv', 'sentinel-office-activity.csv', 'graph-signins.json', 'graph-directory-audits.json']
    .map((f) => path.join(fixturesDir, f));

  it('serial loads of every kind of file, several files into one table', async function () {
    assert.ok(assertDictionariesExact(await loadSerial(fixtures)) > 10);
  });

  it('parallel loads, with values first seen in duplicates that were dropped', async function () {
    // The duplicate rows carry users no kept row has: their values are interned but must not be in the dictionary.
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(record(i, `user${i % 17}@x`));
    for (let i = 0; i < 300; i += 7) lines.push(record(i, `ghost${i}@x`, `id-${i}`));
    for (let i = 300; i < 600; i++) lines.push(record(i, `user${i % 23}@x`));
    const file = writeTemp('dictionaries.jsonl', `${lines.join('\n')}\n`);
    const { ds, chunks } = await loadParallel([file, ...fixtures], { segmentBytes: 2048 });
    assert.ok(chunks[0]! > 5, 'the file came in several chunks');
    assert.ok(ds.ledger.duplicates >= 40);
    assert.ok(!(ds.tables.AuditLogs.column('UserId') as unknown as string[]).some((u) => u.startsWith('ghost')));
    assertDictionariesExact(ds);
    assertDictionariesExact(await loadSerial([file, ...fixtures]));
  });
});
