/**
 * One version of an open document, analysed block by block. Each block's text is analysed on its
 * own (offsets local to the block); a new version re-uses the analyses of blocks whose text did not
 * change, so typing in one block of a long document costs one block's analysis.
 */
import type { Range } from 'vscode-languageserver';
import { analyze, LineMap, type Analysis, type Diagnostic, type SchemaProvider, type TextRange } from '../core/query';
import { blockExtents } from './blockSplit';

export interface BlockAnalysis {
  /** The block's extent in the document (every offset belongs to exactly one block). */
  readonly start: number;
  readonly end: number;
  /** The analysis of text.slice(start, end): its offsets are relative to `start`. */
  readonly analysis: Analysis;
}

export class DocumentModel {
  readonly lines: LineMap;
  private diagnosticsCache: Diagnostic[] | undefined;

  constructor(
    readonly text: string,
    readonly version: number,
    /** The schema generation the blocks were analysed with. */
    readonly generation: number,
    readonly blocks: readonly BlockAnalysis[],
  ) {
    this.lines = new LineMap(text);
  }

  /** The block holding `offset` (the last block for the end of the document). */
  blockAt(offset: number): BlockAnalysis {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return blocks[lo]!;
  }

  /** Every block's diagnostics, with document offsets. */
  diagnostics(): readonly Diagnostic[] {
    this.diagnosticsCache ??= this.blocks.flatMap((b) => b.analysis.diagnostics.map((d) => shiftDiagnostic(d, b.start)));
    return this.diagnosticsCache;
  }

  range(r: TextRange): Range {
    return { start: this.lines.positionAt(r.start), end: this.lines.positionAt(r.end) };
  }

  /** A block-local range as an LSP range. */
  blockRange(block: BlockAnalysis, r: TextRange): Range {
    return this.range({ start: r.start + block.start, end: r.end + block.start });
  }

  offsetAt(position: { line: number; character: number }): number {
    return this.lines.offsetAt(position);
  }
}

function shiftDiagnostic(d: Diagnostic, by: number): Diagnostic {
  return by === 0 ? d : { ...d, range: { start: d.range.start + by, end: d.range.end + by } };
}

/** Builds the model of `text`, re-using the block analyses of `previous` when the schema is the same. */
export function buildModel(text: string, version: number, schema: SchemaProvider, generation: number, previous?: DocumentModel): DocumentModel {
  const reusable = new Map<string, Analysis>();
  if (previous && previous.generation === generation) {
    for (const b of previous.blocks) reusable.set(b.analysis.text, b.analysis);
  }
  const blocks = blockExtents(text).map(({ start, end }): BlockAnalysis => {
    const blockText = text.slice(start, end);
    let analysis = reusable.get(blockText);
    if (!analysis) {
      analysis = analyze(blockText, schema);
      reusable.set(blockText, analysis);
    }
    return { start, end, analysis };
  });
  return new DocumentModel(text, version, generation, blocks);
}
