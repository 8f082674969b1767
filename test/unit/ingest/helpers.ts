/**
 * Shared helpers of the ingestion tests: inputs from files or bytes (chunked to exercise
 * chunk boundaries), loading, row lookup, and re-reading a record from the decoded text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  DatasetLoader, ledgerBalances, type Dataset, type FileLedger, type InputFile, type LoadedFile,
} from '../../../src/core/ingest';
import type { TableName } from '../../../src/core/schema/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'ingest');
/** The shared corpus of real sample exports, next to the repository (absent in a user's clone). */
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

export type Row = Record<string, unknown>;

/** A file on disk, streamed with fs.createReadStream (small highWaterMark to cross chunk boundaries). */
export function fileInput(filePath: string, name = path.basename(filePath), highWaterMark?: number): InputFile {
  return {
    name,
    size: fs.statSync(filePath).size,
    open: () => fs.createReadStream(filePath, highWaterMark ? { highWaterMark } : {}),
  };
}

export function fixture(name: string, highWaterMark?: number): InputFile {
  return fileInput(path.join(fixturesDir, name), name, highWaterMark);
}

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(path.join(fixturesDir, name));
}

/** Bytes handed to the loader in chunks of `chunkSize` bytes (or the given sizes, cycled). */
export function bytesInput(name: string, content: Uint8Array | string, chunkSize: number | readonly number[] = 1 << 16): InputFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const sizes = typeof chunkSize === 'number' ? [chunkSize] : chunkSize;
  return {
    name,
    size: bytes.length,
    async *open() {
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const n = Math.max(1, sizes[i % sizes.length]!);
        yield bytes.subarray(at, at + n);
        at += n;
      }
    },
  };
}

export interface Loaded {
  readonly ds: Dataset;
  readonly ledgers: FileLedger[];
}

/** Loads the inputs in order with one loader and checks the ledger adds up. */
export async function loadAll(...inputs: InputFile[]): Promise<Loaded> {
  const loader = new DatasetLoader();
  const ledgers: FileLedger[] = [];
  for (const input of inputs) ledgers.push(await loader.load(input));
  const ds = loader.finish();
  assertLedgerAddsUp(ds);
  return { ds, ledgers };
}

export async function loadOne(input: InputFile): Promise<Loaded & { ledger: FileLedger }> {
  const loaded = await loadAll(input);
  return { ...loaded, ledger: loaded.ledgers[0]! };
}

export function assertLedgerAddsUp(ds: Dataset): void {
  const l = ds.ledger;
  for (const f of l.files) {
    assert.equal(f.read, f.loaded + f.duplicates + f.rejected, `${f.file}: read ${f.read} != loaded ${f.loaded} + duplicates ${f.duplicates} + rejected ${f.rejected}`);
    const byTable = f.loadedByTable.AuditLogs + f.loadedByTable.SignIns + f.loadedByTable.DirectoryAudits;
    assert.equal(byTable, f.loaded, `${f.file}: loaded per table adds up`);
    assert.ok(f.rejections.length <= f.rejected, `${f.file}: more rejection details than rejections`);
  }
  assert.ok(ledgerBalances(l), 'ledgerBalances');
  const rows = ds.tables.AuditLogs.numRows() + ds.tables.SignIns.numRows() + ds.tables.DirectoryAudits.numRows();
  assert.equal(rows, l.loaded, 'table rows = loaded');
}

export function rows(ds: Dataset, table: TableName): Row[] {
  return ds.tables[table].objects() as Row[];
}

/** The one row whose `column` equals `value` (fails when there is none or more than one). */
export function rowBy(ds: Dataset, table: TableName, column: string, value: unknown): Row & { index: number } {
  const hits = rows(ds, table).map((r, index): Row & { index: number } => ({ ...r, index })).filter((r) => r[column] === value);
  assert.equal(hits.length, 1, `${table}: expected one row with ${column} = ${JSON.stringify(value)}, found ${hits.length}`);
  return hits[0]!;
}

/**
 * The decoded UTF-8 text of a file, computed here independently of the loader: gunzip,
 * then drop a UTF-8 BOM or transcode UTF-16 LE. Record locations are offsets into this.
 */
export function decodedBytes(raw: Buffer, file: LoadedFile): Buffer {
  const plain = file.gzip ? gunzipSync(raw) : raw;
  switch (file.encoding) {
    case 'utf-8': return plain;
    case 'utf-8-bom': return plain.subarray(3);
    case 'utf-16le': {
      const body = plain[0] === 0xff && plain[1] === 0xfe ? plain.subarray(2) : plain;
      return Buffer.from(new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body), 'utf8');
    }
    case 'utf-16be':
      return Buffer.from(new TextDecoder('utf-16be', { ignoreBOM: true }).decode(plain.subarray(2)), 'utf8');
    default: throw new Error(`no encoding recorded for ${file.name}`);
  }
}

/** Re-reads a loaded row's original record text, as src/connect does for real files. */
export function recordText(ds: Dataset, table: TableName, row: number, raw: Buffer): string {
  const loc = ds.locate(table, row);
  return decodedBytes(raw, loc.file).subarray(loc.offset, loc.offset + loc.length).toString('utf8');
}

/** 1-based line of a byte offset in a text. */
export function lineAt(text: Buffer, offset: number): number {
  let line = 1;
  for (let i = text.indexOf(10); i >= 0 && i < offset; i = text.indexOf(10, i + 1)) line++;
  return line;
}

/** Skips the calling test with a visible reason when the shared corpus is not next to the repository. */
export function requireCorpus(ctx: Mocha.Context): void {
  if (!fs.existsSync(corpusDir)) {
    console.log(`      (skipped: no shared corpus at ${path.relative(repoRoot, corpusDir)})`);
    ctx.skip();
  }
}
