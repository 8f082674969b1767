/** Tabular expressions: sources (tables, datatable, union, parenthesised queries) and pipelines. */
import type { Datatable, DatatableColumn, Expr, OptionNode, Pipeline, Source, Tabular } from './ast';
import { parseExpr } from './parseExpression';
import { operatorKeywords, parseNamedList, parseOperator } from './parseOperators';
import type { ParserState } from './parserState';

export function parsePipeline(p: ParserState): Pipeline {
  const source = parseSource(p);
  const operators: Pipeline['operators'] = [];
  for (;;) {
    if (p.eatOp('|')) {
      operators.push(parseOperator(p));
      continue;
    }
    const t = p.peek();
    // `T where x` : the pipe is missing before a known operator.
    if (t.kind === 'ident' && operatorKeywords.has(t.text) && source.kind !== 'BadSource') {
      p.error('missing-pipe', { start: t.start, end: t.end }, `Missing '|' before '${t.text}'.`, [`| ${t.text}`]);
      operators.push(parseOperator(p));
      continue;
    }
    break;
  }
  return { kind: 'Pipeline', source, operators, ...p.span(source.start) };
}

/** A table, a datatable, a union or a parenthesised query: what may follow `join` or stand in a union. */
export function parseTabularTerm(p: ParserState): Pipeline {
  const source = parseSource(p);
  return { kind: 'Pipeline', source, operators: [], start: source.start, end: source.end };
}

export function parseSource(p: ParserState): Source {
  const t = p.peek();
  if (t.kind === 'ident') {
    if (t.text === 'datatable' && p.isOp('(', 1)) return parseDatatable(p);
    if (t.text === 'union') return parseUnionSource(p);
    if (t.text === 'print') {
      p.next();
      const items = parseNamedList(p);
      return { kind: 'Print', keyword: p.nameFrom(t), items, start: t.start, end: p.lastEnd };
    }
    p.next();
    return { kind: 'TableRef', name: p.nameFrom(t), start: t.start, end: t.end };
  }
  if (p.isOp('[') && p.peek(1).kind === 'string' && p.isOp(']', 2)) {
    p.next();
    const s = p.next();
    p.next();
    return { kind: 'TableRef', name: { kind: 'Name', name: String(s.value ?? ''), start: t.start, end: p.lastEnd }, start: t.start, end: p.lastEnd };
  }
  if (p.isOp('(')) return parseParenTabular(p);
  p.error('expected-expression', t.kind === 'eof' ? { start: p.lastEnd, end: p.lastEnd } : { start: t.start, end: t.end }, 'Expected a table name or a tabular expression.');
  if (t.kind === 'bad' || (t.kind !== 'eof' && !(t.kind === 'op' && (t.text === '|' || t.text === ';' || t.text === ')')))) p.next();
  return { kind: 'BadSource', ...p.span(t.start) };
}

export function parseParenTabular(p: ParserState): Source {
  const open = p.next();
  const body = parsePipeline(p);
  p.expectOp(')');
  return { kind: 'ParenTabular', body, start: open.start, end: p.lastEnd };
}

function parseDatatable(p: ParserState): Datatable {
  const start = p.next().start;
  p.next(); // (
  const columns: DatatableColumn[] = [];
  if (!p.isOp(')')) {
    for (;;) {
      const n = p.peek();
      if (n.kind !== 'ident') {
        p.error('expected-token', { start: n.start, end: n.end }, 'Expected a column name.');
        break;
      }
      p.next();
      const name = p.declaredName(n);
      let type = { kind: 'Name' as const, name: '', start: p.lastEnd, end: p.lastEnd };
      if (p.expectOp(':')) {
        const ty = p.peek();
        if (ty.kind === 'ident') type = p.nameFrom(p.next());
        else p.error('expected-token', { start: ty.start, end: ty.end }, 'Expected a type name (string, long, real, bool, datetime, timespan, dynamic).');
      }
      columns.push({ kind: 'DatatableColumn', name, type, start: n.start, end: p.lastEnd });
      if (!p.eatOp(',')) break;
    }
  }
  p.expectOp(')');
  const values: Expr[] = [];
  if (p.expectOp('[')) {
    if (!p.isOp(']')) {
      for (;;) {
        values.push(parseExpr(p));
        if (!p.eatOp(',')) break;
      }
    }
    p.expectOp(']');
  }
  return { kind: 'Datatable', columns, values, start, end: p.lastEnd };
}

/** kind=inner, withsource=T, hint.strategy=shuffle ... */
export function parseOptions(p: ParserState, names: ReadonlySet<string>): OptionNode[] {
  const options: OptionNode[] = [];
  for (;;) {
    const t = p.peek();
    if (!(t.kind === 'ident' && p.isOp('=', 1))) break;
    const dotted = t.text.startsWith('hint');
    if (!names.has(t.text) && !dotted) break;
    p.next();
    p.next();
    const v = p.peek();
    if (v.kind !== 'ident' && v.kind !== 'long') {
      p.error('expected-token', { start: v.start, end: v.end }, `Expected a value for ${t.text}.`);
      break;
    }
    p.next();
    options.push({ kind: 'Option', name: p.nameFrom(t), value: p.nameFrom(v), start: t.start, end: v.end });
  }
  return options;
}

const unionOptions: ReadonlySet<string> = new Set(['kind', 'withsource', 'isfuzzy']);

export function parseUnionTables(p: ParserState): Tabular[] {
  const tables: Tabular[] = [];
  for (;;) {
    tables.push(parseTabularTerm(p));
    if (!p.eatOp(',')) break;
  }
  return tables;
}

function parseUnionSource(p: ParserState): Source {
  const start = p.next().start;
  const options = parseOptions(p, unionOptions);
  const tables = parseUnionTables(p);
  return { kind: 'Union', options, tables, start, end: p.lastEnd };
}

export { unionOptions };

/**
 * Where either a scalar or a tabular expression may stand (let values, `in (...)` items):
 * datatable/union and parenthesised pipelines are tabular; `Name | ...` is tabular; the rest scalar
 * (a bare name is resolved by the binder).
 */
export function parseTabularOrExpr(p: ParserState): Expr | Tabular {
  const t = p.peek();
  if (t.kind === 'ident' && ((t.text === 'datatable' && p.isOp('(', 1)) || ((t.text === 'union' || t.text === 'print') && !p.isOp('(', 1)))) return parsePipeline(p);
  if (t.kind === 'ident' && p.isOp('|', 1)) return parsePipeline(p);
  if (p.isOp('(') && p.parenHoldsPipe(0)) return parsePipeline(p);
  return parseExpr(p);
}
