import type { OpathComparisonOperator, OpathNode, OpathValue } from './ast';
import { OpathError } from './errors';
import { lexOpath, type OpathToken } from './lexer';
import { findOpathProperty } from './properties';

const comparisonOperators = new Set<OpathComparisonOperator>(['eq', 'ne', 'like', 'notlike']);
// Operators OPATH knows but this evaluator does not, named so the error can say so.
const knownUnsupported = new Set(['gt', 'ge', 'lt', 'le', 'ceq', 'cne', 'clike', 'cnotlike', 'ieq', 'ine', 'ilike', 'inotlike',
  'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin', 'xor', 'band', 'bor']);

/** Parses a RecipientRestrictionFilter; throws OpathError (with position) on anything unsupported. */
export function parseOpath(text: string): OpathNode {
  const tokens = lexOpath(text);
  let i = 0;
  const peek = (): OpathToken => tokens[i];
  const next = (): OpathToken => tokens[i++];
  const isOp = (t: OpathToken, v: string) => t.kind === 'operator' && t.value === v;

  if (peek().kind === 'eof') throw new OpathError('empty filter', 0);

  function parseOr(): OpathNode {
    let left = parseAnd();
    while (isOp(peek(), 'or')) {
      const t = next();
      left = { type: 'or', left, right: parseAnd(), pos: t.pos };
    }
    return left;
  }
  function parseAnd(): OpathNode {
    let left = parseUnary();
    while (isOp(peek(), 'and')) {
      const t = next();
      left = { type: 'and', left, right: parseUnary(), pos: t.pos };
    }
    return left;
  }
  function parseUnary(): OpathNode {
    const t = peek();
    if (isOp(t, 'not')) {
      next();
      return { type: 'not', operand: parseUnary(), pos: t.pos };
    }
    return parsePrimary();
  }
  function parsePrimary(): OpathNode {
    const t = peek();
    if (t.kind === 'lparen') {
      next();
      const inner = parseOr();
      const close = peek();
      if (close.kind !== 'rparen') throw new OpathError(`expected ')' to close '(' at position ${t.pos}`, close.pos, Math.max(close.len, 1));
      next();
      return inner;
    }
    return parseComparison();
  }
  function parseComparison(): OpathNode {
    const propTok = next();
    if (propTok.kind !== 'word') {
      if (propTok.kind === 'eof') throw new OpathError('expected a property name, found the end of the filter', propTok.pos);
      throw new OpathError(`expected a property name, found ${describe(propTok)}`, propTok.pos, propTok.len);
    }
    const prop = findOpathProperty(propTok.value);
    if (!prop) throw new OpathError(`unknown or unsupported property '${propTok.value}'`, propTok.pos, propTok.len);
    const opTok = next();
    if (opTok.kind !== 'operator') throw new OpathError(`expected an operator such as -eq after ${prop.name}, found ${describe(opTok)}`, opTok.pos, Math.max(opTok.len, 1));
    if (!comparisonOperators.has(opTok.value as OpathComparisonOperator)) {
      const why = knownUnsupported.has(opTok.value) ? `operator -${opTok.value} is not supported on ${prop.kind === 'group' ? 'the group' : 'string'} property ${prop.name}`
        : `unknown operator -${opTok.value}`;
      throw new OpathError(why, opTok.pos, opTok.len);
    }
    const operator = opTok.value as OpathComparisonOperator;
    if (prop.kind === 'group' && (operator === 'like' || operator === 'notlike')) {
      throw new OpathError(`operator -${operator} is not supported on MemberOfGroup (use -eq or -ne with a group)`, opTok.pos, opTok.len);
    }
    const valTok = next();
    let value: OpathValue;
    if (valTok.kind === 'string' || valTok.kind === 'word') value = { kind: 'string', value: valTok.value };
    else if (valTok.kind === 'variable') {
      if (valTok.value === 'true' || valTok.value === 'false') value = { kind: 'bool', value: valTok.value === 'true' };
      else if (valTok.value === 'null') value = { kind: 'null' };
      else throw new OpathError(`unsupported variable $${valTok.value} (only $true, $false and $null)`, valTok.pos, valTok.len);
    } else if (valTok.kind === 'eof') throw new OpathError(`expected a value after -${operator}, found the end of the filter`, valTok.pos);
    else throw new OpathError(`expected a value after -${operator}, found ${describe(valTok)}`, valTok.pos, valTok.len);
    if (value.kind === 'bool') {
      throw new OpathError(`cannot compare ${prop.kind === 'group' ? 'group' : 'string'} property ${prop.name} with $${value.value}`, valTok.pos, valTok.len);
    }
    if (value.kind === 'null' && prop.kind === 'group') throw new OpathError('MemberOfGroup needs a group, not $null', valTok.pos, valTok.len);
    return { type: 'compare', property: prop.name, operator, value, pos: propTok.pos, valuePos: valTok.pos };
  }

  const ast = parseOr();
  const rest = peek();
  if (rest.kind !== 'eof') {
    const hint = rest.kind === 'rparen' ? "unbalanced ')'" : `expected -and, -or or the end of the filter, found ${describe(rest)}`;
    throw new OpathError(hint, rest.pos, rest.len);
  }
  return ast;
}

function describe(t: OpathToken): string {
  switch (t.kind) {
    case 'operator': return `operator -${t.value}`;
    case 'string': return 'a quoted string';
    case 'variable': return `$${t.value}`;
    case 'lparen': return "'('";
    case 'rparen': return "')'";
    case 'eof': return 'the end of the filter';
    default: return `'${t.value}'`;
  }
}

export type OpathParseResult = { ok: true; ast: OpathNode } | { ok: false; error: OpathError };

export function tryParseOpath(text: string): OpathParseResult {
  try {
    return { ok: true, ast: parseOpath(text) };
  } catch (e) {
    if (e instanceof OpathError) return { ok: false, error: e };
    throw e;
  }
}
