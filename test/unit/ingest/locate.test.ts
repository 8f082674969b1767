/**
 * Record location: for every loaded row, the decoded text at locate(table,row).offset/length
 * is exactly that record's text, and .line (and the SourceLine column) is the line it starts on.
 * The decoded text is rebuilt here from the file bytes, independently of the loader.
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Dataset } from '../../../src/core/ingest';
import type { TableName } from '../../../src/core/schema/types';
import { bytesInput, decodedBytes, fixtureBytes, lineAt, loadOne, rows } from './helpers';

const tables: TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];

interface Located {
  readonly table: TableName;
  readonly row: Record<string, unknown>;
  readonly text: string;
  readonly line: number;
  readonly offset: number;
  readonly length: number;
  readonly decoded: Buffer;
}

/** Loads the bytes and re-reads every row's record from the independently decoded text. */
async function locateAll(name: string, bytes: Buffer, chunk: number | number[] = 4096): Promise<Located[]> {
  const { ds, ledger } = await loadOne(bytesInput(name, bytes, chunk));
  assert.ok(ledger.loaded > 0, `${name}: nothing loaded`);
  return everyRow(ds, bytes);
}

function everyRow(ds: Dataset, bytes: Buffer): Located[] {
  const out: Located[] = [];
  for (const table of tables) {
    rows(ds, table).forEach((row, i) => {
      const loc = ds.locate(table, i);
      const decoded = decodedBytes(bytes, loc.file);
      assert.ok(loc.offset + loc.length <= decoded.length, 'location inside the text');
      const text = decoded.subarray(loc.offset, loc.offset + loc.length).toString('utf8');
      out.push({ table, row, text, line: loc.line, offset: loc.offset, length: loc.length, decoded });
    });
  }
  return out;
}

function assertLines(all: Located[]): void {
  for (const r of all) {
    assert.equal(r.line, lineAt(r.decoded, r.offset), `line of ${r.text.slice(0, 60)}`);
    assert.equal(r.row.SourceLine, r.line);
  }
}

/** JSON lines: the text is the whole line without surrounding blanks and line ending. */
function assertJsonLines(all: Located[]): void {
  assertLines(all);
  for (const r of all) {
    const lineText = r.decoded.toString('utf8').split('\n')[r.line - 1]!.replace(/\r$/, '').trim();
    assert.equal(r.text, lineText);
  }
}

/** JSON documents: the text is one whole JSON object whose id is the row's Id. */
function assertJsonObjects(all: Located[]): void {
  assertLines(all);
  for (const r of all) {
    assert.ok(r.text.startsWith('{') && r.text.endsWith('}'), r.text.slice(0, 40));
    const o = JSON.parse(r.text) as Record<string, unknown>;
    const props = o.properties as Record<string, unknown> | undefined;
    assert.equal(o.id ?? o.Id ?? props?.id, r.row.Id);
  }
}

/** CSV: the text is whole lines (nothing before it on its first line, a line end after it) that parse to one row with the row's Id. */
function assertCsvRows(all: Located[], header: string, idColumn: string): void {
  assertLines(all);
  for (const r of all) {
    const before = r.offset === 0 ? 10 : r.decoded[r.offset - 1];
    const after = r.offset + r.length === r.decoded.length ? 10 : r.decoded[r.offset + r.length];
    assert.equal(before, 10, 'starts a line');
    assert.ok(after === 10 || after === 13, 'ends a line');
    const parsed = parseCsv(`${header}\n${r.text}`, { columns: true }) as Array<Record<string, string>>;
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0]![idColumn], r.row.Id);
  }
}

/** JSON lines with non-ASCII text, leading and trailing blanks, CRLF and blank lines. */
function messyJsonLines(): string {
  const lines = fixtureBytes('ual.jsonl').toString('utf8').split('\n').filter((l) => l.trim() !== '');
  const french = lines[0]!.replace('"\\\\Inbox"', '"\\\\Boîte de réception – privé"');
  return ['', `  ${french}\t `, lines[1], '', `\t${lines[2]}  `, lines[3]].join('\r\n') + '\r\n';
}

function firstLine(fixtureName: string): string {
  return fixtureBytes(fixtureName).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
}

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('ingest: record location', function () {
  describe('JSON lines', function () {
    it('plain fixture', async function () {
      assertJsonLines(await locateAll('ual.jsonl', fixtureBytes('ual.jsonl')));
    });
    it('non-ASCII text, blanks around records, CRLF, small chunks', async function () {
      const all = await locateAll('messy.jsonl', Buffer.from(messyJsonLines(), 'utf8'), [7, 13, 64]);
      assert.equal(all.length, 4);
      assertJsonLines(all);
      assert.deepEqual(all.map((r) => r.line), [2, 3, 5, 6]);
    });
    it('UTF-16 LE', async function () {
      assertJsonLines(await locateAll('utf16.jsonl', utf16le(messyJsonLines()), [5, 11]));
    });
    it('gzip', async function () {
      assertJsonLines(await locateAll('lines.jsonl.gz', gzipSync(Buffer.from(messyJsonLines(), 'utf8'))));
    });
  });

  describe('JSON documents', function () {
    for (const name of ['ual-array.json', 'graph-directory-audits.json', 'azure-monitor-records.json', 'graph-audit-page.json']) {
      it(name, async function () {
        assertJsonObjects(await locateAll(name, fixtureBytes(name), [3, 100, 1000]));
      });
    }
    it('gzip of UTF-16 LE', async function () {
      const text = fixtureBytes('graph-directory-audits.json').toString('utf8');
      assertJsonObjects(await locateAll('audits.json.gz', gzipSync(utf16le(text))));
    });
    it('a single pretty-printed envelope is the record', async function () {
      const all = await locateAll('sekoia-envelope.json', fixtureBytes('sekoia-envelope.json'));
      assert.equal(all.length, 1);
      assert.equal(all[0]!.text, fixtureBytes('sekoia-envelope.json').toString('utf8').trim());
    });
  });

  describe('CSV', function () {
    const csvCases: Array<[string, string]> = [
      ['purview-new.csv', 'RecordId'],
      ['sentinel-office-activity.csv', 'OfficeId'],
      ['sentinel-signin-logs.csv', 'Id'],
      ['sentinel-audit-logs.csv', 'Id'],
    ];
    for (const [name, idColumn] of csvCases) {
      it(`${name} (multi-line cells, BOM or CRLF)`, async function () {
        assertCsvRows(await locateAll(name, fixtureBytes(name), [5, 300]), firstLine(name), idColumn);
      });
    }
    it('UTF-16 LE, with non-ASCII text before later rows', async function () {
      const text = fixtureBytes('sentinel-office-activity.csv').toString('utf8').replace(/^\uFEFF/, '').replace('Q4 wire list', 'Q4 – liste des virements');
      const all = await locateAll('utf16.csv', utf16le(text), 999);
      assert.equal(all.length, 3);
      assertCsvRows(all, firstLine('sentinel-office-activity.csv'), 'OfficeId');
    });
    it('gzip, after a damaged row and Latin-1 bytes', async function () {
      const text = fixtureBytes('malformed/purview-unclosed-quote.csv');
      const latin1 = Buffer.from(text.toString('latin1').replace('Mail Archiver Pro', 'Mail Archiver Pr\u00e9'), 'latin1');
      const all = await locateAll('damaged.csv.gz', gzipSync(latin1));
      assert.equal(all.length, 3);
      assertCsvRows(all, firstLine('purview-new.csv'), 'RecordId');
    });
  });
});
