import { OpathError } from './errors';

export type OpathTokenKind = 'lparen' | 'rparen' | 'operator' | 'string' | 'variable' | 'word' | 'eof';

export interface OpathToken {
  kind: OpathTokenKind;
  /** Operator name without the dash, lower-cased (eq, and, ...); string contents unescaped; variable name lower-cased without $. */
  value: string;
  /** Offset in the filter text and length of the raw token. */
  pos: number;
  len: number;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
// Characters PowerShell reads as single and double quotes.
const singleQuotes = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const doubleQuotes = new Set(['"', '\u201c', '\u201d', '\u201e']);

/** Splits an OPATH filter into tokens. Quoting follows PowerShell: '' inside '...', "" or `" inside "...". */
export function lexOpath(text: string): OpathToken[] {
  const tokens: OpathToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) { i++; continue; }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', value: c, pos: i, len: 1 });
      i++;
      continue;
    }
    if (singleQuotes.has(c) || doubleQuotes.has(c)) {
      const start = i;
      const quotes = singleQuotes.has(c) ? singleQuotes : doubleQuotes;
      let out = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i];
        if (!singleQuotes.has(c) && d === '`' && i + 1 < text.length) { out += text[i + 1]; i += 2; continue; }
        if (quotes.has(d)) {
          if (i + 1 < text.length && quotes.has(text[i + 1])) { out += d; i += 2; continue; }
          i++;
          closed = true;
          break;
        }
        out += d;
        i++;
      }
      if (!closed) throw new OpathError('unterminated quoted string', start, text.length - start);
      tokens.push({ kind: 'string', value: out, pos: start, len: i - start });
      continue;
    }
    if (c === '-' && /[A-Za-z]/.test(text[i + 1] ?? '')) {
      const start = i;
      i++;
      while (i < text.length && /[A-Za-z]/.test(text[i])) i++;
      tokens.push({ kind: 'operator', value: text.slice(start + 1, i).toLowerCase(), pos: start, len: i - start });
      continue;
    }
    if (c === '$') {
      const start = i;
      i++;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      if (i === start + 1) throw new OpathError('expected a variable name after $', start);
      tokens.push({ kind: 'variable', value: text.slice(start + 1, i).toLowerCase(), pos: start, len: i - start });
      continue;
    }
    const start = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== '(' && text[i] !== ')' && !singleQuotes.has(text[i]) && !doubleQuotes.has(text[i])) i++;
    tokens.push({ kind: 'word', value: text.slice(start, i), pos: start, len: i - start });
  }
  tokens.push({ kind: 'eof', value: '', pos: text.length, len: 0 });
  return tokens;
}
