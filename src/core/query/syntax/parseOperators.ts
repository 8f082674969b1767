/** Tabular operators after `|`. Each parser reads its operator; unreadable input becomes a BadOperator. */
import type { Expr, JoinCondition, Name, NamedExpr, Operator, RenameItem, RenderProp, SortKey, Tabular } from './ast';
import { parseExpr } from './parseExpression';
import type { ParserState } from './parserState';
import { parseOptions, parseParenTabular, parseTabularTerm, parseUnionTables, unionOptions } from './parseTabular';
import type { Token } from './token';

/** Every operator keyword the parser reads (the language server offers these after `|`). */
export const operatorKeywords: ReadonlySet<string> = new Set([
  'where', 'filter', 'project', 'project-away', 'project-keep', 'project-rename', 'extend', 'summarize',
  'order', 'sort', 'top', 'take', 'limit', 'distinct', 'count', 'join', 'union', 'mv-expand', 'render',
]);

/** Chart kinds of `render`. */
export const renderKinds: readonly string[] = ['timechart', 'columnchart', 'barchart', 'piechart', 'table', 'timeline', 'areachart', 'linechart', 'scatterchart', 'card'];

export const joinKinds: readonly string[] = ['innerunique', 'inner', 'leftouter', 'leftanti', 'leftsemi', 'rightouter', 'rightanti', 'rightsemi', 'fullouter', 'leftantisemi', 'rightantisemi'];

const joinOptions: ReadonlySet<string> = new Set(['kind']);
const mvExpandOptions: ReadonlySet<string> = new Set(['kind', 'bagexpansion', 'with_itemindex']);

export function parseOperator(p: ParserState): Operator {
  const t = p.peek();
  if (t.kind !== 'ident') {
    const at = t.kind === 'eof' ? { start: p.lastEnd, end: p.lastEnd } : { start: t.start, end: t.end };
    p.error('expected-operator', at, 'Expected a query operator after |.', [...operatorKeywords]);
    p.skipToOperatorEnd();
    const range = p.span(at.start);
    const keyword: Name = { kind: 'Name', name: '', ...range };
    return { kind: 'BadOperator', keyword, ...range };
  }
  const op = readOperator(p, t);
  if (!atOperatorEnd(p)) {
    const u = p.peek();
    p.error('unexpected-token', { start: u.start, end: u.end }, `Unexpected '${u.text}' in ${op.keyword.name}.`);
    p.skipToOperatorEnd();
    return { ...op, end: p.lastEnd };
  }
  return op;
}

function atOperatorEnd(p: ParserState): boolean {
  const t = p.peek();
  return t.kind === 'eof' || (t.kind === 'op' && (t.text === '|' || t.text === ';' || t.text === ')' || t.text === ']'));
}

function kw(p: ParserState, t: Token): Name {
  p.next();
  return p.nameFrom(t);
}

function readOperator(p: ParserState, t: Token): Operator {
  const start = t.start;
  const end = (): number => p.lastEnd;
  switch (t.text) {
    case 'where':
    case 'filter': {
      const keyword = kw(p, t);
      const predicate = parseExpr(p);
      return { kind: 'Where', keyword, predicate, start, end: end() };
    }
    case 'project':
      return { kind: 'Project', keyword: kw(p, t), items: parseNamedList(p), start, end: end() };
    case 'extend':
      return { kind: 'Extend', keyword: kw(p, t), items: parseNamedList(p), start, end: end() };
    case 'project-away':
      return { kind: 'ProjectAway', keyword: kw(p, t), columns: parseNameList(p), start, end: end() };
    case 'project-keep':
      return { kind: 'ProjectKeep', keyword: kw(p, t), columns: parseNameList(p), start, end: end() };
    case 'project-rename':
      return { kind: 'ProjectRename', keyword: kw(p, t), items: parseRenames(p), start, end: end() };
    case 'summarize': {
      const keyword = kw(p, t);
      parseOptions(p, new Set());
      const aggregates = p.isWord('by') ? [] : parseNamedList(p);
      const byTok = p.eatWord('by');
      const by = byTok ? parseNamedList(p) : [];
      return { kind: 'Summarize', keyword, aggregates, by, ...(byTok ? { byKeyword: p.nameFrom(byTok) } : {}), start, end: end() };
    }
    case 'order':
    case 'sort': {
      p.next();
      const byTok = p.peek();
      if (!p.eatWord('by')) p.error('expected-token', { start: p.lastEnd, end: p.lastEnd }, `Expected 'by' after '${t.text}'.`, ['by']);
      const keyword: Name = { kind: 'Name', name: `${t.text} by`, start, end: byTok.kind === 'ident' && byTok.text === 'by' ? byTok.end : t.end };
      return { kind: 'Sort', keyword, keys: parseSortKeys(p), start, end: end() };
    }
    case 'top': {
      const keyword = kw(p, t);
      const count = parseExpr(p);
      let keys: SortKey[] = [];
      if (p.eatWord('by')) keys = [parseSortKey(p)];
      else p.error('expected-token', { start: p.lastEnd, end: p.lastEnd }, "Expected 'by' in top.", ['by']);
      return { kind: 'Top', keyword, count, keys, start, end: end() };
    }
    case 'take':
    case 'limit':
      return { kind: 'Take', keyword: kw(p, t), count: parseExpr(p), start, end: end() };
    case 'distinct': {
      const keyword = kw(p, t);
      if (p.eatOp('*')) return { kind: 'Distinct', keyword, items: [], star: true, start, end: end() };
      return { kind: 'Distinct', keyword, items: parseNamedList(p), star: false, start, end: end() };
    }
    case 'count':
      return { kind: 'Count', keyword: kw(p, t), start, end: end() };
    case 'join':
      return parseJoin(p, t);
    case 'union': {
      const keyword = kw(p, t);
      const options = parseOptions(p, unionOptions);
      return { kind: 'UnionOp', keyword, options, tables: parseUnionTables(p), start, end: end() };
    }
    case 'mv-expand': {
      const keyword = kw(p, t);
      const options = parseOptions(p, mvExpandOptions);
      const items = parseNamedList(p, true);
      let limit: Expr | undefined;
      if (p.eatWord('limit')) limit = parseExpr(p);
      return { kind: 'MvExpand', keyword, options, items, ...(limit ? { limit } : {}), start, end: end() };
    }
    case 'render':
      return parseRender(p, t);
    default: {
      p.next();
      const keyword = p.nameFrom(t);
      p.error('unknown-operator', { start: t.start, end: t.end }, `Unknown query operator '${t.text}'.`, suggestOperators(t.text));
      p.skipToOperatorEnd();
      return { kind: 'BadOperator', keyword, start, end: end() };
    }
  }
}

function suggestOperators(word: string): string[] {
  const lower = word.toLowerCase();
  return [...operatorKeywords].filter((k) => k.startsWith(lower.slice(0, 2)) || lower.startsWith(k)).slice(0, 5);
}

/** `[Name =] expr, ...` (mv-expand items may end with `to typeof(T)`). */
export function parseNamedList(p: ParserState, allowToType = false): NamedExpr[] {
  const items: NamedExpr[] = [];
  if (atOperatorEnd(p) || p.isWord('by')) {
    p.error('expected-expression', { start: p.lastEnd, end: p.lastEnd }, 'Expected an expression.');
    return items;
  }
  for (;;) {
    const start = p.peek().start;
    let name: Name | undefined;
    const t = p.peek();
    if (t.kind === 'ident' && p.isOp('=', 1)) {
      p.next();
      p.next();
      name = p.declaredName(t);
    } else if (p.isOp('[') && p.peek(1).kind === 'string' && p.isOp(']', 2) && p.isOp('=', 3)) {
      p.next();
      const s = p.next();
      p.next();
      name = { kind: 'Name', name: String(s.value ?? ''), start: t.start, end: p.lastEnd };
      p.next();
    }
    const expr = parseExpr(p);
    let toType: Name | undefined;
    if (allowToType && p.isWord('to') && p.isWord('typeof', 1)) {
      p.next();
      p.next();
      if (p.expectOp('(')) {
        const ty = p.peek();
        if (ty.kind === 'ident') toType = p.nameFrom(p.next());
        else p.error('expected-token', { start: ty.start, end: ty.end }, 'Expected a type name.');
        p.expectOp(')');
      }
    }
    items.push({ kind: 'NamedExpr', ...(name ? { name } : {}), expr, ...(toType ? { toType } : {}), ...p.span(start) });
    if (!p.eatOp(',')) break;
  }
  return items;
}

function parseNameList(p: ParserState): Name[] {
  const names: Name[] = [];
  for (;;) {
    const n = readName(p);
    if (!n) break;
    names.push(n);
    if (!p.eatOp(',')) break;
  }
  return names;
}

/** A column name, plain or `['bracketed']`; wildcards (`Client*`) are kept in the name. */
function readName(p: ParserState): Name | undefined {
  const t = p.peek();
  if (t.kind === 'ident') {
    p.next();
    p.declaredName(t);
    let name = t.text;
    let endOffset = t.end;
    while (p.isOp('*') && p.isAdjacent(0)) {
      const star = p.next();
      name += '*';
      endOffset = star.end;
      if (p.peek().kind === 'ident' && p.isAdjacent(0)) {
        const more = p.next();
        name += more.text;
        endOffset = more.end;
      }
    }
    return { kind: 'Name', name, start: t.start, end: endOffset };
  }
  if (p.isOp('[') && p.peek(1).kind === 'string' && p.isOp(']', 2)) {
    p.next();
    const s = p.next();
    p.next();
    return { kind: 'Name', name: String(s.value ?? ''), start: t.start, end: p.lastEnd };
  }
  p.error('expected-token', t.kind === 'eof' ? { start: p.lastEnd, end: p.lastEnd } : { start: t.start, end: t.end }, 'Expected a column name.');
  return undefined;
}

function parseRenames(p: ParserState): RenameItem[] {
  const items: RenameItem[] = [];
  for (;;) {
    const newName = readName(p);
    if (!newName) break;
    if (!p.expectOp('=')) break;
    const oldName = readName(p);
    if (!oldName) break;
    items.push({ kind: 'RenameItem', newName, oldName, start: newName.start, end: oldName.end });
    if (!p.eatOp(',')) break;
  }
  return items;
}

function parseSortKeys(p: ParserState): SortKey[] {
  const keys: SortKey[] = [];
  for (;;) {
    keys.push(parseSortKey(p));
    if (!p.eatOp(',')) break;
  }
  return keys;
}

function parseSortKey(p: ParserState): SortKey {
  const start = p.peek().start;
  const expr = parseExpr(p);
  let direction: Name | undefined;
  let nulls: Name | undefined;
  if (p.isWord('asc') || p.isWord('desc')) direction = p.nameFrom(p.next());
  if (p.isWord('nulls')) {
    p.next();
    if (p.isWord('first') || p.isWord('last')) nulls = p.nameFrom(p.next());
    else p.error('expected-token', { start: p.lastEnd, end: p.lastEnd }, "Expected 'first' or 'last'.", ['first', 'last']);
  }
  return { kind: 'SortKey', expr, ...(direction ? { direction } : {}), ...(nulls ? { nulls } : {}), ...p.span(start) };
}

function parseJoin(p: ParserState, t: Token): Operator {
  const keyword = kw(p, t);
  const options = parseOptions(p, joinOptions);
  let right: Tabular;
  if (p.isOp('(')) {
    const src = parseParenTabular(p);
    right = { kind: 'Pipeline', source: src, operators: [], start: src.start, end: src.end };
  } else {
    right = parseTabularTerm(p);
  }
  const on: JoinCondition[] = [];
  if (p.eatWord('on')) {
    for (;;) {
      const c = parseJoinCondition(p);
      if (!c) break;
      on.push(c);
      if (!p.eatOp(',')) break;
    }
  } else {
    p.error('expected-token', { start: p.lastEnd, end: p.lastEnd }, "Expected 'on' and the join columns.", ['on']);
  }
  return { kind: 'Join', keyword, options, right, on, start: t.start, end: p.lastEnd };
}

/** `Col` or `$left.A == $right.B` (either side first). */
function parseJoinCondition(p: ParserState): JoinCondition | undefined {
  const start = p.peek().start;
  const side = (): { side: string; name: Name } | undefined => {
    const s = p.peek();
    if (s.kind === 'ident' && (s.text === '$left' || s.text === '$right') && p.isOp('.', 1) && p.peek(2).kind === 'ident') {
      p.next();
      p.next();
      return { side: s.text, name: p.declaredName(p.next()) };
    }
    return undefined;
  };
  const first = side();
  if (!first) {
    const n = readName(p);
    return n ? { kind: 'JoinCondition', left: n, right: n, start, end: n.end } : undefined;
  }
  if (!p.expectOp('==')) return undefined;
  const second = side();
  if (!second || second.side === first.side) {
    const at = p.peek();
    p.error('expected-token', { start: at.start, end: at.end }, `Expected ${first.side === '$left' ? '$right' : '$left'}.Column.`);
    return undefined;
  }
  const [l, r] = first.side === '$left' ? [first.name, second.name] : [second.name, first.name];
  return { kind: 'JoinCondition', left: l, right: r, start, end: p.lastEnd };
}

function parseRender(p: ParserState, t: Token): Operator {
  const keyword = kw(p, t);
  const c = p.peek();
  let chart: Name = { kind: 'Name', name: '', start: p.lastEnd, end: p.lastEnd };
  if (c.kind === 'ident') chart = p.nameFrom(p.next());
  else p.error('expected-token', { start: p.lastEnd, end: p.lastEnd }, 'Expected a chart kind.', renderKinds);
  const props: RenderProp[] = [];
  if (p.eatWord('with')) {
    if (p.expectOp('(')) {
      while (!p.isOp(')') && !p.atEnd) {
        const n = p.peek();
        if (n.kind !== 'ident') break;
        if (!p.isOp('=', 1)) {
          // continuation of a list value: ycolumns=a, b
          const last = props[props.length - 1];
          if (!last) break;
          last.values.push(parseExpr(p));
        } else {
          p.next();
          p.next();
          props.push({ kind: 'RenderProp', name: p.nameFrom(n), values: [parseExpr(p)], start: n.start, end: p.lastEnd });
        }
        if (!p.eatOp(',')) break;
      }
      p.expectOp(')');
    }
  }
  return { kind: 'Render', keyword, chart, props, start: t.start, end: p.lastEnd };
}

