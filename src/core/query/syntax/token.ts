/** Tokens of the query language. */
import type { TextRange } from '../text/range';

export type TokenKind =
  | 'ident'     // names and keywords; `value` is the name (brackets are parsed, not lexed)
  | 'string'    // `value` is the decoded text
  | 'long'
  | 'real'
  | 'timespan'  // `value` is milliseconds (30m, 1h, 7d, timespan(...))
  | 'datetime'  // datetime(...): `value` is epoch ms, or null for datetime(null)
  | 'op'        // punctuation and operator words such as !has, in~, !between
  | 'bad'       // a character or literal the lexer could not read (a diagnostic says why)
  | 'eof';

export interface Token extends TextRange {
  readonly kind: TokenKind;
  /** The exact source text of the token. */
  readonly text: string;
  readonly value?: string | number | null;
  /** A line break occurs between the previous token and this one. */
  readonly newlineBefore: boolean;
  /** An empty (whitespace-only) line occurs between the previous token and this one: a block break. */
  readonly blankLineBefore: boolean;
}

/** Operators that have a negated `!word` spelling, lexed as one token (as Kusto does). */
export const negatableWords: ReadonlySet<string> = new Set([
  'has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs',
  'in', 'between', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'has_any', 'has_all',
]);

/** Operator names spelled with a hyphen, lexed as one identifier. */
export const hyphenatedNames: ReadonlySet<string> = new Set([
  'project-away', 'project-rename', 'project-keep', 'project-reorder', 'mv-expand', 'mv-apply',
  'make-series', 'top-nested', 'top-hitters',
]);
