/** Hover: columns (type, meaning, top values), operation names, functions, lets, tables, operators. */
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { findTable, findOperation } from '../core/schema';
import type { Analysis, Ast, BoundColumn, BoundSymbol, LetSymbol, TableInfo } from '../core/query';
import type { DataStatistics } from './dataStatistics';
import type { DocumentModel } from './documentModel';
import { formatCount, formatTime, mdCode, mdText } from './markdown';
import { operatorDocs } from './operatorDocs';

const TOP_SHOWN = 5;

export function hover(model: DocumentModel, offset: number, stats: DataStatistics): Hover | null {
  const block = model.blockAt(offset);
  const a = block.analysis;
  const local = offset - block.start;
  const reply = (lines: string[], range: { start: number; end: number }): Hover => ({
    contents: markdown(lines),
    range: model.blockRange(block, range),
  });

  const path = a.nodesAt(local);
  const innermost = path[path.length - 1];
  const parent = path[path.length - 2];
  if (innermost?.kind === 'Name' && parent && 'keyword' in parent && parent.keyword === innermost) {
    const doc = operatorDocs[innermost.name.split(' ')[0]!];
    if (doc) return reply([`(operator) ${mdCode(doc.syntax)}`, '', mdText(doc.meaning)], innermost);
  }

  const hit = a.symbolAt(local);
  if (hit) {
    const range = nameRange(hit.node);
    if (range.start <= local && local <= range.end) return reply(symbolLines(hit.symbol, stats), range);
  }
  const decl = a.binding.blocks.flatMap((b) => b.lets).find((l) => l.nameRange.start <= local && local <= l.nameRange.end);
  if (decl) return reply(letLines(decl), decl.nameRange);

  if (innermost?.kind === 'Literal' && innermost.type === 'string' && typeof innermost.value === 'string') {
    const lines = stringLines(innermost.value, comparedColumn(a, parent, innermost), stats);
    if (lines.length) return reply(lines, innermost);
  }
  return null;
}

function markdown(lines: string[]): MarkupContent {
  return { kind: 'markdown', value: lines.join('\n') };
}

function nameRange(node: Ast.Node): { start: number; end: number } {
  switch (node.kind) {
    case 'Call': return node.callee;
    case 'NameRef': return node.name;
    case 'TableRef': return node.name;
    default: return node;
  }
}

function symbolLines(symbol: BoundSymbol, stats: DataStatistics): string[] {
  switch (symbol.kind) {
    case 'column': return columnLines(symbol.column, stats);
    case 'let': return letLines(symbol.symbol);
    case 'table': return tableLines(symbol.table, stats);
    case 'function':
    case 'aggregate':
      return [`(${symbol.kind === 'aggregate' ? 'aggregate' : 'function'}) ${mdCode(symbol.fn.signature)}`, '', mdText(symbol.fn.description)];
  }
}

export function columnLines(column: BoundColumn, stats: DataStatistics): string[] {
  const lines = [`(column) **${mdText(column.name)}**: ${mdCode(column.type)}`];
  const description = column.description ?? column.def?.description;
  if (description) lines.push('', mdText(description));
  if (column.origin) {
    const sentinel = findTable(column.origin.table);
    const sentinelColumn = column.def?.sentinel;
    lines.push('', `*${mdText(`${column.origin.table}.${column.origin.column}`)}${sentinel && sentinelColumn ? ` · Sentinel ${mdText(`${sentinel.sentinelTable}.${sentinelColumn}`)}` : ''}*`);
  }
  lines.push(...valueLines(column, stats));
  return lines;
}

function valueLines(column: BoundColumn, stats: DataStatistics): string[] {
  const s = stats.forColumn(column);
  if (!s || !column.origin) return [];
  const rows = stats.table(column.origin.table)?.rows ?? 0;
  if (s.topValues && s.topValues.length) {
    const shown = s.topValues.slice(0, TOP_SHOWN).map((v) => `${mdCode(v.value)} ${formatCount(v.count)}`);
    return ['', `Top values (${formatCount(s.distinct ?? s.topValues.length)} distinct in ${formatCount(rows)} rows): ${shown.join(' · ')}`];
  }
  if (s.min !== undefined && s.max !== undefined) {
    const show = column.type === 'datetime' ? formatTime : formatCount;
    return ['', `Range in the loaded data: ${mdCode(show(s.min))} – ${mdCode(show(s.max))}`];
  }
  return [];
}

function letLines(l: LetSymbol): string[] {
  if (l.kind === 'scalar') return [`(let) **${mdText(l.name)}**: ${mdCode(l.type)}`];
  const cols = l.schema?.columns ?? [];
  const shown = cols.slice(0, 12).map((c) => `${mdText(c.name)}: ${c.type}`).join(', ');
  return [`(let) **${mdText(l.name)}**: a table`, '', cols.length ? `Columns: ${shown}${cols.length > 12 ? `, … (${cols.length})` : ''}` : 'Columns not known.'];
}

function tableLines(t: TableInfo, stats: DataStatistics): string[] {
  const lines = [`(table) **${mdText(t.name)}**`];
  if (t.description) lines.push('', mdText(t.description));
  const s = stats.table(t.name);
  lines.push('', `${formatCount(t.columns.length)} columns${s ? ` · ${formatCount(s.rows)} rows loaded` : ' · not loaded'}`);
  if (t.def) lines.push('', `Sentinel table: ${mdText(t.def.sentinelTable)}`);
  return lines;
}

/** The column a string literal is compared with (`Operation == "x"`, `UserId in ("a", "b")`). */
function comparedColumn(a: Analysis, parent: Ast.Node | undefined, literal: Ast.Node): BoundColumn | undefined {
  if (!parent) return undefined;
  let other: Ast.Node | undefined;
  if (parent.kind === 'Binary') other = parent.left === literal ? parent.right : parent.left;
  else if (parent.kind === 'In') other = parent.left;
  if (!other) return undefined;
  const sym = a.binding.symbols.get(other);
  return sym?.kind === 'column' ? sym.column : undefined;
}

function stringLines(value: string, column: BoundColumn | undefined, stats: DataStatistics): string[] {
  const lines: string[] = [];
  const op = findOperation(value);
  if (op && (!column || column.name === 'Operation' || column.def?.convert === 'operation')) {
    lines.push(`(operation) **${mdText(op.name)}** · ${mdText(op.category)}`, '', mdText(op.meaning));
  }
  if (column?.origin) {
    const count = stats.countOf(column.origin.table, column.origin.column, value);
    if (count !== undefined) lines.push('', `${formatCount(count)} rows in the loaded ${mdText(`${column.origin.table}.${column.origin.column}`)}`);
  }
  return lines;
}
