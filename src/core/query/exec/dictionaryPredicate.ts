/**
 * A condition on one categorical column (Operation has "mailbox", UserId =~ "x", RecordType in (...))
 * is evaluated once per distinct value of the column, then looked up by each row's dictionary code.
 */
import type { BoundSymbol } from '../bind/binding';
import type { Expr, Node } from '../syntax/ast';
import { children } from '../syntax/walk';
import { compileExpr, type CompileScope } from './compileExpr';
import type { Checkpoint } from './checkpoint';
import { dictionaryOfChunked, type Dictionary } from './dictionary';
import { Frame, type FrameColumn } from './frame';

/** The one column a condition reads (undefined when it reads none, several, or lets/subqueries). */
function singleColumn(s: CompileScope, e: Expr): string | undefined {
  let name: string | undefined;
  let ok = true;
  const visit = (n: Node): void => {
    if (!ok) return;
    if (n.kind === 'Pipeline' || n.kind === 'In' && n.items.some((i) => i.kind === 'Pipeline')) { ok = false; return; }
    if (n.kind === 'NameRef') {
      const sym: BoundSymbol | undefined = s.ctx.binding.symbols.get(n);
      if (sym?.kind === 'column') {
        if (name !== undefined && name !== n.name.name) ok = false;
        name = n.name.name;
      } else if (sym?.kind !== 'let') {
        ok = false;
      }
      return;
    }
    if (n.kind === 'Call' && (n.callee.name === 'now' || n.callee.name === 'ago')) return;
    for (const c of children(n)) visit(c);
  };
  visit(e);
  return ok ? name : undefined;
}

/** A condition answered per distinct value: row r passes when pass[codes[r]] is 1 (or, through index, as below). */
export interface DictionaryTest {
  /** 1 where the value with that code passes. */
  readonly pass: Uint8Array;
  readonly codes: Int32Array;
  /** The column's row index (data[index[r]] is row r; -1 reads as null), if it has one. */
  readonly index?: Int32Array;
  /** The answer for a row that reads as null (index -1). */
  readonly nullPass: number;
}

/** The one categorical column a condition reads, when it can be answered per distinct value. */
function dictionaryColumn(s: CompileScope, e: Expr): { name: string; col: FrameColumn & { data: unknown[] } } | undefined {
  const name = singleColumn(s, e);
  if (name === undefined) return undefined;
  const col = s.frame.column(name);
  if (!col || col.constant || !Array.isArray(col.data)) return undefined;
  // Only for columns the catalogue calls categorical: few distinct values, so the dictionary pays.
  if (!isCategorical(s, e, name)) return undefined;
  return { name, col: col as FrameColumn & { data: unknown[] } };
}

/**
 * The condition evaluated once per distinct value of its one categorical column (undefined when it
 * is not of that kind), building a missing dictionary in chunks between cancellation checks.
 */
export async function dictionaryTestChunked(s: CompileScope, e: Expr, cp: Checkpoint): Promise<DictionaryTest | undefined> {
  const target = dictionaryColumn(s, e);
  return target && testByValue(s, e, target.name, target.col, await dictionaryOfChunked(cp, target.col.data));
}

function testByValue(s: CompileScope, e: Expr, name: string, col: FrameColumn, dict: Dictionary): DictionaryTest {
  const valuesColumn: FrameColumn = { name, type: col.type, data: dict.values };
  const perValue = compileExpr({ ...s, frame: new Frame([valuesColumn], dict.values.length) }, e);
  const pass = new Uint8Array(dict.values.length + 1);
  for (let i = 0; i < dict.values.length; i++) pass[i] = perValue(i) === true ? 1 : 0;
  const codes = dict.codes;
  const idx = col.index;
  if (!idx) return { pass, codes, nullPass: 0 };
  // Rows that read as null (index -1) get the answer for a null value.
  const nullPass = compileExpr({ ...s, frame: new Frame([{ name, type: col.type, data: [col.type === 'string' ? '' : null] }], 1) }, e)(0) === true ? 1 : 0;
  return { pass, codes, index: idx, nullPass };
}

function isCategorical(s: CompileScope, e: Expr, name: string): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n.kind === 'NameRef' && n.name.name === name) {
      const sym = s.ctx.binding.symbols.get(n);
      if (sym?.kind === 'column' && sym.column.def?.categorical) found = true;
      return;
    }
    for (const c of children(n)) visit(c);
  };
  visit(e);
  return found;
}
