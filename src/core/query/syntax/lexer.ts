/** The lexer: text -> tokens (with trivia facts) + comment ranges + lexical diagnostics. Never throws. */
import { diag, type Diagnostic } from '../diagnostics';
import type { TextRange } from '../text/range';
import { parseDatetimeText, parseTimespanText, timespanUnitMs } from './literals';
import { hyphenatedNames, negatableWords, type Token, type TokenKind } from './token';

export interface LexResult {
  readonly tokens: Token[];
  readonly comments: TextRange[];
  readonly diagnostics: Diagnostic[];
}

/** Punctuation, longest first. */
const punctuation = ['..', '==', '!=', '<>', '=~', '!~', '<=', '>=', '|', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '=', '<', '>', '+', '-', '*', '/', '%', '!', '?'];
/** The punctuation starting with each character code (longest first): one lookup instead of a scan. */
const punctuationByFirst: readonly (readonly string[] | undefined)[] = (() => {
  const table: string[][] = [];
  for (const p of punctuation) (table[p.charCodeAt(0)] ??= []).push(p);
  return table;
})();

const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function lex(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly comments: TextRange[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private newlineBefore = false;
  private blankLineBefore = false;

  constructor(private readonly text: string) {}

  run(): LexResult {
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.text.length) break;
      this.readToken();
    }
    this.push('eof', this.text.length, this.text.length);
    return { tokens: this.tokens, comments: this.comments, diagnostics: this.diagnostics };
  }

  private skipTrivia(): void {
    const t = this.text;
    this.newlineBefore = this.tokens.length === 0;
    this.blankLineBefore = false;
    let lineHasContent = this.tokens.length > 0;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 10 || c === 13) {
        if (this.newlineBefore && !lineHasContent && this.tokens.length > 0) this.blankLineBefore = true;
        if (c === 13 && t.charCodeAt(this.pos + 1) === 10) this.pos++;
        this.pos++;
        this.newlineBefore = true;
        lineHasContent = false;
      } else if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
        this.pos++;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 47) {
        const start = this.pos;
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 10 && t.charCodeAt(this.pos) !== 13) this.pos++;
        this.comments.push({ start, end: this.pos });
        lineHasContent = true;
      } else {
        break;
      }
    }
  }

  private push(kind: TokenKind, start: number, end: number, value?: string | number | null): void {
    // Two literal shapes rather than a spread: tokens are made by the thousand on every keystroke.
    const text = this.text.slice(start, end);
    const token: Token = value === undefined
      ? { kind, start, end, text, newlineBefore: this.newlineBefore, blankLineBefore: this.blankLineBefore }
      : { kind, start, end, text, newlineBefore: this.newlineBefore, blankLineBefore: this.blankLineBefore, value };
    this.tokens.push(token);
    this.newlineBefore = false;
    this.blankLineBefore = false;
  }

  private readToken(): void {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    const next = t.charCodeAt(start + 1);
    if (c === 34 || c === 39) return this.readString(start, start, false);
    if (c === 64 /* @ */ && (next === 34 || next === 39)) return this.readString(start, start + 1, true);
    if ((c === 104 || c === 72) /* h H */ && (next === 34 || next === 39)) return this.readString(start, start + 1, false);
    if ((c === 104 || c === 72) && next === 64 && (t.charCodeAt(start + 2) === 34 || t.charCodeAt(start + 2) === 39)) {
      return this.readString(start, start + 2, true);
    }
    if (t.startsWith('```', start)) return this.readFencedString(start);
    if (c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 96) return this.readWrongQuote(start);
    if (isDigit(c)) return this.readNumber(start);
    if (isIdentStart(c)) return this.readIdentifier(start);
    if (c === 33 /* ! */ && isLetter(next)) {
      let end = start + 1;
      while (end < t.length && isIdentPart(t.charCodeAt(end))) end++;
      const word = t.slice(start + 1, end);
      if (negatableWords.has(word)) {
        if (word === 'in' && t.charCodeAt(end) === 126 /* ~ */) end++;
        this.pos = end;
        return this.push('op', start, end);
      }
    }
    for (const p of punctuationByFirst[c] ?? []) {
      if (p.length === 1 || t.startsWith(p, start)) {
        this.pos = start + p.length;
        return this.push('op', start, this.pos);
      }
    }
    // One character (or surrogate pair) the language does not use.
    const cp = t.codePointAt(start) ?? c;
    this.pos = start + (cp > 0xffff ? 2 : 1);
    this.diagnostics.push(diag('bad-character', { start, end: this.pos }, `Unexpected character '${t.slice(start, this.pos)}'.`));
    this.push('bad', start, this.pos);
  }

  private readIdentifier(start: number): void {
    const t = this.text;
    let end = start + 1;
    while (end < t.length && isIdentPart(t.charCodeAt(end))) end++;
    // project-away, mv-expand, ...
    if (t.charCodeAt(end) === 45 /* - */ && isLetter(t.charCodeAt(end + 1))) {
      let e2 = end + 1;
      while (e2 < t.length && isIdentPart(t.charCodeAt(e2))) e2++;
      if (hyphenatedNames.has(t.slice(start, e2))) end = e2;
    }
    const word = t.slice(start, end);
    if (word === 'in' && t.charCodeAt(end) === 126 /* ~ */) {
      this.pos = end + 1;
      return this.push('op', start, this.pos);
    }
    if (word === 'datetime' || word === 'timespan' || word === 'time') {
      let p = end;
      while (p < t.length && (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9)) p++;
      if (t.charCodeAt(p) === 40 /* ( */) return this.readTypedLiteral(start, word === 'datetime' ? 'datetime' : 'timespan', p);
    }
    this.pos = end;
    this.push('ident', start, end, word);
  }

  /** datetime(...) and timespan(...): the text inside the parentheses is not made of ordinary tokens. */
  private readTypedLiteral(start: number, kind: 'datetime' | 'timespan', open: number): void {
    const t = this.text;
    let close = open + 1;
    while (close < t.length && t.charCodeAt(close) !== 41 && t.charCodeAt(close) !== 10 && t.charCodeAt(close) !== 13) close++;
    if (t.charCodeAt(close) !== 41) {
      this.pos = close;
      this.diagnostics.push(diag('expected-token', { start: close, end: close }, `Expected ')' to close ${kind}(...).`, [')']));
      return this.push('bad', start, close);
    }
    this.pos = close + 1;
    const inner = t.slice(open + 1, close).trim();
    if (inner === 'null') return this.push(kind, start, this.pos, null);
    const value = kind === 'datetime' ? parseDatetimeText(inner) : parseTimespanText(inner);
    if (value === undefined) {
      this.diagnostics.push(diag('bad-literal', { start, end: this.pos }, `'${inner}' is not a valid ${kind}.`));
      return this.push('bad', start, this.pos);
    }
    this.push(kind, start, this.pos, value);
  }

  private readNumber(start: number): void {
    const t = this.text;
    let p = start;
    let isReal = false;
    if (t.charCodeAt(p) === 48 && (t.charCodeAt(p + 1) === 120 || t.charCodeAt(p + 1) === 88)) {
      p += 2;
      while (p < t.length && /[0-9a-fA-F]/.test(t[p]!)) p++;
      this.pos = p;
      return this.push('long', start, p, parseInt(t.slice(start + 2, p) || '0', 16));
    }
    while (isDigit(t.charCodeAt(p))) p++;
    if (t.charCodeAt(p) === 46 && isDigit(t.charCodeAt(p + 1))) {
      isReal = true;
      p++;
      while (isDigit(t.charCodeAt(p))) p++;
    }
    const e = t.charCodeAt(p);
    if (e === 101 || e === 69) {
      let q = p + 1;
      if (t[q] === '+' || t[q] === '-') q++;
      if (isDigit(t.charCodeAt(q))) {
        isReal = true;
        p = q;
        while (isDigit(t.charCodeAt(p))) p++;
      }
    }
    const numberText = t.slice(start, p);
    if (isLetter(t.charCodeAt(p))) {
      let q = p;
      while (q < t.length && isIdentPart(t.charCodeAt(q))) q++;
      const unit = timespanUnitMs(t.slice(p, q).toLowerCase());
      this.pos = q;
      if (unit === undefined) {
        this.diagnostics.push(diag('bad-number', { start, end: q }, `'${t.slice(start, q)}' is not a number or a timespan (units: d, h, m, s, ms).`));
        return this.push('bad', start, q);
      }
      return this.push('timespan', start, q, Number(numberText) * unit);
    }
    this.pos = p;
    this.push(isReal ? 'real' : 'long', start, p, Number(numberText));
  }

  private readString(start: number, quoteAt: number, verbatim: boolean): void {
    const t = this.text;
    const quote = t.charCodeAt(quoteAt);
    let p = quoteAt + 1;
    let value = '';
    for (;;) {
      if (p >= t.length || t.charCodeAt(p) === 10 || t.charCodeAt(p) === 13) {
        this.pos = p;
        this.diagnostics.push(diag('unterminated-string', { start, end: p }, 'Unterminated string literal.', [t.slice(start, p) + String.fromCharCode(quote)]));
        return this.push('string', start, p, value);
      }
      const c = t.charCodeAt(p);
      if (c === quote) {
        if (verbatim && t.charCodeAt(p + 1) === quote) {
          value += t[p];
          p += 2;
          continue;
        }
        this.pos = p + 1;
        return this.push('string', start, this.pos, value);
      }
      if (c === 92 /* \ */ && !verbatim) {
        const e = t[p + 1];
        if (e === undefined) { p++; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
          value += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
          p += 6;
          continue;
        }
        value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '0' ? '\0' : e;
        p += 2;
        continue;
      }
      value += t[p];
      p++;
    }
  }

  private readFencedString(start: number): void {
    const t = this.text;
    const close = t.indexOf('```', start + 3);
    if (close < 0) {
      this.pos = t.length;
      this.diagnostics.push(diag('unterminated-string', { start, end: t.length }, 'Unterminated ``` string literal.'));
      return this.push('string', start, t.length, t.slice(start + 3));
    }
    this.pos = close + 3;
    this.push('string', start, this.pos, t.slice(start + 3, close));
  }

  /** “typographic” or `backtick` quotes: read as a string so parsing goes on, and offer the fix. */
  private readWrongQuote(start: number): void {
    const t = this.text;
    const open = t.charCodeAt(start);
    const closers = open === 96 ? [96] : open === 0x2018 || open === 0x2019 ? [0x2018, 0x2019, 39] : [0x201c, 0x201d, 34];
    let p = start + 1;
    while (p < t.length && !closers.includes(t.charCodeAt(p)) && t.charCodeAt(p) !== 10 && t.charCodeAt(p) !== 13) p++;
    const end = p < t.length && closers.includes(t.charCodeAt(p)) ? p + 1 : p;
    const inner = t.slice(start + 1, end > p ? p : end);
    this.pos = end;
    const fixed = JSON.stringify(inner);
    this.diagnostics.push(diag('wrong-quote', { start, end }, 'Strings are quoted with " or \'.', [fixed]));
    this.push('string', start, end, inner);
  }
}
