import * as assert from 'node:assert/strict';
import { DatasetLoader } from '../../../src/core/ingest';
import { datasetStatusText, ledgerLines, NO_DATA_STATUS_TEXT, type LoadedDataset } from '../../../src/extension/dataset/loadedDataset';

async function loadedFrom(text: string): Promise<LoadedDataset> {
  const loader = new DatasetLoader();
  await loader.load({ name: 'a.jsonl', open: async function* () { yield Buffer.from(text); } });
  const dataset = loader.finish();
  return {
    sources: ['file:///a.jsonl'], records: dataset.ledger.loaded, duplicates: dataset.ledger.duplicates,
    rejected: dataset.ledger.rejected, firstTime: Date.UTC(2024, 0, 31, 23, 30), lastTime: Date.UTC(2024, 1, 2, 0, 15), dataset,
  };
}

describe('dataset status text', () => {
  it('says there is no data before a load', () => {
    assert.equal(datasetStatusText(undefined), NO_DATA_STATUS_TEXT);
  });

  it('names records, UTC days and rejects of a loaded dataset, and the ledger lists each rejection', async () => {
    const rec = (id: string, t: string) => JSON.stringify({ CreationTime: t, Id: id, Operation: 'MailItemsAccessed', RecordType: 50, UserId: 'a@x' });
    const dataset = await loadedFrom([rec('1', '2024-01-31T23:30:00'), rec('1', '2024-01-31T23:30:00'), '{broken', rec('2', '2024-02-02T00:15:00')].join('\n'));
    assert.equal(datasetStatusText(dataset), 'exo-audit: 2 records · 2024-01-31 – 2024-02-02 · 1 rejected');
    const lines = ledgerLines(dataset);
    assert.ok(lines.includes('read: 4 = loaded 2 + duplicate 1 + rejected 1'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('  a.jsonl:3: invalid JSON')), lines.join('\n'));
  });
});
