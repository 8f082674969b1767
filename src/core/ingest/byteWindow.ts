/**
 * The bytes of a stream from some absolute offset on, kept as the chunks that arrived
 * (no copying on append), so a reader can find, count and slice by absolute offset and
 * drop what it no longer needs.
 */
export class ByteWindow {
  private chunks: Buffer[] = [];
  /** Absolute offset of the first kept byte. */
  private first = 0;
  private total = 0;

  /** Absolute offset just past the last byte appended. */
  get end(): number {
    return this.total;
  }

  get start(): number {
    return this.first;
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Forgets the bytes before `offset`. */
  dropBefore(offset: number): void {
    while (this.chunks.length > 0 && this.first + this.chunks[0]!.length <= offset) {
      this.first += this.chunks[0]!.length;
      this.chunks.shift();
    }
    if (this.chunks.length > 0 && offset > this.first) {
      this.chunks[0] = this.chunks[0]!.subarray(offset - this.first);
      this.first = offset;
    }
    if (this.chunks.length === 0) this.first = Math.max(this.first, Math.min(offset, this.total));
  }

  /** The byte at an absolute offset, or -1 outside the window. */
  byteAt(offset: number): number {
    let at = this.first;
    for (const c of this.chunks) {
      if (offset < at + c.length) return offset >= at ? c[offset - at]! : -1;
      at += c.length;
    }
    return -1;
  }

  /** Absolute offset of the first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    let at = this.first;
    for (const c of this.chunks) {
      if (from < at + c.length) {
        const i = c.indexOf(byte, Math.max(0, from - at));
        if (i >= 0) return at + i;
      }
      at += c.length;
    }
    return -1;
  }

  /** How many times `byte` occurs in [from, to). */
  count(byte: number, from: number, to: number): number {
    let n = 0;
    for (let i = this.indexOf(byte, from); i >= 0 && i < to; i = this.indexOf(byte, i + 1)) n++;
    return n;
  }

  /** The bytes [from, to) (a view when they lie in one chunk). */
  slice(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    let at = this.first;
    for (const c of this.chunks) {
      const s = Math.max(from, at);
      const e = Math.min(to, at + c.length);
      if (s < e) parts.push(c.subarray(s - at, e - at));
      at += c.length;
      if (at >= to) break;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}
