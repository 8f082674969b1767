/**
 * Completion: operators after `|`, tables at the start of a query, the columns flowing to the cursor,
 * lets, functions (with snippets from the function catalogue), word operators after a value, and
 * inside a string compared with a column the values the loaded data holds, with their counts.
 */
import {
  CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Range,
} from 'vscode-languageserver';
import {
  aggregateFunctions, completionContext, joinKinds, operatorKeywords, renderKinds, scalarFunctions,
  type Analysis, type BoundColumn, type CompletionContext, type Token,
} from '../core/query';
import { catalogueValues, operationMeaning } from './catalogueValues';
import type { DataStatistics } from './dataStatistics';
import type { DocumentModel } from './documentModel';
import { formatCount } from './markdown';
import { columnLines } from './hover';
import { operatorDocs } from './operatorDocs';
import { callSnippet } from './signatures';

const wordOperators = [
  'and', 'or', 'has', '!has', 'has_cs', 'contains', '!contains', 'startswith', '!startswith', 'endswith', '!endswith',
  'in', '!in', 'in~', 'has_any', 'between', '!between', 'matches regex',
];
const keywords: ReadonlySet<string> = new Set([
  ...operatorKeywords, ...wordOperators, 'by', 'on', 'let', 'kind', 'asc', 'desc', 'nulls', 'first', 'last', 'with', 'to', 'typeof', 'not',
]);
const triggerSuggest = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
const triggerParameterHints = { title: 'Parameter hints', command: 'editor.action.triggerParameterHints' };

export function completion(model: DocumentModel, offset: number, stats: DataStatistics): CompletionList {
  const block = model.blockAt(offset);
  const a = block.analysis;
  const local = offset - block.start;
  const ctx = completionContext(a, local);
  const range = model.blockRange(block, ctx.replace);
  const items = itemsFor(ctx, a, local, range, stats);
  return { isIncomplete: false, items };
}

function itemsFor(ctx: CompletionContext, a: Analysis, local: number, range: Range, stats: DataStatistics): CompletionItem[] {
  switch (ctx.kind) {
    case 'operator': return operatorItems(range);
    case 'table': return tableItems(ctx, a, range, stats);
    case 'expression': return expressionItems(ctx, a, range, stats);
    case 'value': return valueItems(ctx, a, local, range, stats);
    case 'joinKind': return joinKinds.map((k, i) => ({ label: k, kind: CompletionItemKind.EnumMember, sortText: sortKey(i), textEdit: { range, newText: k } }));
    case 'renderKind': return renderKinds.map((k, i) => ({ label: k, kind: CompletionItemKind.EnumMember, sortText: sortKey(i), textEdit: { range, newText: k } }));
    case 'none': return [];
  }
}

function sortKey(rank: number, group = 0): string {
  return `${group}${String(rank).padStart(6, '0')}`;
}

function operatorItems(range: Range): CompletionItem[] {
  return [...operatorKeywords].map((k, i) => {
    const doc = operatorDocs[k];
    const snippet = doc?.snippet ?? `${k} `;
    return {
      label: k,
      kind: CompletionItemKind.Keyword,
      sortText: sortKey(i),
      ...(doc ? { detail: doc.syntax, documentation: { kind: 'markdown', value: doc.meaning } } : {}),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippet },
      ...(snippet.endsWith(' ') ? { command: triggerSuggest } : {}),
    } satisfies CompletionItem;
  });
}

function tableItems(ctx: CompletionContext, a: Analysis, range: Range, stats: DataStatistics): CompletionItem[] {
  const items: CompletionItem[] = stats.schema.tableNames().map((name) => {
    const t = stats.schema.table(name);
    const loaded = stats.table(name);
    return {
      label: name,
      kind: CompletionItemKind.Class,
      detail: loaded ? `${formatCount(loaded.rows)} rows` : 'table',
      ...(t?.description ? { documentation: t.description } : {}),
      sortText: sortKey(0, loaded ? 0 : 1),
      textEdit: { range, newText: name },
    };
  });
  for (const l of ctx.lets) {
    items.push({ label: l.name, kind: CompletionItemKind.Variable, detail: l.kind === 'tabular' ? 'let (table)' : `let: ${l.type}`, sortText: sortKey(0, 2), textEdit: { range, newText: l.name } });
  }
  items.push({ label: 'datatable', kind: CompletionItemKind.Keyword, sortText: sortKey(0, 3), insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: 'datatable(${1:Name}: ${2:string}) [${3}]' } });
  items.push({ label: 'union', kind: CompletionItemKind.Keyword, sortText: sortKey(1, 3), textEdit: { range, newText: 'union ' }, command: triggerSuggest });
  // `let x = ` takes a scalar as well as a table.
  const before = tokenBefore(a.document.tokens, ctx.replace.start);
  if (before?.kind === 'op' && before.text === '=') items.push(...functionItems(range, 4, false));
  return items;
}

function expressionItems(ctx: CompletionContext, a: Analysis, range: Range, stats: DataStatistics): CompletionItem[] {
  const tokens = a.document.tokens;
  const before = tokenBefore(tokens, ctx.replace.start);
  if (before && endsValue(before)) {
    const op = enclosingOperator(tokens, tokens.indexOf(before));
    const words = followWords(op, ctx.aggregates);
    if (words.length) return words.map((w, i) => ({ label: w, kind: CompletionItemKind.Keyword, sortText: sortKey(i), textEdit: { range, newText: `${w} ` }, command: triggerSuggest }));
  }
  const items: CompletionItem[] = [];
  if (ctx.aggregates) {
    aggregateFunctions.forEach((f, i) => items.push({
      label: f.name, kind: CompletionItemKind.Function, detail: f.signature, documentation: f.description,
      sortText: sortKey(i, 0), insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: callSnippet(f.name, f.signature, f.minArgs, f.maxArgs) },
      ...(f.maxArgs > 0 ? { command: triggerParameterHints } : {}),
    }));
  }
  // The columns an operator reads are its input's, also past its last token (`summarize count() by ┃`):
  // ask for the columns where the token before the cursor ends, which is inside that operator.
  const columns = before && !(before.kind === 'op' && before.text === '|') ? a.columnsAt(before.end) : ctx.columns;
  columns.forEach((c, i) => items.push(columnItem(c, i, range, stats)));
  ctx.lets.forEach((l, i) => items.push({
    label: l.name, kind: CompletionItemKind.Variable, detail: l.kind === 'tabular' ? 'let (table)' : `let: ${l.type}`,
    sortText: sortKey(i, 2), textEdit: { range, newText: l.name },
  }));
  items.push(...functionItems(range, 3, true));
  return items;
}

function columnItem(c: BoundColumn, rank: number, range: Range, stats: DataStatistics): CompletionItem {
  return {
    label: c.name,
    kind: CompletionItemKind.Field,
    detail: c.type,
    documentation: { kind: 'markdown', value: columnLines(c, stats).join('\n') },
    sortText: sortKey(rank, 1),
    textEdit: { range, newText: /^[A-Za-z_$][A-Za-z0-9_]*$/.test(c.name) ? c.name : `['${c.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']` },
  };
}

function functionItems(range: Range, group: number, withCommand: boolean): CompletionItem[] {
  return scalarFunctions.map((f, i) => ({
    label: f.name, kind: CompletionItemKind.Function, detail: f.signature, documentation: f.description,
    sortText: sortKey(i, group), insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: callSnippet(f.name, f.signature, f.minArgs, f.maxArgs) },
    ...(withCommand && f.maxArgs > 0 ? { command: triggerParameterHints } : {}),
  }));
}

/** The last token that ends at or before `offset`. */
function tokenBefore(tokens: readonly Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  let ans: Token | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end <= offset && t.kind !== 'eof') { ans = t; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

/** The token completes a value: what follows is an operator word, not another value. */
function endsValue(t: Token): boolean {
  switch (t.kind) {
    case 'string': case 'long': case 'real': case 'timespan': case 'datetime': return true;
    case 'op': return t.text === ')' || t.text === ']';
    case 'ident': return !keywords.has(t.text);
    default: return false;
  }
}

/** The operator keyword after the nearest top-level `|` before token i, and whether `by` came since. */
function enclosingOperator(tokens: readonly Token[], i: number): { keyword: string | undefined; afterBy: boolean } {
  let depth = 0;
  let afterBy = false;
  for (let j = i; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind === 'op' && (t.text === ')' || t.text === ']')) depth++;
    else if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (t.kind === 'ident' && t.text === 'by') afterBy = true;
    if (t.kind === 'op' && (t.text === '|' || t.text === ';')) {
      const k = tokens[j + 1];
      return { keyword: t.text === '|' && k ? k.text : undefined, afterBy };
    }
  }
  return { keyword: undefined, afterBy };
}

function followWords(op: { keyword: string | undefined; afterBy: boolean }, aggregates: boolean): string[] {
  switch (op.keyword) {
    case 'summarize': return aggregates && !op.afterBy ? ['by'] : [];
    case 'order': case 'sort': return ['asc', 'desc', 'nulls first', 'nulls last'];
    case 'top': return op.afterBy ? ['asc', 'desc', 'nulls first', 'nulls last'] : ['by'];
    case 'join': return ['on'];
    case 'where': case 'filter': case 'extend': case 'project': case undefined: return wordOperators;
    default: return [];
  }
}

/** Inside `Column == "…"`: the values the loaded data holds, most frequent first; else the catalogue's names. */
function valueItems(ctx: CompletionContext, a: Analysis, local: number, range: Range, stats: DataStatistics): CompletionItem[] {
  const v = ctx.value;
  if (!v) return [];
  const token = tokenAt(a.document.tokens, local);
  const verbatim = token ? /^[hH]?@/.test(token.text) : false;
  const closed = token !== undefined && ctx.replace.end === token.end - 1 && a.text[ctx.replace.end] === v.quote;
  const write = (value: string): string => quoteContent(value, v.quote, verbatim) + (closed ? '' : v.quote);
  const column = v.columnInfo;
  const s = stats.forColumn(column);
  if (s?.topValues && s.topValues.length) {
    return s.topValues.map((tv, i) => {
      const meaning = operationMeaning(column?.def, tv.value);
      return {
        label: tv.value,
        labelDetails: { description: `${formatCount(tv.count)} rows` },
        kind: CompletionItemKind.Value,
        detail: `${formatCount(tv.count)} rows`,
        ...(meaning ? { documentation: meaning } : {}),
        sortText: sortKey(i),
        filterText: tv.value,
        textEdit: { range, newText: write(tv.value) },
      } satisfies CompletionItem;
    });
  }
  return catalogueValues(column?.def).map((kv, i) => ({
    label: kv.value,
    kind: CompletionItemKind.EnumMember,
    ...(kv.detail ? { detail: kv.detail } : {}),
    ...(kv.documentation ? { documentation: kv.documentation } : {}),
    sortText: sortKey(i),
    filterText: kv.value,
    textEdit: { range, newText: write(kv.value) },
  }));
}

/** The string token holding `offset` (inside it or at its unclosed end). */
function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end < offset) lo = mid + 1;
    else if (t.start >= offset) hi = mid - 1;
    else return t;
  }
  return undefined;
}

/** The text between the quotes of a string literal that reads back as `value`. */
export function quoteContent(value: string, quote: string, verbatim: boolean): string {
  if (verbatim) return value.split(quote).join(quote + quote);
  return value.replace(/[\\\n\r\t]|["']/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return c === quote ? `\\${c}` : c;
  });
}
