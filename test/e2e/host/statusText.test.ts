import * as assert from 'node:assert/strict';
import { datasetStatusText, ledgerLines, NO_DATA_STATUS_TEXT } from '../../../src/extension/dataset/loadedDataset';

describe('dataset status text', () => {
  it('says there is no data before a load', () => {
    assert.equal(datasetStatusText(undefined), NO_DATA_STATUS_TEXT);
  });

  it('names records, UTC days and rejects of a loaded dataset', () => {
    const dataset = {
      sources: ['file:///a.csv'],
      records: 12345,
      duplicates: 5,
      rejected: 2,
      firstTime: Date.UTC(2024, 0, 31, 23, 30),
      lastTime: Date.UTC(2024, 1, 2, 0, 15),
    };
    assert.equal(datasetStatusText(dataset), 'exo-audit: 12,345 records · 2024-01-31 – 2024-02-02 · 2 rejected');
    assert.ok(ledgerLines(dataset).includes('read: 12352 = loaded 12345 + duplicate 5 + rejected 2'));
  });
});
