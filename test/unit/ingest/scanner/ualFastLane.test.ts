/**
 * The fast lane (the WebAssembly scanner and UalFastLane) must give exactly the chunk that parsing
 * every line gives: same rows, values, JSON texts, dictionaries, rejections and warnings. Each test
 * encodes the same segment both ways and compares the chunks whole.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { encodeJsonLinesSegment } from '../../../../src/core/ingest';
import type { ColumnChunk } from '../../../../src/core/ingest/columnChunk';
import { SegmentDictionaries } from '../../../../src/core/ingest/segmentDictionaries';
import { UalFastLane } from '../../../../src/core/ingest/scanner/ualFastLane';
import { UalScanner } from '../../../../src/core/ingest/scanner/ualScanner';
import { ATTACK_OPTIONS, collect } from '../../synth/fixtures';
import { corpusDir, fixturesDir, requireCorpus } from '../helpers';

/** The chunk without its dictionary stream's name (each encoding gets its own). */
function encode(segment: Buffer, fastLane: boolean): Omit<ColumnChunk, 'dictionary'> {
  const { dictionary: _stream, ...chunk } = encodeJsonLinesSegment(segment, 1000, new SegmentDictionaries(), { fastLane });
  return chunk;
}

/** How many lines the lane took while `run` ran (to show the tests exercise it, not only the parse). */
function taken(run: () => void): number {
  const read = UalFastLane.prototype.read;
  let count = 0;
  UalFastLane.prototype.read = function (this: UalFastLane, ...args: Parameters<typeof read>): boolean {
    const took = read.apply(this, args);
    if (took) count++;
    return took;
  };
  try {
    run();
  } finally {
    UalFastLane.prototype.read = read;
  }
  return count;
}

function assertSameBothWays(segment: Buffer, label: string): Omit<ColumnChunk, 'dictionary'> {
  const parsed = encode(segment, false);
  const fast = encode(segment, true);
  assert.deepStrictEqual(fast, parsed, label);
  return fast;
}

const lines = (records: readonly unknown[]): Buffer => Buffer.from(`${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

/** A MailItemsAccessed record as the Management Activity API writes it. */
function mailItemsAccessed(i: number): Record<string, unknown> {
  return {
    AppAccessContext: { AADSessionId: `sess-${i % 3}`, IssuedAtTime: '2024-03-05T11:48:21', UniqueTokenId: `tok${i}` },
    CreationTime: `2024-03-05T11:${String(i % 60).padStart(2, '0')}:21`, Id: `5fad0315-8f19-416e-8946-${String(i).padStart(12, '0')}`,
    Operation: 'MailItemsAccessed', OrganizationId: 'f460c45d-be0f-442c-b9cd-4609a70bd254', RecordType: 50, ResultStatus: 'Succeeded',
    UserKey: '10034F31829A1203', UserType: 0, Version: 1, Workload: 'Exchange', UserId: `user${i % 5}@contoso.com`,
    AppId: '00000002-0000-0ff1-ce00-000000000000', ClientAppId: '', ClientIPAddress: i % 2 ? '90.84.193.232' : '[2a01:e0a::1]:443',
    ClientInfoString: 'Client=OWA;Action=ViaProxy', ExternalAccess: false, InternalLogonType: 0, LogonType: i % 3,
    MailboxGuid: '357d615a-60b5-4cc9-8ada-c33bbc38ccc2', MailboxOwnerUPN: `user${i % 5}@contoso.com`,
    OperationProperties: [{ Name: 'MailAccessType', Value: i % 2 ? 'Bind' : 'Sync' }, { Name: 'IsThrottled', Value: 'False' }],
    OriginatingServer: 'SA1PR11MB9406 (15.20.7464.007)\r\n', SessionId: i % 4 ? `sess-${i}` : '',
    Folders: [{ FolderItems: [{ InternetMessageId: `<m${i}@x.outlook.com>`, SizeInBytes: 2780773 + i }], Id: 'LgAAAA', Path: '\\Inbox' }],
    OperationCount: 1,
  };
}

describe('fast lane: the WebAssembly scanner', () => {
  it('is built from assembly/ualScanner.ts as committed (scripts/wasm.mjs)', function () {
    this.timeout(60_000);
    execFileSync(process.execPath, [path.join(__dirname, '../../../../scripts/wasm.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('loads in this Node (WebAssembly with SIMD), so the lane is really used here', () => {
    assert.ok(UalScanner.create() !== null);
  });
});

describe('fast lane: same chunk as parsing every line', () => {
  it('on MailItemsAccessed records as the Management Activity API writes them', () => {
    let chunk: Omit<ColumnChunk, 'dictionary'> | undefined;
    const took = taken(() => { chunk = assertSameBothWays(lines(Array.from({ length: 300 }, (_, i) => mailItemsAccessed(i))), 'mail items accessed'); });
    assert.equal(chunk!.tables.AuditLogs.rows, 300);
    assert.equal(took, 300);
  });

  it('on every JSON fixture, line by line', () => {
    for (const name of fs.readdirSync(fixturesDir)) {
      if (!/\.jsonl?$/.test(name)) continue;
      const text = fs.readFileSync(path.join(fixturesDir, name));
      assertSameBothWays(text, name);
    }
  });

  it('on the synthetic tenant\'s audit records (every operation the generator writes)', function () {
    this.timeout(60_000);
    const records = collect(ATTACK_OPTIONS).byTable.AuditLogs.map((r) => r.record);
    assert.ok(records.length > 1000);
    let chunk: Omit<ColumnChunk, 'dictionary'> | undefined;
    const took = taken(() => { chunk = assertSameBothWays(lines(records), 'synthetic tenant'); });
    assert.equal(chunk!.tables.AuditLogs.rows, records.length);
    assert.ok(took > records.length * 0.9, `${took} of ${records.length} taken by the lane`);
  });

  it('on every record of the shared corpus, one per line', function () {
    requireCorpus(this);
    const records: unknown[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.jsonl$/.test(e.name)) for (const l of fs.readFileSync(p, 'utf8').split('\n')) { try { records.push(JSON.parse(l)); } catch { /* not a record */ } }
        else if (/\.json$/.test(e.name)) {
          try {
            const v: unknown = JSON.parse(fs.readFileSync(p, 'utf8'));
            records.push(...(Array.isArray(v) ? v : [v]));
          } catch { /* not JSON */ }
        }
      }
    };
    walk(corpusDir);
    assert.ok(records.length > 10);
    assertSameBothWays(lines(records), 'corpus');
  });

  it('on lines the lane must leave to the parse, or read with care', () => {
    const base = JSON.stringify(mailItemsAccessed(1));
    const variants = [
      base.replace('"UserId"', '"userid"'), // two spellings of UserId
      base.replace('"OperationCount":1', '"OperationCount":1,"OperationCount":2'), // a key twice
      base.replace('"Operation":"MailItemsAccessed"', '"Oper\\u0061tion":"MailItemsAccessed"'), // a key with an escape
      base.replace('"ResultStatus":"Succeeded"', '"ResultStatus":"Succ\\u0065eded"'),
      base.replace('"Path":"\\\\Inbox"', '"Path":"\\/Inbox"'), // \/ in Folders: not JSON.stringify's text
      base.replace('"SizeInBytes":2780774', '"SizeInBytes":2.780774e6'),
      base.replace('"SizeInBytes":2780774', '"SizeInBytes":-0'),
      base.replace('"SizeInBytes":2780774', '"SizeInBytes":1e400'),
      base.replace('"SizeInBytes":2780774', '"SizeInBytes":12345678901234567890'),
      base.replace('"Id":"LgAAAA"', '"Id":"LgAAAA","Id":"again"'), // a repeated key inside Folders
      base.replace('"Id":"LgAAAA"', '"1":"numeric","Id":"LgAAAA"'), // a numeric key: JSON.stringify moves it first
      base.replace('"Id":"LgAAAA"', '"NewValue":"[\\"x\\"]","Id":"LgAAAA"'), // toDynamic rewrites NewValue
      base.replace('"FolderItems":[', '"FolderItems" : ['), // blanks inside Folders
      base.replace('"Folders":[', '"Folders":{"a":['), // not valid JSON
      base.replace(/,"Folders":.*,"OperationCount"/, ',"Folders":{"Path":"x"},"OperationCount"'), // Folders not an array
      base.replace('"Folders":[', '"AffectedItems":[{"Id":"a"},{"Id":"b"}],"Folders":['),
      base.replace(/,"Folders":.*,"OperationCount"/, ',"AffectedItems":"[{\\"Id\\":\\"a\\"}]","OperationCount"'),
      base.replace('"SessionId":"sess-1"', '"SessionId":""'), // AppAccessContext's session then wanted
      base.replace('"SessionId":"sess-1",', ''),
      base.replace('"ClientIPAddress":"90.84.193.232"', '"ClientIPAddress":"::ffff:10.1.2.3"'),
      base.replace('"UserId":"user1@contoso.com"', '"UserId":"élodie@contoso.com"'),
      base.replace('"UserId":"user1@contoso.com"', '"UserId":"tab\\there"'),
      base.replace('"CreationTime":"2024-03-05T11:01:21"', '"CreationTime":"not a time"'),
      base.replace('"CreationTime":"2024-03-05T11:01:21",', ''), // not the hot shape: classified by the parse
      base.replace('"RecordType":50', '"RecordType":"50"'),
      base.replace('"OperationProperties":[', '"OperationProperties":[{"Name":"Extra","Value":"1"},'),
      `  ${base}  `,
      base.replace('{', '{ ').replace(/}$/, ' }'),
      `${base} x`,
      base.slice(0, -1),
      `[${base}]`,
      base.replace('"Version":1', '"Version":1,"Nested":' + '['.repeat(80) + ']'.repeat(80)),
    ];
    for (const v of variants) assert.notEqual(v, base);
    const took = taken(() => assertSameBothWays(Buffer.from(`${[base, ...variants].join('\n')}\n`), 'variants'));
    assert.ok(took >= 12, `${took} lines taken by the lane`);
  });

  it('when a line it gives up on was the first to carry a value', () => {
    // The scanner interns the new values of a line before the lane sees the repeated key and gives up:
    // the next line with those values must still get them.
    const first = { ...mailItemsAccessed(3), UserId: 'first-seen@contoso.com', OperationProperties: [{ Name: 'Fresh', Value: 'x' }] };
    const again = { ...first, Id: 'again' };
    const repeated = JSON.stringify(first).replace('"OperationCount":1', '"OperationCount":1,"OperationCount":1');
    const took = taken(() => assertSameBothWays(Buffer.from(`${repeated}\n${JSON.stringify(again)}\n`), 'given up first'));
    assert.equal(took, 1);
  });

  it('on random records and random damage (property)', function () {
    this.timeout(120_000);
    const key = fc.constantFrom('CreationTime', 'Id', 'Operation', 'RecordType', 'UserId', 'userid', 'Workload', 'ClientIP', 'ClientIPAddress',
      'Folders', 'OperationProperties', 'Parameters', 'SessionId', 'AppAccessContext', 'AffectedItems', 'ItemCount', 'Other', '__proto__', '0');
    const scalar = fc.oneof(
      fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant('2024-03-05T11:48:21'),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.oneof(key, fc.string()), tie('v'), { maxKeys: 3 })),
    })).v;
    const record = fc.tuple(fc.dictionary(key, value, { maxKeys: 10 }), fc.boolean()).map(([o, hot]) => (hot ? { CreationTime: '2024-03-05T11:48:21', Operation: 'X', ...o } : o));
    const damage = fc.oneof(
      fc.constant((s: string) => s),
      fc.nat().map((n) => (s: string) => s.slice(0, n % (s.length + 1))),
      fc.tuple(fc.nat(), fc.constantFrom(' ', '\\', '"', ',', '\t', '\u0001', 'é')).map(([n, c]) => (s: string) => s.slice(0, n % (s.length + 1)) + c + s.slice(n % (s.length + 1))),
    );
    fc.assert(fc.property(fc.array(fc.tuple(record, damage), { minLength: 1, maxLength: 8 }), (items) => {
      const text = items.map(([r, d]) => d(JSON.stringify(r))).join('\n').replace(/\n(?=\n)/g, '\n ');
      assertSameBothWays(Buffer.from(text), 'property');
    }), { numRuns: 300 });
  });

  it('with bytes that are not UTF-8 inside strings and Folders', () => {
    const base = Buffer.from(JSON.stringify(mailItemsAccessed(2)));
    const inUser = Buffer.concat([base.subarray(0, base.indexOf('user2') + 2), Buffer.from([0xff, 0xc3]), base.subarray(base.indexOf('user2') + 2)]);
    const at = base.indexOf('Inbox');
    const inFolders = Buffer.concat([base.subarray(0, at), Buffer.from([0xe2, 0x82]), base.subarray(at)]);
    assertSameBothWays(Buffer.concat([inUser, Buffer.from('\n'), inFolders, Buffer.from('\n')]), 'bad bytes');
  });
});
