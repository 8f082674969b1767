/** Scalar expressions, by Kusto's precedence: or < and < comparison, in, between < + - < * / % < has, contains, =~, ... < unary < postfix. */
import type { BinaryOp, Expr, Literal, Name, Tabular } from './ast';
import type { ParserState } from './parserState';
import { parseTabularOrExpr } from './parseTabular';
import type { Token } from './token';

const comparisonOps: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', '<>']);
const stringWordOps: ReadonlySet<string> = new Set([
  'has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs',
  'hasprefix', 'hassuffix',
]);
const negatedOps: ReadonlySet<string> = new Set([
  '!has', '!has_cs', '!contains', '!contains_cs', '!startswith', '!startswith_cs', '!endswith', '!endswith_cs',
  '!hasprefix', '!hassuffix',
]);
/** Type names that form typed literals: long(null), real(1.5), bool(true). */
const typedLiteralNames: ReadonlyMap<string, Literal['type']> = new Map([
  ['long', 'long'], ['int', 'long'], ['real', 'real'], ['double', 'real'], ['decimal', 'real'],
  ['bool', 'bool'], ['boolean', 'bool'],
]);

export function parseExpr(p: ParserState): Expr {
  return parseOr(p);
}

function binary(op: BinaryOp, opTok: Token, left: Expr, right: Expr): Expr {
  return { kind: 'Binary', op, opRange: { start: opTok.start, end: opTok.end }, left, right, start: left.start, end: right.end };
}

function parseOr(p: ParserState): Expr {
  let left = parseAnd(p);
  for (let t = p.peek(); p.isWord('or'); t = p.peek()) {
    p.next();
    left = binary('or', t, left, parseAnd(p));
  }
  return left;
}

function parseAnd(p: ParserState): Expr {
  let left = parseComparison(p);
  for (let t = p.peek(); p.isWord('and'); t = p.peek()) {
    p.next();
    left = binary('and', t, left, parseComparison(p));
  }
  return left;
}

function isComparisonStart(p: ParserState): boolean {
  const t = p.peek();
  if (t.kind === 'op') return comparisonOps.has(t.text) || t.text === 'in~' || t.text === '!in' || t.text === '!in~' || t.text === '!between';
  return t.kind === 'ident' && (t.text === 'in' || t.text === 'has_any' || t.text === 'has_all' || t.text === 'between');
}

/** Comparisons do not chain in Kusto (a == b == c is an error): one per level, use and/or. */
function parseComparison(p: ParserState): Expr {
  const left = parseComparisonOnce(p);
  if (left.kind === 'ErrorExpr' || !isComparisonStart(p) || !isComparisonNode(left)) return left;
  const t = p.peek();
  p.error('unexpected-token', { start: t.start, end: t.end }, `Comparisons cannot be chained: combine them with 'and' or parentheses.`);
  let e: Expr = left;
  while (isComparisonStart(p)) e = parseComparisonOnce(p, e);
  return e;
}

function isComparisonNode(e: Expr): boolean {
  return e.kind === 'In' || e.kind === 'Between' || (e.kind === 'Binary' && (comparisonOps.has(e.op) || e.op === '!='));
}


function parseComparisonOnce(p: ParserState, start?: Expr): Expr {
  const left = start ?? parseAdditive(p);
  const t = p.peek();
  if (t.kind === 'op' && comparisonOps.has(t.text)) {
    p.next();
    return binary((t.text === '<>' ? '!=' : t.text) as BinaryOp, t, left, parseAdditive(p));
  }
  if ((t.kind === 'ident' && (t.text === 'in' || t.text === 'has_any' || t.text === 'has_all')) ||
    (t.kind === 'op' && (t.text === 'in~' || t.text === '!in' || t.text === '!in~'))) {
    return parseIn(p, left);
  }
  if ((t.kind === 'ident' && t.text === 'between') || (t.kind === 'op' && t.text === '!between')) return parseBetween(p, left);
  return left;
}

/** has, contains, startswith, =~, matches regex, ...: in Kusto these bind tighter than * and +. */
function parseStringOperators(p: ParserState): Expr {
  let left = parseUnary(p);
  for (;;) {
    const t = p.peek();
    if ((t.kind === 'ident' && stringWordOps.has(t.text)) || (t.kind === 'op' && (negatedOps.has(t.text) || t.text === '=~' || t.text === '!~'))) {
      p.next();
      left = binary(t.text as BinaryOp, t, left, parseUnary(p));
    } else if (t.kind === 'ident' && t.text === 'matches' && p.isWord('regex', 1)) {
      p.next();
      const r = p.next();
      const right = parseUnary(p);
      left = { kind: 'Binary', op: 'matches regex', opRange: { start: t.start, end: r.end }, left, right, start: left.start, end: right.end };
    } else {
      return left;
    }
  }
}

function parseIn(p: ParserState, left: Expr): Expr {
  const opTok = p.next();
  const items: Array<Expr | Tabular> = [];
  if (p.expectOp('(')) {
    if (!p.isOp(')')) {
      for (;;) {
        items.push(parseTabularOrExpr(p));
        if (!p.eatOp(',')) break;
      }
    }
    p.expectOp(')');
  }
  return {
    kind: 'In', op: opTok.text as 'in', opRange: { start: opTok.start, end: opTok.end }, left, items,
    start: left.start, end: p.lastEnd,
  };
}

function parseBetween(p: ParserState, left: Expr): Expr {
  const opTok = p.next();
  let low: Expr = { kind: 'ErrorExpr', start: p.lastEnd, end: p.lastEnd };
  let high: Expr = low;
  if (p.expectOp('(')) {
    low = parseAdditive(p);
    if (p.expectOp('..')) high = parseAdditive(p);
    else high = errorAt(p);
    p.expectOp(')');
  }
  return {
    kind: 'Between', negated: opTok.text === '!between', opRange: { start: opTok.start, end: opTok.end },
    left, low, high, start: left.start, end: p.lastEnd,
  };
}

function parseAdditive(p: ParserState): Expr {
  let left = parseMultiplicative(p);
  for (let t = p.peek(); p.isOp('+') || p.isOp('-'); t = p.peek()) {
    p.next();
    left = binary(t.text as BinaryOp, t, left, parseMultiplicative(p));
  }
  return left;
}

function parseMultiplicative(p: ParserState): Expr {
  let left = parseStringOperators(p);
  for (let t = p.peek(); p.isOp('*') || p.isOp('/') || p.isOp('%'); t = p.peek()) {
    p.next();
    left = binary(t.text as BinaryOp, t, left, parseStringOperators(p));
  }
  return left;
}

function parseUnary(p: ParserState): Expr {
  const t = p.peek();
  if (p.isOp('-') || p.isOp('+')) {
    p.next();
    const operand = parseUnary(p);
    return { kind: 'Unary', op: t.text as '-' | '+', operand, start: t.start, end: operand.end };
  }
  return parsePostfix(p);
}

function parsePostfix(p: ParserState): Expr {
  let e = parsePrimary(p);
  if (e.kind === 'ErrorExpr' || e.kind === 'Star') return e;
  for (;;) {
    if (p.isOp('.') && (p.peek(1).kind === 'ident' || p.isOp('[', 1))) {
      p.next();
      let member: Name;
      if (p.isOp('[')) {
        const bracketed = parseBracketedName(p);
        if (!bracketed) return e;
        member = bracketed;
      } else {
        member = p.nameFrom(p.next());
      }
      e = { kind: 'Member', target: e, member, start: e.start, end: member.end };
    } else if (p.isOp('[')) {
      p.next();
      const index = parseExpr(p);
      p.expectOp(']');
      e = { kind: 'Index', target: e, index, start: e.start, end: p.lastEnd };
    } else {
      return e;
    }
  }
}

/** `['name with spaces']` */
function parseBracketedName(p: ParserState): Name | undefined {
  if (!(p.isOp('[') && p.peek(1).kind === 'string' && p.isOp(']', 2))) return undefined;
  const open = p.next();
  const s = p.next();
  p.next();
  return { kind: 'Name', name: String(s.value ?? ''), start: open.start, end: p.lastEnd };
}

export function errorAt(p: ParserState): Expr {
  const t = p.peek();
  p.error('expected-expression', { start: t.kind === 'eof' ? p.lastEnd : t.start, end: t.kind === 'eof' ? p.lastEnd : t.end }, 'Expected an expression.');
  return { kind: 'ErrorExpr', start: p.lastEnd, end: p.lastEnd };
}

function parsePrimary(p: ParserState): Expr {
  const t = p.peek();
  switch (t.kind) {
    case 'string': {
      p.next();
      let value = String(t.value ?? '');
      // Adjacent string literals concatenate, as in Kusto.
      while (p.peek().kind === 'string') value += String(p.next().value ?? '');
      return { kind: 'Literal', type: 'string', value, start: t.start, end: p.lastEnd };
    }
    case 'long':
    case 'real':
    case 'timespan':
    case 'datetime':
      p.next();
      return { kind: 'Literal', type: t.kind, value: t.value ?? null, start: t.start, end: t.end };
    case 'bad':
      p.next();
      return { kind: 'ErrorExpr', start: t.start, end: t.end };
    case 'ident':
      return parseIdentifierExpr(p, t);
    case 'op':
      if (t.text === '(') {
        p.next();
        const inner = parseExpr(p);
        p.expectOp(')');
        return { kind: 'Paren', expr: inner, start: t.start, end: p.lastEnd };
      }
      if (t.text === '*') {
        p.next();
        return { kind: 'Star', start: t.start, end: t.end };
      }
      if (t.text === '[') {
        const name = parseBracketedName(p);
        if (name) return { kind: 'NameRef', name, start: name.start, end: name.end };
        p.next();
        p.error('unexpected-token', { start: t.start, end: t.end }, `Unexpected '['.`);
        return { kind: 'ErrorExpr', start: t.start, end: t.end };
      }
      if (t.text === '{' || t.text === ']' || t.text === '}' || t.text === '.' || t.text === '..' || t.text === '?' || t.text === ':' || t.text === '!') {
        p.next();
        p.error('unexpected-token', { start: t.start, end: t.end }, `Unexpected '${t.text}'.`);
        return { kind: 'ErrorExpr', start: t.start, end: t.end };
      }
      return errorAt(p);
    default:
      return errorAt(p);
  }
}

function parseIdentifierExpr(p: ParserState, t: Token): Expr {
  const word = t.text;
  if (word === 'true' || word === 'false') {
    p.next();
    return { kind: 'Literal', type: 'bool', value: word === 'true', start: t.start, end: t.end };
  }
  if (p.isOp('(', 1)) {
    if (word === 'dynamic') return parseDynamicLiteral(p);
    const typed = typedLiteralNames.get(word);
    if (typed && isTypedLiteralArg(p)) return parseTypedLiteral(p, typed);
    const callee = p.nameFrom(p.next());
    const open = p.next();
    const args: Expr[] = [];
    if (!p.isOp(')')) {
      for (;;) {
        args.push(parseExpr(p));
        if (!p.eatOp(',')) break;
      }
    }
    p.expectOp(')');
    return { kind: 'Call', callee, args, argsRange: { start: open.start, end: p.lastEnd }, start: t.start, end: p.lastEnd };
  }
  p.next();
  const name = p.declaredName(t);
  return { kind: 'NameRef', name, start: t.start, end: t.end };
}

function isTypedLiteralArg(p: ParserState): boolean {
  const inner = p.peek(2);
  const innerOk = inner.kind === 'long' || inner.kind === 'real' || inner.kind === 'string' ||
    (inner.kind === 'ident' && (inner.text === 'null' || inner.text === 'true' || inner.text === 'false'));
  if (innerOk && p.isOp(')', 3)) return true;
  return p.isOp('-', 2) && (p.peek(3).kind === 'long' || p.peek(3).kind === 'real') && p.isOp(')', 4);
}

function parseTypedLiteral(p: ParserState, type: Literal['type']): Expr {
  const start = p.next().start;
  p.next(); // (
  const negative = !!p.eatOp('-');
  const v = p.next();
  p.next(); // )
  let value: unknown = null;
  if (v.kind === 'long' || v.kind === 'real') value = negative ? -Number(v.value) : Number(v.value);
  else if (v.kind === 'string') value = v.value;
  else if (v.text === 'true' || v.text === 'false') value = v.text === 'true';
  return { kind: 'Literal', type, value, start, end: p.lastEnd };
}

/** dynamic([1, "a"]), dynamic({"k": [1]}), dynamic(null): JSON-like values. */
function parseDynamicLiteral(p: ParserState): Expr {
  const start = p.next().start;
  p.next(); // (
  const value = parseDynamicValue(p);
  p.expectOp(')');
  return { kind: 'Literal', type: 'dynamic', value, start, end: p.lastEnd };
}

function parseDynamicValue(p: ParserState): unknown {
  const t = p.peek();
  if (p.isOp('[')) {
    p.next();
    const arr: unknown[] = [];
    if (!p.isOp(']')) {
      for (;;) {
        arr.push(parseDynamicValue(p));
        if (!p.eatOp(',')) break;
      }
    }
    p.expectOp(']');
    return arr;
  }
  if (p.isOp('{')) {
    p.next();
    // A null prototype: keys such as __proto__ in the query stay plain data.
    const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    if (!p.isOp('}')) {
      for (;;) {
        const k = p.peek();
        if (k.kind !== 'string' && k.kind !== 'ident') {
          p.error('bad-literal', { start: k.start, end: k.end }, 'Expected a property name.');
          break;
        }
        p.next();
        p.expectOp(':');
        obj[String(k.value ?? k.text)] = parseDynamicValue(p);
        if (!p.eatOp(',')) break;
      }
    }
    p.expectOp('}');
    return obj;
  }
  if (p.isOp('-') && (p.peek(1).kind === 'long' || p.peek(1).kind === 'real')) {
    p.next();
    return -Number(p.next().value);
  }
  switch (t.kind) {
    case 'string': case 'long': case 'real': case 'timespan': case 'datetime':
      p.next();
      return t.value ?? null;
    case 'ident':
      if (t.text === 'true' || t.text === 'false' || t.text === 'null') {
        p.next();
        return t.text === 'null' ? null : t.text === 'true';
      }
      break;
    default:
      break;
  }
  p.error('bad-literal', { start: t.start, end: t.end }, 'Expected a dynamic value (number, string, true, false, null, [...], {...}).');
  if (t.kind !== 'eof' && !(t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}' || t.text === ','))) p.next();
  return null;
}

