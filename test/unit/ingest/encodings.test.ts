/**
 * Encodings and compression: the same records written as UTF-8 with BOM, UTF-16 LE with
 * and without BOM, UTF-16 BE, and gzip load to the same rows as the plain UTF-8 file,
 * whatever the chunking of the stream. The format is sniffed from content, not the name.
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { bytesInput, fixtureBytes, loadOne, rows, type Row } from './helpers';
import type { TableName } from '../../../src/core/schema/types';

const tables: TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];

function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function utf16be(text: string): Buffer {
  const body = Buffer.from(text, 'utf16le');
  body.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
}

/** Row values without the file name, per table, to compare loads of differently encoded copies. */
async function contentOf(name: string, bytes: Buffer, chunk: number | number[] = 1 << 16): Promise<{ tables: Record<string, Row[]>; format: string; encoding: string; gzip: boolean }> {
  const { ds, ledger } = await loadOne(bytesInput(name, bytes, chunk));
  const out: Record<string, Row[]> = {};
  for (const t of tables) out[t] = rows(ds, t).map(({ SourceFile: _f, ...rest }) => rest);
  return { tables: out, format: ledger.format, encoding: ledger.encoding, gzip: ledger.gzip };
}

// One fixture per reader: JSON lines, a JSON document, a CSV with multi-line cells and non-ASCII text.
const samples = ['ual.jsonl', 'graph-directory-audits.json', 'sentinel-office-activity.csv'];

describe('ingest: encodings and compression', function () {
  for (const sample of samples) {
    describe(sample, function () {
      let plainText: string;
      let plain: Awaited<ReturnType<typeof contentOf>>;
      before(async function () {
        const raw = fixtureBytes(sample);
        plainText = raw.toString('utf8').replace(/^\uFEFF/, '');
        plain = await contentOf('plain', Buffer.from(plainText, 'utf8'));
        assert.ok(plain.tables.AuditLogs!.length + plain.tables.DirectoryAudits!.length > 0);
      });

      const variants: Array<[string, (t: string) => Buffer, string, boolean]> = [
        ['UTF-8 with BOM', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), 'utf-8-bom', false],
        ['UTF-16 LE with BOM', (t) => utf16le(t, true), 'utf-16le', false],
        ['UTF-16 LE without BOM', (t) => utf16le(t, false), 'utf-16le', false],
        ['UTF-16 BE with BOM', (t) => utf16be(t), 'utf-16be', false],
        ['gzip', (t) => gzipSync(Buffer.from(t, 'utf8')), 'utf-8', true],
        ['gzip of UTF-16 LE with BOM', (t) => gzipSync(utf16le(t, true)), 'utf-16le', true],
      ];
      for (const [label, encode, encoding, gzip] of variants) {
        it(`${label}: same rows as plain UTF-8`, async function () {
          const got = await contentOf('variant.bin', encode(plainText));
          assert.equal(got.encoding, encoding);
          assert.equal(got.gzip, gzip);
          assert.equal(got.format, plain.format);
          assert.deepEqual(got.tables, plain.tables);
        });
      }

      it('same rows when the stream arrives in 1- to 7-byte chunks', async function () {
        const got = await contentOf('tiny-chunks', utf16le(plainText, true), [1, 2, 3, 5, 7]);
        assert.deepEqual(got.tables, plain.tables);
        const utf8 = await contentOf('tiny-chunks', Buffer.from(plainText, 'utf8'), [1, 3, 2, 7]);
        assert.deepEqual(utf8.tables, plain.tables);
      });
    });
  }

  it('a second BOM after the first (BOM added twice) hides no records', async function () {
    for (const name of ['ual.jsonl', 'ual-array.json', 'purview-new.csv', 'sentinel-signin-logs.csv']) {
      const text = fixtureBytes(name).toString('utf8').replace(/^\uFEFF/, '');
      const once = await loadOne(bytesInput(name, Buffer.from(text, 'utf8')));
      for (const bytes of [Buffer.from(`\uFEFF\uFEFF${text}`, 'utf8'), utf16le(`\uFEFF${text}`, true)]) {
        const twice = await loadOne(bytesInput(name, bytes));
        assert.equal(twice.ledger.format, once.ledger.format, name);
        assert.deepEqual([twice.ledger.loaded, twice.ledger.rejected], [once.ledger.loaded, 0], name);
      }
    }
  });

  it('sniffs the layout from content, not from the file name', async function () {
    for (const [real, misleading] of [['purview-new.csv', 'export.json'], ['ual.jsonl', 'audit.csv'], ['graph-signins.json', 'signins.jsonl']]) {
      const asNamed = await loadOne(bytesInput(real!, fixtureBytes(real!)));
      const renamed = await loadOne(bytesInput(misleading!, fixtureBytes(real!)));
      assert.equal(renamed.ledger.format, asNamed.ledger.format, real);
      assert.equal(renamed.ledger.loaded, asNamed.ledger.loaded, real);
      assert.ok(renamed.ledger.loaded > 0, real);
    }
  });
});
