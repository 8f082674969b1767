/** The token cursor shared by the parsing functions: look-ahead, consuming, expecting, recovering. */
import { diag, type Diagnostic, type DiagnosticCode } from '../diagnostics';
import type { TextRange } from '../text/range';
import type { Name } from './ast';
import { reservedWords } from './reservedWords';
import type { Token } from './token';

export class ParserState {
  private i = 0;
  /** End offset of the last consumed token (where a missing token is reported). */
  lastEnd: number;
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly tokens: readonly Token[], startOffset: number) {
    this.lastEnd = startOffset;
  }

  /** A node range from `start` to the end of the last consumed token (empty at lastEnd when nothing was consumed). */
  span(start: number): { start: number; end: number } {
    const end = this.lastEnd;
    return { start: Math.min(start, end), end };
  }

  peek(k = 0): Token {
    const t = this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
    return t!;
  }

  get atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') {
      this.i++;
      this.lastEnd = t.end;
    }
    return t;
  }

  /** The current token is the punctuation/operator `text`. */
  isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }

  /** The current token is the identifier/keyword `word`. */
  isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && t.text === word;
  }

  /** The token at k starts right where the previous one ends (no space between). */
  isAdjacent(k: number): boolean {
    return this.peek(k).start === this.peek(k - 1).end;
  }

  eatOp(text: string): Token | undefined {
    return this.isOp(text) ? this.next() : undefined;
  }

  eatWord(word: string): Token | undefined {
    return this.isWord(word) ? this.next() : undefined;
  }

  expectOp(text: string): boolean {
    if (this.eatOp(text)) return true;
    this.error('expected-token', { start: this.lastEnd, end: this.lastEnd }, `Expected '${text}'.`, [text]);
    return false;
  }

  error(code: DiagnosticCode, range: TextRange, message: string, suggestions?: readonly string[]): void {
    // One diagnostic per position is enough: cascades after the first only add noise.
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last && last.range.start === range.start && last.range.end === range.end) return;
    this.diagnostics.push(diag(code, range, message, suggestions));
  }

  /** A name written as a plain identifier: a Kusto keyword there must be bracketed. */
  declaredName(token: Token): Name {
    if (token.kind === 'ident' && reservedWords.has(token.text)) {
      this.error('reserved-name', { start: token.start, end: token.end }, `'${token.text}' is a keyword in KQL: write ['${token.text}'].`, [`['${token.text}']`]);
    }
    return this.nameFrom(token);
  }

  nameFrom(token: Token): Name {
    return { kind: 'Name', name: typeof token.value === 'string' ? token.value : token.text, start: token.start, end: token.end };
  }

  /** Skips tokens up to (not including) the next `|`, `;` or an unbalanced `)`/`]` at depth 0. */
  skipToOperatorEnd(): void {
    let depth = 0;
    while (!this.atEnd) {
      const t = this.peek();
      if (t.kind === 'op') {
        if (depth === 0 && (t.text === '|' || t.text === ';' || t.text === ')' || t.text === ']')) return;
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if ((t.text === ')' || t.text === ']' || t.text === '}') && depth > 0) depth--;
      }
      this.next();
    }
  }

  /** Index of the matching closing bracket for the opener at k, or -1. */
  findClosing(k: number): number {
    let depth = 0;
    for (let j = this.i + k; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (t.kind !== 'op') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth--;
        if (depth === 0) return j - this.i;
      }
    }
    return -1;
  }

  /** Whether a `|` occurs at depth 1 inside the parenthesis opened at k. */
  parenHoldsPipe(k: number): boolean {
    let depth = 0;
    for (let j = this.i + k; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (t.kind !== 'op') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth--;
        if (depth <= 0) return false;
      } else if (t.text === '|' && depth === 1) return true;
    }
    return false;
  }
}
