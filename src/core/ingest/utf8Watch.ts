/**
 * Watches a chunked byte stream for anything that is not UTF-8, allowing a character to be
 * split between chunks. Readers use it to check single records only once a stream has shown
 * bad bytes, so clean files pay one native check per chunk.
 */
import { isUtf8 } from 'node:buffer';

export class Utf8Watch {
  /** True once a byte sequence that is not UTF-8 was seen. */
  bad = false;
  private tail: Buffer | null = null;

  feed(chunk: Buffer): void {
    if (this.bad || chunk.length === 0) return;
    const data = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    // Hold back a possibly incomplete character at the end: its lead byte and up to 3 continuation bytes.
    let cut = data.length;
    let i = data.length - 1;
    while (i >= 0 && data.length - i <= 3 && (data[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && data[i]! >= 0xc0) cut = i;
    if (!isUtf8(data.subarray(0, cut))) this.bad = true;
    this.tail = cut < data.length ? Buffer.from(data.subarray(cut)) : null;
  }

  /** At the end of the stream: a character left incomplete is bad too. */
  end(): void {
    if (!this.bad && this.tail && !isUtf8(this.tail)) this.bad = true;
    this.tail = null;
  }
}
