/**
 * The loaded tables follow the data conventions every consumer relies on, read from the
 * schema catalogue: exactly the catalogue's columns; Time as epoch ms in a Float64Array;
 * strings '' when missing (never null); long/real number or null; bool true/false/null.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tables as tableDefs } from '../../../src/core/schema/catalog';
import type { ColumnType } from '../../../src/core/schema/types';
import { corpusDir, fileInput, fixture, loadAll, type Loaded } from './helpers';

const fixtures = [
  'purview-new.csv', 'purview-old.csv', 'ual.jsonl', 'ual-array.json', 'graph-audit-records.jsonl', 'graph-signins.json',
  'graph-directory-audits.json', 'azure-monitor-records.json', 'sekoia-envelope.json', 'sentinel-office-activity.csv',
  'sentinel-signin-logs.csv', 'sentinel-audit-logs.csv', 'ual-quirks.jsonl',
];

function corpusInputs() {
  if (!fs.existsSync(corpusDir)) return [];
  return fs.readdirSync(corpusDir).flatMap((folder) =>
    fs.readdirSync(path.join(corpusDir, folder)).filter((f) => f !== 'SOURCE.txt').map((f) => fileInput(path.join(corpusDir, folder, f), `${folder}/${f}`)));
}

function fits(type: ColumnType, v: unknown): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'long': return v === null || Number.isInteger(v);
    case 'real': return v === null || typeof v === 'number';
    case 'bool': return v === null || typeof v === 'boolean';
    case 'datetime': return typeof v === 'number';
    case 'dynamic': return v === null || (v !== undefined && typeof v !== 'function');
    case 'timespan': return v === null || typeof v === 'number';
  }
}

describe('ingest: loaded tables follow the catalogue and the data conventions', function () {
  let loaded: Loaded;
  before(async function () {
    loaded = await loadAll(...fixtures.map((f) => fixture(f)), ...corpusInputs());
  });

  for (const def of tableDefs) {
    it(`${def.name}: the catalogue's columns, each value of its column's type`, function () {
      const table = loaded.ds.tables[def.name];
      assert.ok(table.numRows() > 0);
      assert.deepEqual(table.columnNames(), def.columns.map((c) => c.name));
      assert.ok(table.column('Time') instanceof Float64Array, 'Time is a Float64Array');
      for (const col of def.columns) {
        const values = table.array(col.name) as ArrayLike<unknown>;
        for (let i = 0; i < values.length; i++) {
          assert.ok(fits(col.type, values[i]), `${def.name}.${col.name} row ${i}: ${JSON.stringify(values[i])} is not ${col.type}`);
        }
      }
    });
  }

  it('SourceFile and SourceLine say where each row came from', function () {
    const names = new Set(loaded.ds.files.map((f) => f.name));
    for (const def of tableDefs) {
      const t = loaded.ds.tables[def.name];
      for (let i = 0; i < t.numRows(); i++) {
        assert.ok(names.has(t.get('SourceFile', i) as string));
        assert.ok((t.get('SourceLine', i) as number) >= 1);
        assert.equal(loaded.ds.locate(def.name, i).file.name, t.get('SourceFile', i));
      }
    }
  });
});
