/**
 * where: keeps the rows whose predicate is true (null and false drop the row). The conditions of an
 * `and` chain are applied one after another to the rows still kept; a column compared with a
 * constant runs as a tight loop over the column's array.
 */
import type { Expr, WhereOp } from '../../syntax/ast';
import { notConstant } from '../../functions';
import { compileExpr, constOf, type CompileScope } from '../compileExpr';
import type { ExecContext } from '../context';
import type { Frame } from '../frame';
import { dictionaryTestChunked, type DictionaryTest } from '../dictionaryPredicate';

type Kernel = (from: number, to: number, out: Int32Array, k: number) => number;

function conjuncts(e: Expr, out: Expr[]): Expr[] {
  if (e.kind === 'Paren') return conjuncts(e.expr, out);
  if (e.kind === 'Binary' && e.op === 'and') {
    conjuncts(e.left, out);
    conjuncts(e.right, out);
  } else {
    out.push(e);
  }
  return out;
}

const numericTypes: ReadonlySet<string> = new Set(['long', 'real', 'datetime', 'timespan']);

/** `Column OP constant` over a plain column: a loop without per-row calls. */
function columnKernel(s: CompileScope, e: Expr): Kernel | undefined {
  if (e.kind !== 'Binary' || e.left.kind !== 'NameRef') return undefined;
  const sym = s.ctx.binding.symbols.get(e.left);
  if (sym?.kind !== 'column') return undefined;
  const col = s.frame.column(e.left.name.name);
  if (!col) return undefined;
  const c = constOf(s, e.right);
  if (c === notConstant) return undefined;
  const data = col.data as ArrayLike<unknown>;
  if (col.index || col.constant) return undefined; // the generic path handles indexed and constant columns
  const type = s.ctx.binding.types.get(e.left);
  const rtype = s.ctx.binding.types.get(e.right);
  if (type === 'string' && rtype === 'string' && typeof c === 'string' && (e.op === '==' || e.op === '!=')) {
    return e.op === '=='
      ? (from, to, out, k) => { for (let r = from; r < to; r++) if (data[r] === c) out[k++] = r; return k; }
      : (from, to, out, k) => { for (let r = from; r < to; r++) if (data[r] !== c) out[k++] = r; return k; };
  }
  if (type === 'bool' && rtype === 'bool' && typeof c === 'boolean' && (e.op === '==' || e.op === '!=')) {
    // KQL: null == true and null != true are both null, so a null row is never kept.
    const d = data as ArrayLike<boolean | null>;
    return e.op === '=='
      ? (from, to, out, k) => { for (let r = from; r < to; r++) if (d[r] === c) out[k++] = r; return k; }
      : (from, to, out, k) => { for (let r = from; r < to; r++) { const v = d[r]; if (v === !c) out[k++] = r; } return k; };
  }
  if (type && numericTypes.has(type) && typeof c === 'number' && rtype && numericTypes.has(rtype)) {
    const d = data as ArrayLike<number | null>;
    switch (e.op) {
      case '==': return (from, to, out, k) => { for (let r = from; r < to; r++) if (d[r] === c) out[k++] = r; return k; };
      case '!=': return (from, to, out, k) => { for (let r = from; r < to; r++) { const v = d[r]; if (typeof v === 'number' && v === v && v !== c) out[k++] = r; } return k; };
      case '<': return (from, to, out, k) => { for (let r = from; r < to; r++) { const v = d[r]; if (typeof v === 'number' && v < c) out[k++] = r; } return k; };
      case '<=': return (from, to, out, k) => { for (let r = from; r < to; r++) { const v = d[r]; if (typeof v === 'number' && v <= c) out[k++] = r; } return k; };
      case '>': return (from, to, out, k) => { for (let r = from; r < to; r++) { const v = d[r]; if (typeof v === 'number' && v > c) out[k++] = r; } return k; };
      case '>=': return (from, to, out, k) => { for (let r = from; r < to; r++) { const v = d[r]; if (typeof v === 'number' && v >= c) out[k++] = r; } return k; };
      default: return undefined;
    }
  }
  return undefined;
}

/** A test by dictionary code as a loop over integer codes (rows `from`..`to` of the input, or of `rows`). */
function codeKernel(t: DictionaryTest): Kernel {
  const { pass, codes, index, nullPass } = t;
  if (!index) return (from, to, out, k) => { for (let r = from; r < to; r++) if (pass[codes[r]!] === 1) out[k++] = r; return k; };
  return (from, to, out, k) => {
    for (let r = from; r < to; r++) {
      const i = index[r]!;
      if ((i < 0 ? nullPass : pass[codes[i]!]) === 1) out[k++] = r;
    }
    return k;
  };
}

/** A condition as a row test: the compiled expression (conditions on one categorical column go by code instead). */
function rowTest(scope: CompileScope, e: Expr): (row: number) => boolean {
  const pred = compileExpr(scope, e);
  return (r) => pred(r) === true;
}

export async function execWhere(ctx: ExecContext, op: WhereOp, input: Frame): Promise<Frame> {
  const scope: CompileScope = { ctx, frame: input };
  const parts = conjuncts(op.predicate, []);
  const n = input.length;
  const rows = ctx.scratch.int32(n);
  const first = parts[0]!;
  const byCode = await dictionaryTestChunked(scope, first, ctx.checkpoint);
  const kernel = byCode ? codeKernel(byCode) : columnKernel(scope, first);
  let k = 0;
  if (kernel) {
    await ctx.checkpoint.chunks(n, (from, to) => { k = kernel(from, to, rows, k); });
  } else {
    const pred = rowTest(scope, first);
    await ctx.checkpoint.chunks(n, (from, to) => {
      for (let r = from; r < to; r++) if (pred(r)) rows[k++] = r;
    });
  }
  for (let p = 1; p < parts.length; p++) {
    const byCodeNext = await dictionaryTestChunked(scope, parts[p]!, ctx.checkpoint);
    let kept = 0;
    const total = k;
    if (byCodeNext) {
      // The rows still kept, tested by their codes without a call per row.
      const { pass, codes, index, nullPass } = byCodeNext;
      await ctx.checkpoint.chunks(total, (from, to) => {
        for (let j = from; j < to; j++) {
          const r = rows[j]!;
          const i = index ? index[r]! : r;
          if ((i < 0 ? nullPass : pass[codes[i]!]) === 1) rows[kept++] = r;
        }
      });
    } else {
      const pred = rowTest(scope, parts[p]!);
      await ctx.checkpoint.chunks(total, (from, to) => {
        for (let j = from; j < to; j++) {
          const r = rows[j]!;
          if (pred(r)) rows[kept++] = r;
        }
      });
    }
    k = kept;
  }
  if (k === n) return input;
  // Most rows kept: share the buffer rather than allocate a second one (allocation is GC pressure).
  return input.take(k > n / 2 ? rows.subarray(0, k) : rows.slice(0, k));
}
