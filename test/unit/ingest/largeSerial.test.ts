/**
 * A serial load of more rows than one reservation step (64k rows a table) reserves room from the
 * bytes left; whatever the guess, the table holds exactly the rows read, in order.
 */
import * as assert from 'node:assert/strict';
import { DatasetLoader, type InputFile } from '../../../src/core/ingest';
import { bytesInput } from './helpers';

const ROWS = 140_000;

function lines(): string {
  const out: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    // Longer records later in the file: the early guess of rows to come is too high, then revised.
    const pad = i > ROWS / 2 ? 'x'.repeat(40) : '';
    out.push(JSON.stringify({ CreationTime: new Date(Date.UTC(2024, 2, 1) + i * 1000).toISOString().slice(0, 19), Id: `id-${i}`, Operation: i % 3 ? 'MailItemsAccessed' : 'Send', RecordType: 50, UserId: `u${i % 50}@contoso.com`, Workload: 'Exchange', ClientInfoString: pad }));
  }
  return `${out.join('\n')}\n`;
}

async function load(input: InputFile): Promise<{ ids: unknown[]; ops: unknown[]; rows: number }> {
  const loader = new DatasetLoader();
  await loader.load(input);
  const t = loader.finish().tables.AuditLogs;
  return { ids: Array.from(t.array('Id')), ops: Array.from(t.array('Operation')), rows: t.numRows() };
}

describe('ingest: large serial loads', function () {
  this.timeout(60_000);
  const text = lines();

  it('hold exactly the rows read, with room reserved from the file size or without a size', async () => {
    const sized = await load(bytesInput('big.jsonl', text, 1 << 20));
    const unsized = await load({ ...bytesInput('big.jsonl', text, 1 << 20), size: undefined });
    assert.equal(sized.rows, ROWS);
    assert.equal(sized.ids.length, ROWS);
    assert.equal(sized.ids[0], 'id-0');
    assert.equal(sized.ids[ROWS - 1], `id-${ROWS - 1}`);
    assert.ok(sized.ids.every((id) => typeof id === 'string'), 'no hole left by the reserved room');
    assert.deepEqual(sized, unsized);
  });
});
