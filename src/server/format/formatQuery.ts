/**
 * The EXQ formatter: a `|` at the start of each pipe line, one space between tokens except where KQL
 * style glues them (calls, indexers, member access, `kind=inner`), comments kept where they were,
 * the user's other line breaks kept, one blank line between blocks.
 *
 * Safety: formatting only moves whitespace, and each block is checked after formatting: it must
 * parse to the same tree (positions aside) with the same comments, and stay one block. A block that
 * fails the check, or has syntax errors, is left as written. Formatting twice gives the same text.
 */
import { lex, parseDocument, walk, type Ast, type Token } from '../../core/query';
import { blockExtents } from '../blockSplit';

export interface FormatOptions {
  /** One level of indentation, e.g. four spaces or a tab. */
  readonly indent: string;
}

type Item = { readonly kind: 'token'; readonly token: Token; readonly start: number; readonly end: number }
  | { readonly kind: 'comment'; readonly start: number; readonly end: number };

const syntaxCodes: ReadonlySet<string> = new Set([
  'bad-character', 'unterminated-string', 'bad-number', 'expected-token', 'expected-expression', 'expected-operator',
  'unknown-operator', 'missing-pipe', 'unexpected-token', 'bad-literal', 'unsupported-syntax', 'wrong-quote',
]);
/** `name=value` options written without spaces (kind=inner, withsource=T). */
const optionNames: ReadonlySet<string> = new Set(['kind', 'withsource', 'bagexpansion', 'with_itemindex', 'isfuzzy']);
/** Keywords written like calls. */
const callLikeKeywords: ReadonlySet<string> = new Set(['typeof', 'datatable', 'dynamic']);
const positionKeys: ReadonlySet<string> = new Set(['start', 'end', 'extent', 'opRange', 'argsRange']);

export function formatDocument(text: string, options: FormatOptions): string {
  // Formatting must be idempotent: a comment after `;` can move to a line (and then a block) of its own
  // only on a second pass, so passes repeat until the text is stable; if it never settles, keep it as written.
  let current = formatOnce(text, options);
  for (let pass = 0; pass < 4; pass++) {
    const next = formatOnce(current, options);
    if (next === current) return sameDocument(text, current) ? current : text;
    current = next;
  }
  return text;
}

function formatOnce(text: string, options: FormatOptions): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const blocks: string[] = [];
  for (const { start, end } of blockExtents(text)) {
    const formatted = formatBlockText(text.slice(start, end), options, eol);
    if (formatted !== '') blocks.push(formatted);
  }
  if (blocks.length === 0) return text;
  const body = blocks.join(eol + eol);
  // An unterminated ``` string can end the text with its own line breaks: add none to them.
  const result = /[\r\n]$/.test(text) && !/[\r\n]$/.test(body) ? body + eol : body;
  // Blocks are formatted one by one; joining them must not regroup statements and comments into
  // other blocks (e.g. `;` then a comment line, then a blank line): if it would, keep the text.
  return sameDocument(text, result) ? result : text;
}

function sameDocument(text: string, formatted: string): boolean {
  const before = parseDocument(text);
  const after = parseDocument(formatted);
  const comments = (doc: ReturnType<typeof parseDocument>, t: string): string => JSON.stringify(doc.comments.map((c) => t.slice(c.start, c.end)));
  return after.blocks.length === before.blocks.length
    && treeSignature(after) === treeSignature(before)
    && comments(after, formatted) === comments(before, text);
}

/** One block's text formatted, or its own text (trimmed) when it cannot be formatted safely. */
export function formatBlockText(blockText: string, options: FormatOptions, eol: string): string {
  const lexed = lex(blockText);
  const items = itemsOf(lexed.tokens, lexed.comments);
  if (items.length === 0) return '';
  const original = blockText.slice(items[0]!.start, items[items.length - 1]!.end);
  const parsed = parseDocument(blockText);
  if (parsed.diagnostics.some((d) => syntaxCodes.has(d.code))) return original;
  const formatted = layout(blockText, items, glueEnds(parsed), options, eol);
  return sameMeaning(parsed, blockText, formatted) ? formatted : original;
}

function itemsOf(tokens: readonly Token[], comments: readonly { start: number; end: number }[]): Item[] {
  const items: Item[] = [];
  for (const t of tokens) if (t.kind !== 'eof') items.push({ kind: 'token', token: t, start: t.start, end: t.end });
  for (const c of comments) items.push({ kind: 'comment', start: c.start, end: c.end });
  return items.sort((a, b) => a.start - b.start);
}

/** Ends of call names and indexed expressions: the `(` or `[` right after them is glued on. */
function glueEnds(parsed: ReturnType<typeof parseDocument>): Set<number> {
  const ends = new Set<number>();
  for (const block of parsed.blocks) {
    walk(block, (n: Ast.Node) => {
      if (n.kind === 'Call') ends.add(n.callee.end);
      else if (n.kind === 'Index') ends.add(n.target.end);
    });
  }
  return ends;
}

function isOp(t: Token | undefined, ...texts: string[]): boolean {
  return t !== undefined && t.kind === 'op' && texts.includes(t.text);
}

function layout(text: string, items: readonly Item[], glue: ReadonlySet<number>, options: FormatOptions, eol: string): string {
  const lines: string[] = [];
  let line = '';
  let depth = 0;
  let inLet = false;
  let statementStart = true;
  let forceBreak = false;
  let prev: Token | undefined;
  let prevPrev: Token | undefined;
  let prevEnd = -1;
  const flush = (): void => {
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
  };
  const indent = (level: number): string => options.indent.repeat(Math.max(0, level));

  for (const item of items) {
    const sourceBreak = prevEnd >= 0 && /[\r\n]/.test(text.slice(prevEnd, item.start));
    const itemText = text.slice(item.start, item.end);
    if (item.kind === 'comment') {
      if (line !== '' && !sourceBreak && !forceBreak) {
        line += ` ${itemText}`;
      } else {
        flush();
        line = indent(statementStart ? 0 : depth + (inLet ? 1 : 0)) + itemText;
      }
      // Comments above a block keep a blank line under them (only there: inside a block it would split it).
      if (prev === undefined && blankLineAfter(text, item.end)) {
        flush();
        lines.push('');
      }
      forceBreak = true;
      prevEnd = item.end;
      continue;
    }
    const t = item.token;
    const pipe = isOp(t, '|');
    const closes = isOp(t, ')', ']', '}');
    const breakHere = line !== '' && (forceBreak || pipe || (sourceBreak && !isOp(prev, '|') && !isOp(t, ';')));
    if (breakHere) flush();
    if (line === '') {
      const level = statementStart ? 0 : (closes ? depth - 1 : depth) + (inLet ? 1 : 0) + (pipe ? 0 : 1);
      line = indent(level) + t.text;
    } else {
      line += (spaced(prevPrev, prev!, t, prevEnd === t.start, glue) ? ' ' : '') + t.text;
    }
    forceBreak = false;
    if (statementStart && t.kind === 'ident' && t.text === 'let') inLet = true;
    statementStart = false;
    if (isOp(t, '(', '[', '{')) depth++;
    else if (closes) depth = Math.max(0, depth - 1);
    else if (isOp(t, ';') && depth === 0) {
      inLet = false;
      statementStart = true;
      forceBreak = true;
    }
    prevPrev = prev;
    prev = t;
    prevEnd = item.end;
  }
  flush();
  return lines.join(eol);
}

function blankLineAfter(text: string, offset: number): boolean {
  const m = /^[ \t]*(\r\n|\n|\r)[ \t]*(\r\n|\n|\r)/.exec(text.slice(offset, offset + 200));
  return m !== null;
}

/** Whether one space goes between tokens a and b (pp is the token before a). */
function spaced(pp: Token | undefined, a: Token, b: Token, adjacent: boolean, glue: ReadonlySet<number>): boolean {
  // `Prefix*` wildcards are read from adjacent tokens.
  if (adjacent && (isOp(a, '*') || isOp(b, '*')) && (a.kind === 'ident' || b.kind === 'ident')) return false;
  if (isOp(b, ',', ';', ')', ']', '}', '.', ':')) return false;
  if (isOp(a, '(', '[', '{', '.', ':')) return false;
  if (isOp(b, '(', '[')) {
    if (glue.has(a.end)) return false;
    if (a.kind === 'ident' && callLikeKeywords.has(a.text)) return false;
    return true;
  }
  if (isOp(b, '=') && a.kind === 'ident' && optionNames.has(a.text)) return false;
  if (isOp(a, '=') && pp?.kind === 'ident' && optionNames.has(pp.text)) return false;
  if (isOp(a, '-', '+') && unaryPosition(pp)) return false;
  return true;
}

/** A sign after this token is unary (`ago(-1d)`, `x * -1`), not a binary operator. */
function unaryPosition(pp: Token | undefined): boolean {
  if (!pp) return true;
  if (pp.kind === 'op') return !isOp(pp, ')', ']', '}');
  return false;
}

/** The formatted block parses to the same tree and comments as the original, and is still one block. */
function sameMeaning(parsed: ReturnType<typeof parseDocument>, originalText: string, formatted: string): boolean {
  const again = parseDocument(formatted);
  if (again.blocks.length !== parsed.blocks.length) return false;
  if (again.diagnostics.some((d) => syntaxCodes.has(d.code))) return false;
  const comments = (doc: ReturnType<typeof parseDocument>, t: string): string => JSON.stringify(doc.comments.map((c) => t.slice(c.start, c.end)));
  return treeSignature(again) === treeSignature(parsed) && comments(again, formatted) === comments(parsed, originalText);
}

function treeSignature(doc: ReturnType<typeof parseDocument>): string {
  return JSON.stringify(doc.blocks.map((b) => b.statements), (key, value: unknown) => (positionKeys.has(key) ? undefined : value));
}
