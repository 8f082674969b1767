/** A classification of every token (and comment) for semantic highlighting. */
import { operatorKeywords } from '../syntax/parseOperators';
import type { Analysis } from './analyze';

export type TokenClass = 'keyword' | 'operator' | 'function' | 'column' | 'table' | 'variable' | 'string' | 'number' | 'comment' | 'type';

export interface ClassifiedToken {
  readonly start: number;
  readonly end: number;
  readonly type: TokenClass;
}

const keywords: ReadonlySet<string> = new Set([
  ...operatorKeywords, 'let', 'by', 'on', 'kind', 'asc', 'desc', 'nulls', 'first', 'last', 'with', 'to', 'typeof', 'datatable',
  'and', 'or', 'in', 'has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs',
  'between', 'matches', 'regex', 'hasprefix', 'hassuffix', 'has_any', 'has_all', 'true', 'false', 'dynamic', 'withsource', 'limit',
]);
const typeNames: ReadonlySet<string> = new Set(['string', 'long', 'int', 'real', 'double', 'bool', 'boolean', 'datetime', 'timespan', 'dynamic', 'decimal']);

export function semanticTokens(a: Analysis): ClassifiedToken[] {
  const byStart = new Map<number, TokenClass>();
  for (const [node, sym] of a.binding.symbols) {
    const nameStart = node.kind === 'Call' ? node.callee.start : node.kind === 'TableRef' ? node.name.start : node.kind === 'NameRef' ? node.name.start : node.start;
    const cls: TokenClass = sym.kind === 'column' ? 'column' : sym.kind === 'table' ? 'table' : sym.kind === 'let' ? 'variable' : 'function';
    byStart.set(nameStart, cls);
  }
  for (const block of a.binding.blocks) for (const l of block.lets) byStart.set(l.nameRange.start, 'variable');
  const out: ClassifiedToken[] = [];
  for (const t of a.document.tokens) {
    if (t.kind === 'eof') continue;
    let type: TokenClass | undefined;
    switch (t.kind) {
      case 'string': type = 'string'; break;
      case 'long': case 'real': case 'timespan': case 'datetime': type = 'number'; break;
      case 'op': type = 'operator'; break;
      case 'ident':
        type = byStart.get(t.start) ?? (keywords.has(t.text) ? 'keyword' : typeNames.has(t.text) ? 'type' : undefined);
        break;
      default: break;
    }
    if (type) out.push({ start: t.start, end: t.end, type });
  }
  for (const c of a.document.comments) out.push({ start: c.start, end: c.end, type: 'comment' });
  return out.sort((x, y) => x.start - y.start);
}
