/** Finding the block (blank-line-separated query) at a cursor. */
import type { Block } from './ast';
import type { ParsedDocument } from './parseDocument';

/** Index of the block whose extent holds `offset` (the last block for offsets past the end). */
export function blockIndexAt(doc: ParsedDocument, offset: number): number {
  const blocks = doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const e = blocks[i]!.extent;
    if (offset >= e.start && offset < e.end) return i;
  }
  return Math.max(0, blocks.length - 1);
}

export function blockAt(doc: ParsedDocument, offset: number): Block {
  return doc.blocks[blockIndexAt(doc, offset)]!;
}

/** Blocks that hold any statement, with their index and the range of their text. */
export function listBlocks(doc: ParsedDocument): Array<{ index: number; start: number; end: number }> {
  return doc.blocks.map((b, index) => ({ index, start: b.start, end: b.end })).filter((b) => doc.blocks[b.index]!.statements.length > 0);
}
