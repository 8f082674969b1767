/** Semantic tokens (full document) from the core's token classification, block by block. */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { semanticTokens as classify, type TokenClass } from '../core/query';
import type { DocumentModel } from './documentModel';

const tokenTypes = ['keyword', 'operator', 'function', 'property', 'class', 'variable', 'string', 'number', 'comment', 'type'] as const;
const typeOf: Record<TokenClass, (typeof tokenTypes)[number]> = {
  keyword: 'keyword', operator: 'operator', function: 'function', column: 'property', table: 'class',
  variable: 'variable', string: 'string', number: 'number', comment: 'comment', type: 'type',
};

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [] };

export function semanticTokens(model: DocumentModel): SemanticTokens {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const push = (line: number, character: number, length: number, type: number): void => {
    if (length <= 0) return;
    data.push(line - prevLine, line === prevLine ? character - prevChar : character, length, type, 0);
    prevLine = line;
    prevChar = character;
  };
  const text = model.text;
  for (const block of model.blocks) {
    for (const t of classify(block.analysis)) {
      const type = tokenTypes.indexOf(typeOf[t.type]);
      const start = t.start + block.start;
      const end = t.end + block.start;
      // One entry per line: clients need not support tokens that span lines (``` strings).
      let from = start;
      while (from < end) {
        const pos = model.lines.positionAt(from);
        let to = from;
        while (to < end && text[to] !== '\n' && text[to] !== '\r') to++;
        push(pos.line, pos.character, to - from, type);
        from = to;
        while (from < end && (text[from] === '\n' || text[from] === '\r')) from++;
      }
    }
  }
  return { data };
}
