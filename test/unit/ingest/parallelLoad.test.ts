/**
 * The parallel JSON-lines load (segments encoded on worker threads, merged in file order) gives
 * exactly what the serial load gives: every column of every table row by row, record locations,
 * and the ledger (counts, rejections and warnings with file, line and reason). Segments are kept
 * small so records, duplicates and bad lines fall on both sides of segment boundaries.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { localInputFile } from '../../../src/connect/localFiles';
import { closeIdleLoadWorkers, runningLoadWorkers } from '../../../src/connect/segmentPool';
import { DatasetLoader, type Dataset } from '../../../src/core/ingest';
import { createSyntheticTenant, type SynthFormatId } from '../../../src/core/synth';
import { corpusDir, requireCorpus } from './helpers';
import { assertSameLoad, loadParallel, loadSerial, tableNames, writeTemp } from './parallelHelpers';

/** How deep arrays are nested in a value (counted without recursion). */
function nesting(v: unknown): number {
  let n = 0;
  for (let x = v; Array.isArray(x); x = x[0]) n++;
  return n;
}

function synthLines(format: SynthFormatId, seed: number): string[] {
  const tenant = createSyntheticTenant({ seed, users: 16, days: 2 });
  return [...tenant.write(format)].join('').split('\n').filter((l) => l.trim() !== '');
}

const time = (s: number): string => new Date(Date.UTC(2024, 4, 1, 10, 0, s)).toISOString().replace('.000Z', '');

/** Lines that must be rejected or warned about, or that test one quirk each. */
function hostileLines(): string[] {
  return [
    'not json {',
    JSON.stringify({ CreationTime: 'yesterday at noon', Id: 'bad-time', Operation: 'MailItemsAccessed', RecordType: 50, UserId: 'a@contoso.com' }),
    '[1, 2]',
    JSON.stringify({ foo: 1, bar: 2 }),
    '',
    '   \t',
    `\ufeff${JSON.stringify({ CreationTime: time(1), Id: 'stray-bom', Operation: 'Send', RecordType: 2, UserId: 'b@contoso.com' })}`,
    JSON.stringify({ Type: 'OfficeActivity', Operation: 'MailItemsAccessed', OfficeId: 'no-time', UserId: 'c@contoso.com' }),
    `{"CreationTime":"${time(2)}","Id":"case-keys","Operation":"Send","operation":"SendAs","RecordType":2,"UserId":"d@contoso.com","userid":"e@contoso.com"}`,
    `{"CreationTime":"${time(3)}","Id":"minus-zero","Operation":"Set-Mailbox","RecordType":1,"UserId":"f@contoso.com",`
      + '"Parameters":[{"Name":"Identity","Value":"f@contoso.com"},{"Name":"Quota","Value":-0},{"Name":"Big","Value":1e400},{"Name":"__proto__","Value":1}],'
      + '"ModifiedProperties":[{"Name":"Q","NewValue":"[\\r\\n-0.0\\r\\n]","OldValue":"-0"}],"Folders":[{"__proto__":{"x":1},"Path":"\\\\Inbox"}]}',
    `{"CreationTime":"${time(3)}","Id":"minus-zero-escaped","Operation":"Set-Mailbox","RecordType":1,"UserId":"f@contoso.com","ModifiedProperties":[{"Name":"R","NewValue":"[\\u0020-0]"}]}`,
    `{"CreationTime":"${time(4)}","Id":"bag-object","Operation":"Add-MailboxPermission","RecordType":1,"UserId":"g@contoso.com","Parameters":{"Identity":"h@contoso.com","User":"i@contoso.com","AccessRights":"FullAccess"}}`,
    `{"records":[{"time":"${time(5)}T","category":"SignInLogs","properties":{"id":"env-1","createdDateTime":"2024-05-01T10:00:05Z","appDisplayName":"Outlook","userPrincipalName":"j@contoso.com","status":{"errorCode":0}}}]}`,
    `{"CreationTime":"${time(6)}","Id":"big","Operation":"Set-Mailbox","RecordType":1,"UserId":"k@contoso.com","Parameters":[{"Name":"Notes","Value":"${'x'.repeat(20_000)}"}]}`,
    '{"CreationTime": "2024-05-01T10:00:07", "Id": "truncated", "Operation": "Se',
  ];
}

/** Synthetic records of all three tables, interleaved, with hostile lines and duplicates spread through the file. */
function mixedLines(): string[] {
  const ual = synthLines('ual-jsonl', 11);
  const signIns = synthLines('graph-signins-jsonl', 11);
  const directory = synthLines('graph-directoryaudits-jsonl', 11);
  const graphAudit = synthLines('graph-audit-jsonl', 12);
  const out: string[] = [];
  const hostile = hostileLines();
  const longest = Math.max(ual.length, signIns.length, directory.length, graphAudit.length);
  for (let i = 0; i < longest; i++) {
    for (const source of [ual, signIns, directory, graphAudit]) if (i < source.length) out.push(source[i]!);
    if (i % 37 === 5 && hostile.length > 0) out.push(hostile.shift()!);
    // Exact repeats: at once (same segment), and of records far back (other segments).
    if (i % 53 === 7) out.push(out[out.length - 1]!);
    if (i % 41 === 3 && out.length > 200) out.push(out[out.length - 180]!);
  }
  out.push(...hostile);
  return out;
}

describe('ingest: parallel JSON-lines load gives the serial load exactly', function () {
  this.timeout(120_000);
  let lines: string[];
  before(function () {
    lines = mixedLines();
  });

  it('synthetic records of all three tables with bad lines, quirks and duplicates across segment boundaries', async function () {
    const file = writeTemp('mixed.jsonl', `${lines.join('\n')}\n`);
    const serial = await loadSerial([file]);
    const { ds, chunks } = await loadParallel([file]);
    assert.ok(chunks[0]! > 20, `the file crossed many segments (${chunks[0]})`);
    assertSameLoad(ds, serial);
    // The inputs did what they are here for.
    const l = serial.ledger;
    assert.ok(l.duplicates > 10 && l.rejected >= 5, `duplicates ${l.duplicates}, rejected ${l.rejected}`);
    assert.ok(tableNames.every((t) => serial.tables[t].numRows() > 20), 'rows in every table');
    const reasons = l.files[0]!.rejections.map((r) => r.reason).join('\n');
    for (const want of ['invalid JSON', 'unreadable time', 'not a recognised audit']) assert.ok(reasons.includes(want), want);
    const warnings = l.files[0]!.warnings.map((w) => w.reason).join('\n');
    for (const want of ['no time field', 'differ only in case']) assert.ok(warnings.includes(want), want);
    const params = serial.tables.AuditLogs.array('Parameters') as unknown[];
    const nullProtoBags = params.filter((p) => p !== null && typeof p === 'object' && Object.getPrototypeOf(p) === null);
    assert.ok(nullProtoBags.length > 0, 'name -> value bags without prototype');
    assert.ok(params.some((p) => p !== null && Object.is((p as Record<string, unknown>).Quota, -0)), 'a -0 inside a dynamic value');
    assert.ok(params.some((p) => p !== null && (p as Record<string, unknown>).Big === Infinity), 'an Infinity (1e400) inside a dynamic value');
    const modified = serial.tables.AuditLogs.array('ModifiedProperties') as unknown[];
    assert.ok(modified.some((m) => Array.isArray(m) && Object.is((m[0] as Record<string, unknown> | undefined)?.NewValue, -0)), 'a -0 from JSON with escaped blanks');
  });

  it('the same file with a BOM, CRLF line ends and no newline at the end', async function () {
    const file = writeTemp('bom-crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]));
    const serial = await loadSerial([file]);
    const { ds, chunks } = await loadParallel([file], { segmentBytes: 16 * 1024 });
    assert.ok(chunks[0]! > 5, `segments: ${chunks[0]}`);
    assert.equal(serial.files[0]!.encoding, 'utf-8-bom');
    assertSameLoad(ds, serial);
  });

  it('bytes that are not UTF-8, on lines in several segments (warned, loaded with U+FFFD)', async function () {
    const parts: Buffer[] = [];
    lines.slice(0, 400).forEach((l, i) => {
      if (i % 50 === 10) {
        parts.push(Buffer.from(`{"CreationTime":"${time(i % 60)}","Id":"bytes-${i}","Operation":"Send","RecordType":2,"UserId":"`));
        parts.push(Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]));
        parts.push(Buffer.from('@contoso.com"}\n'));
      }
      parts.push(Buffer.from(`${l}\n`));
    });
    const file = writeTemp('bytes.jsonl', Buffer.concat(parts));
    const serial = await loadSerial([file]);
    const { ds } = await loadParallel([file], { segmentBytes: 8192 });
    assert.ok(serial.ledger.files[0]!.warnings.some((w) => w.reason.includes('not UTF-8')), 'warned');
    assertSameLoad(ds, serial);
  });

  it('a record larger than a segment, and segments of one line each', async function () {
    const file = writeTemp('small-segments.jsonl', `${lines.slice(0, 300).join('\n')}\n${hostileLines().join('\n')}\n`);
    const serial = await loadSerial([file]);
    const { ds, chunks } = await loadParallel([file], { segmentBytes: 64 });
    assert.ok(chunks[0]! > 150, `segments of about one line: ${chunks[0]}`);
    assertSameLoad(ds, serial);
  });

  it('several files in one load: dedupe across files, a CSV in between, detail caps per file', async function () {
    const a = writeTemp('a.jsonl', `${lines.slice(0, 600).join('\n')}\n`);
    const csvTenant = createSyntheticTenant({ seed: 11, users: 16, days: 2 });
    const csv = writeTemp('b.csv', [...csvTenant.write('purview-csv')].join(''));
    const c = writeTemp('c.jsonl', `${lines.slice(300).join('\n')}\n`);
    const serial = await loadSerial([a, csv, c], { maxDetailsPerFile: 2 });
    const { ds, chunks } = await loadParallel([a, csv, c], { maxDetailsPerFile: 2 });
    assert.ok(chunks.every((n) => n > 1), `every file came in chunks: ${chunks}`);
    assert.ok(serial.ledger.files[2]!.duplicates > 200, 'the third file repeats the first');
    assert.equal(serial.ledger.files[2]!.rejections.length, 2);
    assert.ok(serial.ledger.files[2]!.rejected > 2);
    assertSameLoad(ds, serial);
  });

  it('a segment with values nested too deep to cross threads is read on the loader\'s thread, in its place', async function () {
    const depth = 200_000;
    const deep = `{"CreationTime":"${time(9)}","Id":"deep","Operation":"MailItemsAccessed","RecordType":50,"UserId":"a@contoso.com",`
      + `"Folders":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const file = writeTemp('deep.jsonl', `${lines.slice(0, 200).join('\n')}\n${deep}\n${lines.slice(200, 400).join('\n')}\n`);
    const serial = await loadSerial([file]);
    const { ds, chunks, raw } = await loadParallel([file], { segmentBytes: 16 * 1024 });
    assert.equal(raw, 1, 'one segment came back unencoded');
    assert.ok(chunks[0]! > 10);
    // Compare the deep value by its depth (deep equality would overflow the stack), the rest as usual.
    const at = (serial.tables.AuditLogs.array('Id') as string[]).indexOf('deep');
    assert.equal(nesting((ds.tables.AuditLogs.array('Folders') as unknown[])[at]), depth);
    assert.equal(nesting((serial.tables.AuditLogs.array('Folders') as unknown[])[at]), depth);
    const withoutDeep = (d: Dataset): Dataset => ({
      ...d, tables: { ...d.tables, AuditLogs: d.tables.AuditLogs.derive({ Folders: (r: { Folders: unknown; Id: string }) => (r.Id === 'deep' ? null : r.Folders) }) },
    });
    assertSameLoad(withoutDeep(ds), withoutDeep(serial));
  });

  it('gzip and UTF-16 JSON lines, and a JSON document, stay on the serial reader', async function () {
    const text = `${lines.slice(0, 300).join('\n')}\n`;
    const gz = writeTemp('lines.jsonl.gz', gzipSync(Buffer.from(text)));
    const utf16 = writeTemp('lines-utf16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const doc = writeTemp('doc.json', `[\n${lines.slice(0, 300).filter((l) => l.startsWith('{"CreationTime"')).join(',\n')}\n]\n`);
    const serial = await loadSerial([gz, utf16, doc]);
    const { ds, chunks } = await loadParallel([gz, utf16, doc]);
    assert.deepEqual(chunks, [0, 0, 0]);
    assert.deepEqual(serial.files.map((f) => [f.gzip, f.encoding]), [[true, 'utf-8'], [false, 'utf-16le'], [false, 'utf-8']]);
    assertSameLoad(ds, serial);
  });

  it('files of the shared corpus load identically both ways, as they are and as JSON lines', async function () {
    requireCorpus(this);
    const files = fs.readdirSync(corpusDir).sort().flatMap((folder) => fs.readdirSync(path.join(corpusDir, folder))
      .filter((f) => f !== 'SOURCE.txt').sort().map((f) => path.join(corpusDir, folder, f)));
    // As they are: JSON documents are read serially, CSV exports through the workers.
    const serial = await loadSerial(files);
    const { ds, chunks } = await loadParallel(files, { segmentBytes: 2048 });
    files.forEach((f, i) => assert.equal(chunks[i]! > 0, f.endsWith('.csv'), `${path.basename(f)}: ${chunks[i]} chunks`));
    assertSameLoad(ds, serial);
    // Their JSON records, one per line (real field spellings, envelopes and quirks), through the workers.
    const jsonLines = files.filter((f) => f.endsWith('.json')).map((f) => JSON.stringify(JSON.parse(fs.readFileSync(f, 'utf8'))));
    assert.ok(jsonLines.length > 50, `corpus JSON records: ${jsonLines.length}`);
    const file = writeTemp('corpus.jsonl', `${jsonLines.join('\n')}\n${jsonLines.slice(0, 20).join('\n')}\n`);
    const serialLines = await loadSerial([file]);
    const parallelLines = await loadParallel([file], { segmentBytes: 2048 });
    assert.ok(parallelLines.chunks[0]! > 10, `segments: ${parallelLines.chunks[0]}`);
    const { duplicates, loaded } = serialLines.ledger;
    assert.ok(duplicates > 10 && loaded > 100, `duplicates ${duplicates}, loaded ${loaded}`);
    assertSameLoad(parallelLines.ds, serialLines);
  });
});

describe('ingest: the load workers', function () {
  this.timeout(120_000);
  after(async function () {
    await closeIdleLoadWorkers();
  });

  it('a complete load leaves its workers for the next load, which reuses them', async function () {
    await closeIdleLoadWorkers();
    assert.equal(runningLoadWorkers(), 0);
    const file = writeTemp('reuse.jsonl', `${synthLines('ual-jsonl', 6).join('\n')}\n`);
    const first = await loadParallel([file]);
    assert.ok(first.chunks[0]! > 1);
    assert.equal(runningLoadWorkers(), 2, 'two workers wait, idle');
    const second = await loadParallel([file, file]);
    assert.equal(runningLoadWorkers(), 2, 'the same two workers did the next loads');
    assertSameLoad(second.ds, await loadSerial([file, file]));
    await closeIdleLoadWorkers();
    assert.equal(runningLoadWorkers(), 0);
  });

  it('an abort mid-file stops the workers and rejects the load with the abort', async function () {
    // Larger than what the loader sniffs through open() (its progress must not trigger the abort).
    const text = `${synthLines('ual-jsonl', 5).join('\n')}\n`;
    const file = writeTemp('abort.jsonl', text.repeat(Math.ceil((8 << 20) / text.length)));
    const size = fs.statSync(file).size;
    const abort = new AbortController();
    let aborted = false;
    const input = localInputFile(file, 'abort.jsonl', {
      hash: false,
      parallel: { minBytes: 0, segmentBytes: 4096, workers: 2 },
      onBytes: (n) => {
        if (!aborted && n > size / 3) {
          aborted = true;
          abort.abort();
        }
      },
    });
    const loader = new DatasetLoader();
    await closeIdleLoadWorkers();
    await assert.rejects(loader.load(input, { signal: abort.signal }), (e: Error) => e.name === 'AbortError');
    assert.ok(aborted, 'aborted while reading the file');
    assert.equal(loader.finish().ledger.files[0]!.format, 'json-lines');
    assert.equal(runningLoadWorkers(), 0, 'no load worker left running (none kept for a next load either)');
  });
});
