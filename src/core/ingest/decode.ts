/**
 * Turns a file's raw bytes into UTF-8 byte chunks, whatever it was written in:
 * gzip (by magic number), UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and
 * UTF-16 LE without BOM (detected by its zero high bytes).
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedStream {
  readonly encoding: TextEncoding;
  readonly gzip: boolean;
  readonly chunks: AsyncIterable<Buffer>;
  /** For gzip: why decompression stopped early (a cut or corrupt file), once the chunks are read; else null. */
  gzipFailure(): string | null;
}

const noFailure = (): null => null;

/** Reads the first bytes without losing them: returns them plus an iterable of everything. */
async function peek(source: AsyncIterable<Uint8Array>, want: number): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < want) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    taken.push(b);
    size += b.length;
  }
  const head = Buffer.concat(taken);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    }
  }
  return { head, all: all() };
}

function looksUtf16le(head: Buffer): boolean {
  const n = Math.min(head.length & ~1, 512);
  if (n < 4) return false;
  let zeroHigh = 0;
  let zeroLow = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i + 1] === 0 && head[i] !== 0) zeroHigh++;
    if (head[i] === 0) zeroLow++;
  }
  return zeroHigh > (n / 2) * 0.6 && zeroLow < (n / 2) * 0.1;
}

async function* transcode(chunks: AsyncIterable<Buffer>, label: 'utf-16le' | 'utf-16be', skip: number): AsyncGenerator<Buffer> {
  // The BOM was skipped as bytes already: a second U+FEFF is text and stays (offsets must match a plain decode).
  const decoder = new TextDecoder(label, { ignoreBOM: true });
  let first = true;
  for await (const chunk of chunks) {
    const part = first ? chunk.subarray(skip) : chunk;
    first = false;
    const text = decoder.decode(part, { stream: true });
    if (text) yield Buffer.from(text, 'utf8');
  }
  const tail = decoder.decode();
  if (tail) yield Buffer.from(tail, 'utf8');
}

async function* skipBytes(chunks: AsyncIterable<Buffer>, skip: number): AsyncGenerator<Buffer> {
  let left = skip;
  for await (const chunk of chunks) {
    if (left > 0) {
      const cut = Math.min(left, chunk.length);
      left -= cut;
      if (cut < chunk.length) yield chunk.subarray(cut);
      continue;
    }
    yield chunk;
  }
}

/**
 * Decompressed bytes until zlib gives up: a cut or corrupt gzip ends the stream (the failure
 * is kept for the ledger) instead of throwing away everything decoded so far. Errors of the
 * source itself (an unreadable file) still throw.
 */
function gunzipUntilFailure(source: AsyncIterable<Buffer>): { chunks: AsyncIterable<Buffer>; failure: () => string | null } {
  let failure: string | null = null;
  const gunzip = createGunzip();
  const input = Readable.from(source);
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (!code.startsWith('Z_')) throw e;
      failure = (e as Error).message;
      input.destroy();
    }
  }
  return { chunks: chunks(), failure: () => failure };
}

export async function decodeToUtf8(source: AsyncIterable<Uint8Array>, depth = 0): Promise<DecodedStream> {
  const { head, all } = await peek(source, 4096);
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b && depth === 0) {
    const gunzipped = gunzipUntilFailure(all);
    const inner = await decodeToUtf8(gunzipped.chunks, depth + 1);
    return { ...inner, gzip: true, gzipFailure: gunzipped.failure };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8-bom', gzip: false, chunks: skipBytes(all, 3), gzipFailure: noFailure };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', gzip: false, chunks: transcode(all, 'utf-16le', 2), gzipFailure: noFailure };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', gzip: false, chunks: transcode(all, 'utf-16be', 2), gzipFailure: noFailure };
  if (looksUtf16le(head)) return { encoding: 'utf-16le', gzip: false, chunks: transcode(all, 'utf-16le', 0), gzipFailure: noFailure };
  return { encoding: 'utf-8', gzip: false, chunks: all, gzipFailure: noFailure };
}
