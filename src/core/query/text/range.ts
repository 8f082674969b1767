/** Character-offset ranges into a document, and conversion to line/character positions. */

/** A half-open span [start, end) of UTF-16 character offsets into the document text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A zero-based line and character (UTF-16 code units), as in the Language Server Protocol. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export function range(start: number, end: number): TextRange {
  return { start, end };
}

export function rangeContains(r: TextRange, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

export function rangeCovering(a: TextRange, b: TextRange): TextRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Maps offsets to line/character positions and back; build once per text. */
export class LineMap {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo]! };
  }

  offsetAt(position: LinePosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    let lineEnd = next;
    // Keep the offset on this line: do not step over its line break.
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return Math.max(start, Math.min(start + Math.max(0, position.character), lineEnd));
  }
}

export function offsetToPosition(text: string, offset: number): LinePosition {
  return new LineMap(text).positionAt(offset);
}

export function positionToOffset(text: string, position: LinePosition): number {
  return new LineMap(text).offsetAt(position);
}
