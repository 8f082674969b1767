/** JSON lines: one record per line, split on the bytes (native indexOf), offsets exact. */
import { isUtf8 } from 'node:buffer';
import type { RecordPosition, RecordSink } from './recordSink';

type LineSink = Pick<RecordSink, 'json' | 'warn'> & {
  /** A line as its bytes [start, end) of `buf`, for a sink that reads them itself (instead of `json`). */
  bytes?(buf: Buffer, start: number, end: number, pos: RecordPosition): void;
};

/**
 * Hands one line (bytes [start, end) of `buf`, at offset `at` of the text) to the sink, without
 * its line end, surrounding blanks or a stray BOM; blank lines give nothing.
 */
function emitLine(buf: Buffer, start: number, end: number, at: number, line: number, checkUtf8: boolean, sink: LineSink): void {
  let e = end;
  while (e > start && (buf[e - 1] === 13 || buf[e - 1] === 32 || buf[e - 1] === 9)) e--; // \r and trailing blanks
  let s = start;
  for (;;) {
    if (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    else if (s + 2 < e && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3; // a stray BOM
    else break;
  }
  if (s < e) {
    const pos = { line, offset: at + (s - start), length: e - s };
    if (checkUtf8 && !isUtf8(buf.subarray(s, e))) sink.warn('bytes that are not UTF-8 (shown as U+FFFD)', pos);
    if (sink.bytes) sink.bytes(buf, s, e, pos);
    else sink.json(buf.toString('utf8', s, e), pos);
  }
}

export async function readJsonLines(chunks: AsyncIterable<Buffer>, sink: RecordSink, signal?: AbortSignal): Promise<void> {
  let carry: Buffer | null = null;
  let carryOffset = 0;
  let offset = 0; // offset of the start of the current chunk in the decoded stream
  let line = 1;

  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    const checkUtf8 = !isUtf8(chunk);
    let pos = 0;
    if (carry) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        offset += chunk.length;
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
      emitLine(joined, 0, joined.length, carryOffset, line++, checkUtf8 || !isUtf8(joined), sink);
      carry = null;
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      emitLine(chunk, pos, nl, offset + pos, line++, checkUtf8, sink);
      pos = nl + 1;
    }
    if (pos < chunk.length) {
      carry = chunk.subarray(pos);
      carryOffset = offset + pos;
    }
    offset += chunk.length;
  }
  if (carry && carry.length) emitLine(carry, 0, carry.length, carryOffset, line, !isUtf8(carry), sink);
}

/**
 * A segment of whole lines (the last one may lack its newline when it ends the file), read
 * exactly as readJsonLines reads them, with positions relative to the segment (line 1, offset 0).
 * Returns the number of newlines in the segment.
 */
export function readJsonLinesSegment(segment: Buffer, sink: LineSink): number {
  const checkUtf8 = !isUtf8(segment);
  let line = 1;
  let pos = 0;
  for (;;) {
    const nl = segment.indexOf(10, pos);
    if (nl < 0) break;
    emitLine(segment, pos, nl, pos, line++, checkUtf8, sink);
    pos = nl + 1;
  }
  if (pos < segment.length) emitLine(segment, pos, segment.length, pos, line, checkUtf8, sink);
  return line - 1;
}
