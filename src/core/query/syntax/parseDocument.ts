/**
 * A document is split into blocks at blank lines (the Kusto Explorer rule); each block is a run of
 * `let` statements and one query, separated by `;`. Parsing never throws: problems become diagnostics.
 */
import type { Diagnostic } from '../diagnostics';
import type { TextRange } from '../text/range';
import type { Block, Expr, Node, Statement, Tabular } from './ast';
import { children } from './walk';
import { lex } from './lexer';
import { ParserState } from './parserState';
import { parsePipeline, parseTabularOrExpr } from './parseTabular';
import type { Token } from './token';

export interface ParsedDocument {
  readonly text: string;
  readonly blocks: Block[];
  readonly tokens: readonly Token[];
  readonly comments: readonly TextRange[];
  /** Lexical and syntax diagnostics of all blocks, in document order. */
  readonly diagnostics: Diagnostic[];
}

export function parseDocument(text: string): ParsedDocument {
  const lexed = lex(text);
  const tokens = lexed.tokens;
  const groups = splitAtBlankLines(tokens);
  const blocks: Block[] = [];
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    const extentStart = g === 0 ? 0 : lineEndAfter(text, groups[g - 1]![groups[g - 1]!.length - 1]!.end);
    const extentEnd = g + 1 < groups.length ? lineEndAfter(text, group[group.length - 1]!.end) : text.length;
    const eof: Token = { kind: 'eof', text: '', start: group[group.length - 1]!.end, end: group[group.length - 1]!.end, newlineBefore: false, blankLineBefore: false };
    const p = new ParserState([...group, eof], group[0]!.start);
    const statements = parseStatements(p);
    for (const st of statements) coverChildren(st);
    diagnostics.push(...p.diagnostics);
    blocks.push({
      kind: 'Block', statements, start: group[0]!.start, end: group[group.length - 1]!.end,
      extent: { start: extentStart, end: extentEnd },
    });
  }
  if (blocks.length === 0) {
    blocks.push({ kind: 'Block', statements: [], start: 0, end: 0, extent: { start: 0, end: text.length } });
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start);
  return { text, blocks, tokens, comments: lexed.comments, diagnostics };
}

/**
 * After error recovery a node may have been given a range that misses part of a child (an empty
 * error node placed before the operator that follows it). Widen such ranges so every node lies
 * inside its parent, which the language server relies on to find the node at a position.
 */
function coverChildren(node: Node): void {
  let start = node.start;
  let end = node.end;
  for (const c of children(node)) {
    coverChildren(c);
    if (c.start < start) start = c.start;
    if (c.end > end) end = c.end;
  }
  if (start !== node.start || end !== node.end) Object.assign(node, { start, end });
}

function splitAtBlankLines(tokens: readonly Token[]): Token[][] {
  const groups: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    if (t.blankLineBefore && current.length) {
      groups.push(current);
      current = [];
    }
    current.push(t);
  }
  if (current.length) groups.push(current);
  return groups;
}

/** The offset just past the line break that ends the line containing `offset`. */
function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return Math.min(text.length, i + 1);
}

function parseStatements(p: ParserState): Statement[] {
  const statements: Statement[] = [];
  while (!p.atEnd) {
    if (p.eatOp(';')) continue;
    const before = p.peek();
    const t = p.peek();
    if (t.kind === 'ident' && t.text === 'let') {
      statements.push(parseLet(p));
      // A missing ';' was reported by parseLet: go on with the next statement.
      if (!p.eatOp(';') && p.peek() !== before) continue;
      if (p.peek() === before) p.next();
      continue;
    } else {
      const body = parsePipeline(p);
      statements.push({ kind: 'Query', body, start: body.start, end: body.end });
    }
    if (p.atEnd) break;
    if (!p.eatOp(';')) {
      const u = p.peek();
      p.error('unexpected-token', { start: u.start, end: u.end }, `Unexpected '${u.text}'; statements are separated by ';'.`);
      // Skip to the next statement.
      while (!p.atEnd && !p.isOp(';')) p.next();
    }
    if (p.peek() === before) p.next(); // always make progress
  }
  return statements;
}

function parseLet(p: ParserState): Statement {
  const start = p.next().start;
  const n = p.peek();
  let name = { kind: 'Name' as const, name: '', start: p.lastEnd, end: p.lastEnd };
  if (n.kind === 'ident') name = p.declaredName(p.next());
  else p.error('expected-token', { start: n.start, end: n.end }, 'Expected a name after let.');
  let value: Expr | Tabular;
  if (p.expectOp('=')) {
    value = parseTabularOrExpr(p);
  } else {
    value = { kind: 'ErrorExpr', start: p.lastEnd, end: p.lastEnd };
  }
  if (!p.isOp(';')) p.error('expected-token', { start: p.lastEnd, end: p.lastEnd }, "Expected ';' after the let statement.", [';']);
  return { kind: 'Let', name, value, start, end: p.lastEnd };
}
