/** Folding ranges: blocks, multi-line lets, runs of comment lines, multi-line strings. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { DocumentModel } from './documentModel';

export function foldingRanges(model: DocumentModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lineOf = (offset: number): number => model.lines.positionAt(offset).line;
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    const s = lineOf(start);
    const e = lineOf(end);
    if (e > s) out.push({ startLine: s, endLine: e, ...(kind ? { kind } : {}) });
  };
  for (const block of model.blocks) {
    const a = block.analysis;
    const doc = a.document;
    for (const b of doc.blocks) {
      if (b.statements.length) add(b.start + block.start, b.end + block.start, FoldingRangeKind.Region);
      for (const st of b.statements) if (st.kind === 'Let') add(st.start + block.start, st.end + block.start);
    }
    for (const t of doc.tokens) if (t.kind === 'string' && /[\r\n]/.test(t.text)) add(t.start + block.start, t.end + block.start);
    // Consecutive comment lines fold together.
    let runStart = -1;
    let runEnd = -1;
    let runLine = -2;
    for (const c of doc.comments) {
      const line = lineOf(c.start + block.start);
      if (line === runLine + 1 && runStart >= 0) {
        runEnd = c.end + block.start;
      } else {
        if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
        runStart = c.start + block.start;
        runEnd = c.end + block.start;
      }
      runLine = line;
    }
    if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  }
  return out;
}
