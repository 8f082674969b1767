/**
 * Property-based: whatever bytes arrive, in whatever chunks, loading never throws, the ledger
 * adds up (read = loaded + duplicates + rejected, per file and in total), every rejection and
 * warning points at a line, and every loaded row's location lies inside the decoded text on
 * the line it names.
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DatasetLoader } from '../../../src/core/ingest';
import type { TableName } from '../../../src/core/schema/types';
import { assertLedgerAddsUp, bytesInput, decodedBytes, fixtureBytes, lineAt } from './helpers';

const RUNS = Number(process.env.INGEST_PROPERTY_RUNS ?? 150);
const tables: TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];

async function loadChecked(bytes: Uint8Array, chunks: number[]): Promise<void> {
  const loader = new DatasetLoader();
  const ledger = await loader.load(bytesInput('soup', bytes, chunks));
  const ds = loader.finish();
  assertLedgerAddsUp(ds);
  for (const r of [...ledger.rejections, ...ledger.warnings]) {
    assert.equal(r.file, 'soup');
    assert.ok(Number.isInteger(r.line) && r.line >= 1, `line ${r.line}: ${r.reason}`);
    assert.ok(r.offset >= 0, `offset ${r.offset}`);
    assert.ok(typeof r.reason === 'string' && r.reason.length > 0);
  }
  if (ledger.gzip) return; // a damaged gzip cannot be decoded again here to check locations
  const raw = Buffer.from(bytes);
  for (const table of tables) {
    for (let i = 0; i < ds.tables[table].numRows(); i++) {
      const loc = ds.locate(table, i);
      const text = decodedBytes(raw, loc.file);
      assert.ok(loc.offset >= 0 && loc.length >= 0 && loc.offset + loc.length <= text.length, `location ${loc.offset}+${loc.length} of ${text.length}`);
      assert.equal(loc.line, lineAt(text, loc.offset));
    }
  }
}

const chunking = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 });

const prefixes = [
  '', '{', '[', '\uFEFF', '{"value":[', '{"records":[', '{"input":{"message":"',
  'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\n',
  'CreationDate,UserIds,Operations,AuditData\r\n',
  'TenantId,RecordType,TimeGenerated [UTC],Operation,UserId,OfficeWorkload,Parameters,OfficeId,Type\n',
].map((p) => Buffer.from(p, 'utf8'));
const bytePrefixes = [...prefixes, Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]), Buffer.from([0x1f, 0x8b]), Buffer.from([0x1f, 0x8b, 0x08, 0x00])];

const jsonTokens = [
  '{', '}', '[', ']', '"', ':', ',', '\n', '\r\n', ' ', '\\', '\\"', '\\u00e9', 'é', '–', '\u0000', '\uFEFF', '1', '-0.5e3', 'null', 'true',
  '"CreationTime"', '"2024-05-01T10:00:00"', '"5/1/2024 10:00:00 AM"', '"yesterday"', '"Operation"', '"MailItemsAccessed"', '"Id"', '"id"', '"x"',
  '"RecordType"', '50', '"UserId"', '"userid"', '"ClientIP"', '"[2001:db8::1]:443"', '"value"', '"records"', '"input"', '"message"', '"auditData"',
  '"createdDateTime"', '"appDisplayName"', '"activityDateTime"', '"activityDisplayName"', '"category"', '"SignInLogs"', '"properties"', '"time"',
  '"AuditData"', '""', '"Parameters"', '[{"Name":"Identity","Value":"a@b"}]',
];
const jsonish = fc.array(fc.constantFrom(...jsonTokens), { maxLength: 200 }).map((t) => t.join(''));

const csvTokens = [',', '"', '""', '\n', '\r\n', '\r', ' ', 'a', 'x y', 'MailItemsAccessed', '5/1/2024 10:00:00 AM', '2024-05-01T10:00:00Z', 'é', '\u0000',
  '{""CreationTime"":""2024-05-01T10:00:00"",""Operation"":""Send"",""Id"":""1""}', '"{""CreationTime"":""2024-05-01T10:00:00"",""Id"":""2""}"', '[', ']', '{', '}'];
const csvish = fc.array(fc.constantFrom(...csvTokens), { maxLength: 300 }).map((t) => t.join(''));

const fixtureNames = [
  'purview-new.csv', 'purview-old.csv', 'ual.jsonl', 'ual-array.json', 'graph-audit-page.json', 'graph-audit-records.jsonl',
  'graph-signins.json', 'graph-directory-audits.json', 'azure-monitor-records.json', 'sekoia-envelope.json',
  'sentinel-office-activity.csv', 'sentinel-signin-logs.csv', 'sentinel-audit-logs.csv', 'ual-quirks.jsonl',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.constantFrom(...[',', '"', '\n', '{', '}', ']', '\r\n"', '\\'].map((s) => Buffer.from(s)))) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length === 0 ? 0 : m.at % bytes.length;
  switch (m.kind) {
    case 'delete': return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case 'insert': return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    case 'flip': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at] = m.value;
      return copy;
    }
    case 'truncate': return bytes.subarray(0, at);
    case 'repeat': return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
  }
}

type Wrap = 'plain' | 'utf16' | 'gzip';
function wrap(bytes: Buffer, how: Wrap): Buffer {
  if (how === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]);
  if (how === 'gzip') return gzipSync(bytes);
  return bytes;
}

describe('ingest: any byte soup gives a ledger that adds up', function () {
  it('random bytes, with or without a telling prefix', async function () {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bytePrefixes), fc.uint8Array({ maxLength: 1500 }), chunking, async (prefix, body, chunks) => {
        await loadChecked(Buffer.concat([prefix, body]), chunks);
      }),
      { numRuns: RUNS, timeout: 10_000 },
    );
  });

  it('JSON-ish text, as UTF-8, UTF-16 or gzip', async function () {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes.slice(0, 7)), jsonish, fc.constantFrom<Wrap>('plain', 'utf16', 'gzip'), chunking, async (prefix, text, how, chunks) => {
        await loadChecked(wrap(Buffer.concat([prefix, Buffer.from(text, 'utf8')]), how), chunks);
      }),
      { numRuns: RUNS, timeout: 10_000 },
    );
  });

  it('CSV-ish text under a known header', async function () {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes.slice(7)), csvish, fc.constantFrom<Wrap>('plain', 'utf16'), chunking, async (header, text, how, chunks) => {
        await loadChecked(wrap(Buffer.concat([header, Buffer.from(text, 'utf8')]), how), chunks);
      }),
      { numRuns: RUNS, timeout: 10_000 },
    );
  });

  it('random mutations of the valid fixtures, in any encoding, mutated before or after gzip', async function () {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixtureNames), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom<Wrap>('plain', 'utf16', 'gzip'),
        fc.boolean(), chunking,
        async (name, mutations, how, mutateAfterWrap, chunks) => {
          let bytes = fixtureBytes(name);
          if (!mutateAfterWrap) for (const m of mutations) bytes = mutate(bytes, m);
          bytes = wrap(bytes, how);
          if (mutateAfterWrap) for (const m of mutations) bytes = mutate(bytes, m);
          await loadChecked(bytes, chunks);
        },
      ),
      { numRuns: RUNS * 2, timeout: 10_000 },
    );
  });
});
