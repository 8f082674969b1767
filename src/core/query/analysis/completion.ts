/**
 * What may be typed at a cursor: the kind of completion (operator after `|`, table, expression,
 * a value of a column inside quotes, join kind, chart kind), the word being replaced, and the
 * columns and let names in scope.
 */
import type { LetSymbol } from '../bind/binding';
import type { BoundColumn } from '../bind/rowSchema';
import { findColumn } from '../bind/rowSchema';
import { operatorKeywords } from '../syntax/parseOperators';
import type { Token } from '../syntax/token';
import type { TextRange } from '../text/range';
import type { Analysis } from './analyze';

export type CompletionKind =
  | 'operator'     // after `|`
  | 'table'        // at the start of a query, after join/union/`in (`
  | 'expression'   // columns, functions, lets (and aggregates where `aggregates` is true)
  | 'value'        // inside a string compared with a column: offer the column's values
  | 'joinKind'
  | 'renderKind'
  | 'none';        // inside a comment, a number, a finished string

export interface CompletionContext {
  readonly kind: CompletionKind;
  /** The text the completion replaces (the partial word or string content). */
  readonly replace: TextRange;
  readonly prefix: string;
  readonly columns: readonly BoundColumn[];
  readonly lets: readonly LetSymbol[];
  /** Aggregate functions fit here (a summarize item). */
  readonly aggregates: boolean;
  /** For 'value': the column compared and the operator. */
  readonly value?: { readonly column: string; readonly columnInfo?: BoundColumn; readonly operator: string; readonly quote: string };
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$-]/.test(c);

function tokenIndexBefore(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

export function completionContext(a: Analysis, offset: number): CompletionContext {
  const text = a.text;
  const tokens = a.document.tokens;
  const none = (replace: TextRange): CompletionContext => ({ kind: 'none', replace, prefix: '', columns: [], lets: [], aggregates: false });
  if (a.document.comments.some((c) => c.start <= offset && offset <= c.end)) return none({ start: offset, end: offset });

  let i = tokenIndexBefore(tokens, offset);
  const at = i >= 0 ? tokens[i]! : undefined;
  // Inside a string: a value of the column it is compared with.
  if (at && at.kind === 'string' && offset > at.start && (offset < at.end || !/["']$/.test(at.text) || at.text.length === 1)) {
    return valueContext(a, tokens, i, offset);
  }
  if (at && (at.kind === 'long' || at.kind === 'real' || at.kind === 'timespan') && offset <= at.end) return none({ start: at.start, end: at.end });

  // The partial word under the cursor.
  let start = offset;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isWordChar(text[end])) end++;
  const replace = { start, end };
  const prefix = text.slice(start, offset);
  if (at && at.start >= start && at.kind === 'ident') i--;
  const prev = i >= 0 ? tokens[i] : undefined;
  const prev2 = i >= 1 ? tokens[i - 1] : undefined;
  const base = { replace, prefix, columns: a.columnsAt(offset), lets: a.letsAt(offset) };

  const blockStart = a.document.blocks[a.blockIndexAt(offset)]!.start;
  if (!prev || prev.start < blockStart || isOp(prev, ';') || (isOp(prev, '=') && prev2?.kind === 'ident' && isLetName(tokens, i - 1))) {
    return { ...base, kind: 'table', columns: [], aggregates: false };
  }
  if (isOp(prev, '|')) return { ...base, kind: 'operator', aggregates: false };
  if (isWord(prev, 'join') || isWord(prev, 'union') || (prev.kind === 'ident' && isOp(prev2, '=') && afterJoinKeyword(tokens, i)) || (isOp(prev, ',') && inUnionList(tokens, i))) return { ...base, kind: 'table', columns: [], aggregates: false };
  if (isOp(prev, '=') && isWord(prev2, 'kind') && tokens.slice(Math.max(0, i - 4), i).some((t) => isWord(t, 'join'))) {
    return { ...base, kind: 'joinKind', columns: [], aggregates: false };
  }
  if (isWord(prev, 'render')) return { ...base, kind: 'renderKind', columns: [], aggregates: false };
  if (isOp(prev, '(') && afterJoinKeyword(tokens, i - 1)) return { ...base, kind: 'table', columns: [], aggregates: false };
  // Inside an operator: an expression. Aggregates fit in summarize before `by`.
  const op = enclosingOperator(tokens, i);
  const aggregates = op === 'summarize';
  return { ...base, kind: 'expression', aggregates };
}

function isOp(t: Token | undefined, text: string): boolean {
  return t?.kind === 'op' && t.text === text;
}

function isWord(t: Token | undefined, text: string): boolean {
  return t?.kind === 'ident' && t.text === text;
}

function isLetName(tokens: readonly Token[], nameIndex: number): boolean {
  return isWord(tokens[nameIndex - 1], 'let');
}

/** Token j (or the options before it, kind=inner) follows `join`. */
function afterJoinKeyword(tokens: readonly Token[], j: number): boolean {
  while (j >= 2 && tokens[j]!.kind === 'ident' && isOp(tokens[j - 1], '=') && tokens[j - 2]!.kind === 'ident') j -= 3;
  return isWord(tokens[j], 'join');
}

function inUnionList(tokens: readonly Token[], i: number): boolean {
  for (let j = i; j >= 0; j--) {
    const t = tokens[j]!;
    if (isWord(t, 'union')) return true;
    if (t.kind === 'op' && (t.text === '|' || t.text === ';')) return false;
  }
  return false;
}

/** The operator keyword after the nearest `|` before token i (summarize stops at its `by`). */
function enclosingOperator(tokens: readonly Token[], i: number): string | undefined {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind === 'op' && (t.text === ')' || t.text === ']')) depth++;
    else if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (isWord(t, 'by')) return 'by';
    if (t.kind === 'op' && t.text === '|') {
      const k = tokens[j + 1];
      return k && operatorKeywords.has(k.text) ? k.text : undefined;
    }
  }
  return undefined;
}

/** `Column == "par|` or `Column in ("a", "b|`: the column and the string's content range. */
function valueContext(a: Analysis, tokens: readonly Token[], i: number, offset: number): CompletionContext {
  const s = tokens[i]!;
  const quoteLen = /^[@hH]/.test(s.text) ? (s.text[1] === '@' ? 3 : 2) : 1;
  const contentStart = s.start + quoteLen;
  const closed = s.text.length > quoteLen && s.text.endsWith(s.text[quoteLen - 1]!);
  const replace = { start: contentStart, end: closed ? s.end - 1 : s.end };
  const base = { replace, prefix: a.text.slice(contentStart, offset), columns: a.columnsAt(offset), lets: a.letsAt(offset), aggregates: false };
  let j = i - 1;
  // Skip earlier items of an `in (...)` list.
  while (j >= 1 && tokens[j]!.kind === 'op' && tokens[j]!.text === ',' && tokens[j - 1]!.kind === 'string') j -= 2;
  if (isOp(tokens[j], '(')) j--;
  const opTok = tokens[j];
  const colTok = tokens[j - 1];
  if (!opTok || !colTok || colTok.kind !== 'ident') return { ...base, kind: 'none' };
  const operator = opTok.text;
  const comparable = /^(==|!=|=~|!~|has|!has|has_cs|contains|!contains|startswith|!startswith|endswith|!endswith|in|!in|in~|!in~|has_any)$/.test(operator);
  if (!comparable) return { ...base, kind: 'none' };
  const column = colTok.text;
  const info = findColumn(a.schemaAt(offset), column);
  return { ...base, kind: 'value', value: { column, ...(info ? { columnInfo: info } : {}), operator, quote: s.text[quoteLen - 1] ?? '"' } };
}
