/**
 * JSON documents streamed without holding the file: a top-level array (records are its
 * elements), a page object {"value":[...]} / {"records":[...]} (records are the page's
 * elements), or one or more top-level objects (each is a record, e.g. pretty-printed
 * single records or PowerShell ConvertTo-Json output). Strings and escapes are tracked
 * so brackets inside audit text do not confuse the split.
 */
import { isUtf8 } from 'node:buffer';
import type { RecordPosition, RecordSink } from './recordSink';
import { Utf8Watch } from './utf8Watch';

const MAX_RECORD_BYTES = 256 * 1024 * 1024;
const PAGE_KEYS = new Set(['value', 'records']);

export async function readJsonDocument(chunks: AsyncIterable<Buffer>, sink: RecordSink, signal?: AbortSignal): Promise<void> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let offset = 0;
  /** Depth at which records start: 1 inside a top-level array, 2 inside a page array, 0 for top-level objects. */
  let recordDepth = 0;
  let topIsObject = false;
  let pageDepth = -1; // depth of the page array's contents, when inside one
  let keyBytes: number[] | null = null; // key text while reading a depth-1 string inside a top-level object
  let lastKey = '';
  let afterKey = false;

  let parts: Buffer[] = [];
  let recStart = -1; // absolute offset where the current record starts
  let recLine = 0;
  let recBytes = 0;
  const utf8 = new Utf8Watch();

  const startRecord = (at: number): void => {
    recStart = at;
    recLine = line;
    parts = [];
    recBytes = 0;
  };
  const endRecord = (chunk: Buffer, chunkStart: number, endExclusive: number): void => {
    const from = Math.max(0, recStart - chunkStart);
    parts.push(chunk.subarray(from, endExclusive));
    const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const pos: RecordPosition = { line: recLine, offset: recStart, length: buf.length };
    if (utf8.bad && !isUtf8(buf)) sink.warn('bytes that are not UTF-8 (shown as U+FFFD)', pos);
    sink.json(buf.toString('utf8'), pos);
    parts = [];
    recStart = -1;
  };

  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    utf8.feed(chunk);
    const chunkStart = offset;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (keyBytes) {
            lastKey = Buffer.from(keyBytes).toString('utf8').toLowerCase();
            keyBytes = null;
            afterKey = true;
          }
        } else if (keyBytes && keyBytes.length < 64) keyBytes.push(c);
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (depth === 0 && recStart < 0 && (c === 0xef || c === 0xbb || c === 0xbf)) continue; // a stray BOM between top-level values
      const atRecordLevel = recStart < 0 && depth === (pageDepth >= 0 ? pageDepth : recordDepth);
      if (atRecordLevel && c !== 44 /* , */ && c !== 93 /* ] */ && c !== 125 /* } */) {
        if (depth === 0 && c === 91 /* [ */) {
          recordDepth = 1;
          depth = 1;
          continue;
        }
        startRecord(chunkStart + i);
        if (depth === 0 && c === 123) topIsObject = true;
      }
      if (c === 34) {
        inString = true;
        if (topIsObject && depth === 1 && recStart >= 0 && pageDepth < 0 && !afterKey) keyBytes = [];
        continue;
      }
      if (c === 58 /* : */) continue;
      if (c === 123 || c === 91) {
        if (c === 91 && topIsObject && depth === 1 && afterKey && PAGE_KEYS.has(lastKey) && pageDepth < 0) {
          pageDepth = 2; // the top-level object is a page: its array's elements are the records
          recStart = -1;
          parts = [];
          depth++;
          afterKey = false;
          continue;
        }
        depth++;
        afterKey = false;
        continue;
      }
      if (c === 125 || c === 93) {
        if (c === 93 && recStart >= 0 && depth === (pageDepth >= 0 ? pageDepth : recordDepth)) {
          endRecord(chunk, chunkStart, i); // a scalar element closed by the array's end
        }
        depth--;
        if (depth < 0) {
          sink.reject(`unexpected "${String.fromCharCode(c)}"`, { line, offset: chunkStart + i, length: 1 });
          depth = 0;
          continue;
        }
        if (pageDepth >= 0 && depth === pageDepth - 1) {
          pageDepth = -1; // page array closed; the rest of the page object is metadata
          continue;
        }
        if (depth === 0 && topIsObject && pageDepth < 0 && recStart < 0) {
          topIsObject = false; // end of a page object
          continue;
        }
        if (recStart >= 0 && depth === (pageDepth >= 0 ? pageDepth : recordDepth)) {
          endRecord(chunk, chunkStart, i + 1);
          if (depth === 0) topIsObject = false;
        }
        continue;
      }
      if (c === 44 && depth === 1 && topIsObject) afterKey = false;
      // a scalar element ends at ',' or ']' at record level
      if (c === 44 && recStart >= 0 && depth === (pageDepth >= 0 ? pageDepth : recordDepth)) {
        endRecord(chunk, chunkStart, i);
      }
    }
    if (recStart >= 0) {
      const from = Math.max(0, recStart - chunkStart);
      parts.push(chunk.subarray(from));
      recBytes += chunk.length - from;
      if (recBytes > MAX_RECORD_BYTES) {
        sink.reject(`record larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`, { line: recLine, offset: recStart, length: recBytes });
        recStart = -1;
        parts = [];
      }
    }
    offset += chunk.length;
  }
  if (recStart >= 0) {
    sink.reject(`truncated: the record starting on line ${recLine} is not closed at the end of the file`, {
      line: recLine, offset: recStart, length: offset - recStart,
    });
  }
}
