/**
 * The blank-line-separated blocks of a document, found from the tokens alone (lexing is ~20x cheaper
 * than parsing and binding). Blocks are independent, so the server analyses each block's text on its
 * own and re-analyses only the blocks an edit touched. The extents are those of the core's
 * parseDocument (test/lsp/blockSplit.test.ts checks that they agree).
 */
import { lex, type TextRange } from '../core/query';

export function blockExtents(text: string): TextRange[] {
  const tokens = lex(text).tokens;
  const groupEnds: number[] = [];
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    if (t.blankLineBefore && lastEnd >= 0) groupEnds.push(lastEnd);
    lastEnd = t.end;
  }
  if (lastEnd < 0) return [{ start: 0, end: text.length }];
  const extents: TextRange[] = [];
  let start = 0;
  for (const end of groupEnds) {
    const next = lineEndAfter(text, end);
    extents.push({ start, end: next });
    start = next;
  }
  extents.push({ start, end: text.length });
  return extents;
}

/** The offset just past the line break that ends the line containing `offset`. */
function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return Math.min(text.length, i + 1);
}
