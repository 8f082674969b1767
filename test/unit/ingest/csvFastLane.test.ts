/**
 * The CSV reader's fast lane gives exactly what csv-parse gives: the same rows with the same
 * fields and positions, the same rejections and warnings, in the same order, for well-formed and
 * broken files alike, however the bytes arrive. csv-parse alone (fastLane: false) is the reference.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCsv } from '../../../src/core/ingest/csvReader';
import { ANOMALY, CsvSplitState, MORE, readCsvRecord } from '../../../src/core/ingest/csvFastSplit';
import type { RecordSink } from '../../../src/core/ingest/recordSink';
import { damage, damaged, headers, wellFormed } from './csvArbitraries';
import { fixtureBytes } from './helpers';

const RUNS = Number(process.env.INGEST_PROPERTY_RUNS ?? 150);

async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** Everything a reader tells its sink, in order. */
async function events(bytes: Buffer, sizes: readonly number[], fastLane: boolean): Promise<unknown[]> {
  const out: unknown[] = [];
  const sink: RecordSink = {
    json: () => assert.fail('a CSV reader gives no JSON'),
    row: (fields, format, pos) => out.push(['row', { ...fields }, format, pos]),
    reject: (reason, pos) => out.push(['reject', reason, pos]),
    warn: (reason, pos) => out.push(['warn', reason, pos]),
  };
  await readCsv(chunked(bytes, sizes), sink, undefined, { fastLane });
  return out;
}

async function assertSameAsCsvParse(bytes: Buffer, sizes: readonly number[]): Promise<unknown[]> {
  const fast = await events(bytes, sizes, true);
  const reference = await events(bytes, sizes, false);
  assert.deepEqual(fast, reference);
  return fast;
}

const chunking = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 });

describe('ingest: the CSV fast lane reads as csv-parse does', function () {
  it('reads a Purview row, doubled quotes and all, in one step', function () {
    const row = 'id-1,5/1/2024 10:00:00 AM,50,MailItemsAccessed,a@b.c,"{""Id"":""id-1"",""Path"":""\\\\Inbox, \\""x\\""""}",,\r\n';
    const fields: string[] = [];
    const state = new CsvSplitState();
    state.lineBreak = 'crlf';
    const bytes = Buffer.from(row);
    assert.equal(readCsvRecord(bytes, 0, false, state, fields), bytes.length);
    assert.deepEqual(fields, ['id-1', '5/1/2024 10:00:00 AM', '50', 'MailItemsAccessed', 'a@b.c', '{"Id":"id-1","Path":"\\\\Inbox, \\"x\\""}', '', '']);
    assert.deepEqual(JSON.parse(fields[5]!), { Id: 'id-1', Path: '\\Inbox, "x"' });
  });

  it('waits for the rest of a record, and leaves what it does not accept to csv-parse', function () {
    const state = new CsvSplitState();
    state.lineBreak = 'lf';
    const fields: string[] = [];
    assert.equal(readCsvRecord(Buffer.from('a,"b\nc'), 0, false, state, fields), MORE);
    assert.equal(readCsvRecord(Buffer.from('a,"b\nc",d\n'), 0, false, state, fields), 10);
    assert.deepEqual(fields, ['a', 'b\nc', 'd']);
    for (const text of ['a,b"c\n', 'a,"b"c\n', 'a,b\r\n', 'a,b\rc\n', 'a,"open at the end']) {
      assert.equal(readCsvRecord(Buffer.from(text), 0, true, state, fields), ANOMALY, JSON.stringify(text));
    }
  });

  it('gives the same rows, rejections and warnings for each CSV fixture, however it is chunked', async function () {
    for (const name of ['purview-new.csv', 'purview-old.csv', 'sentinel-office-activity.csv', 'sentinel-signin-logs.csv', 'sentinel-audit-logs.csv']) {
      const bytes = fixtureBytes(name);
      for (const sizes of [[1 << 16], [1], [7, 300, 2]]) {
        const out = await assertSameAsCsvParse(bytes, sizes);
        assert.ok(out.filter((e) => (e as unknown[])[0] === 'row').length > 0, name);
      }
    }
  });

  it('matches csv-parse on well-formed exports', async function () {
    await fc.assert(fc.asyncProperty(wellFormed, chunking, async (text, sizes) => {
      await assertSameAsCsvParse(Buffer.from(text, 'utf8'), sizes);
    }), { numRuns: RUNS, timeout: 10_000 });
  });

  it('matches csv-parse on damaged exports, before, at and after the damage', async function () {
    await fc.assert(fc.asyncProperty(wellFormed, fc.array(fc.tuple(fc.nat(), damage), { minLength: 1, maxLength: 3 }), fc.boolean(), chunking, async (text, hits, cut, sizes) => {
      let bad = damaged(text, hits);
      if (cut) bad = bad.slice(0, Math.floor(bad.length * 0.8));
      await assertSameAsCsvParse(Buffer.from(bad, 'utf8'), sizes);
    }), { numRuns: RUNS, timeout: 10_000 });
  });

  it('leaves a record longer than 16 MB to csv-parse, and reads the rows around it the same way', async function () {
    const big = `{""CreationTime"":""2024-05-01T10:00:00"",""Id"":""big"",""Operation"":""Send"",""Notes"":""${'x'.repeat(17 << 20)}""}`;
    const row = (id: string, auditData: string): string => `${id},5/1/2024 10:00:00 AM,2,Send,a@b.c,"${auditData}",,`;
    const text = [headers[0], row('a', '{""Id"":""a""}'), row('big', big), row('c', '{""Id"":""c""}')].join('\n');
    const out = await assertSameAsCsvParse(Buffer.from(text), [1 << 20]);
    assert.deepEqual(out.map((e) => (e as unknown[])[0]), ['row', 'row', 'row']);
    assert.equal(((out[1] as unknown[])[1] as Record<string, string>).AuditData!.length, big.length - 16);
  });

  it('matches csv-parse on bytes that are not UTF-8', async function () {
    const text = Buffer.from(`${headers[0]}\nid,5/1/2024,50,Op,u,"{""a"":""`);
    const bytes = Buffer.concat([text, Buffer.from([0xff, 0xc3]), Buffer.from('""}",,\nid2,5/1/2024,50,Op,u,"{}",,\n')]);
    const out = await assertSameAsCsvParse(bytes, [1 << 16]);
    assert.ok(out.some((e) => (e as unknown[])[0] === 'warn'));
  });
});
