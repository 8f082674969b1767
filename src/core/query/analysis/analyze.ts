/**
 * analyze(): everything the language server asks about a document without running it —
 * diagnostics, the type at a position, the columns in scope, let definitions and references.
 */
import { bindDocument } from '../bind/bindDocument';
import type { Binding, BoundSymbol, LetSymbol } from '../bind/binding';
import type { BoundColumn, RowSchema } from '../bind/rowSchema';
import type { Diagnostic } from '../diagnostics';
import { findAggregate, findScalarFunction, type AggregateFunction, type ScalarFunction } from '../functions';
import { catalogueSchema, type SchemaProvider } from '../schemaProvider';
import type { Call, Expr, Node, Pipeline } from '../syntax/ast';
import { blockIndexAt } from '../syntax/blocks';
import { parseDocument, type ParsedDocument } from '../syntax/parseDocument';
import { nodePathAt } from '../syntax/walk';
import { LineMap, type TextRange } from '../text/range';
import type { ScalarType } from '../types';

export interface CallInfo {
  readonly call: Call;
  readonly fn: ScalarFunction | AggregateFunction | undefined;
  /** 0-based index of the argument the offset is in. */
  readonly activeArgument: number;
}

export interface Analysis {
  readonly text: string;
  readonly document: ParsedDocument;
  readonly binding: Binding;
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: LineMap;
  blockIndexAt(offset: number): number;
  /** The nodes at offset, outermost (the block) first. */
  nodesAt(offset: number): readonly Node[];
  /** The innermost expression at offset and its type. */
  expressionAt(offset: number): { readonly expr: Expr; readonly type: ScalarType } | undefined;
  /** What the name at offset refers to (column, let, table, function, aggregate). */
  symbolAt(offset: number): { readonly node: Node; readonly symbol: BoundSymbol } | undefined;
  /** The columns an expression at offset can use (the input of the operator there). */
  schemaAt(offset: number): RowSchema;
  columnsAt(offset: number): readonly BoundColumn[];
  /** let symbols declared before offset in its block. */
  letsAt(offset: number): readonly LetSymbol[];
  /** Where the let name at offset is declared (on a use or on the declaration itself). */
  definitionAt(offset: number): TextRange | undefined;
  /** The declaration and every use of the let name at offset (for rename), declaration first. */
  referencesAt(offset: number): readonly TextRange[] | undefined;
  /** The call whose argument list holds offset (signature help). */
  callAt(offset: number): CallInfo | undefined;
}

export function analyze(text: string, schema: SchemaProvider = catalogueSchema()): Analysis {
  const document = parseDocument(text);
  const binding = bindDocument(document, schema);
  const lines = new LineMap(text);
  const nodesAt = (offset: number): Node[] => nodePathAt(document.blocks[blockIndexAt(document, offset)]!, offset);

  const letAt = (offset: number): LetSymbol | undefined => {
    const hit = symbolAt(offset);
    if (hit?.symbol.kind === 'let') return hit.symbol.symbol;
    const block = binding.blocks[blockIndexAt(document, offset)];
    return block?.lets.find((l) => l.nameRange.start <= offset && offset <= l.nameRange.end);
  };

  function symbolAt(offset: number): { node: Node; symbol: BoundSymbol } | undefined {
    const path = nodesAt(offset);
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i]!;
      const s = binding.symbols.get(n);
      if (s) {
        // A call's symbol only when on its name, not anywhere in its arguments.
        if (n.kind === 'Call' && !(n.callee.start <= offset && offset <= n.callee.end)) continue;
        return { node: n, symbol: s };
      }
    }
    return undefined;
  }

  function pipelinesAt(offset: number): Pipeline[] {
    const out: Pipeline[] = [];
    for (const p of binding.pipelineSchemas.keys()) if (p.start <= offset && offset <= Math.max(p.end, p.start)) out.push(p);
    return out;
  }

  function schemaAt(offset: number): RowSchema {
    const block = binding.blocks[blockIndexAt(document, offset)];
    let candidates = pipelinesAt(offset);
    // Past the end of the query (typing a new operator): the block's query.
    if (candidates.length === 0 && block?.query && offset >= block.query.body.start) candidates = [block.query.body];
    if (candidates.length === 0) return { columns: [], open: false };
    const p = candidates.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
    let stage = binding.stages.get(p.source);
    for (const op of p.operators) {
      if (op.start > offset) break;
      // Inside an operator: its input; after its end (a new `|` follows): its output.
      const s = binding.stages.get(op);
      if (!s) continue;
      stage = offset <= op.end ? { ...s, output: s.input } : s;
    }
    return stage?.output ?? { columns: [], open: false };
  }

  return {
    text, document, binding, lines,
    diagnostics: binding.diagnostics,
    blockIndexAt: (offset) => blockIndexAt(document, offset),
    nodesAt,
    expressionAt(offset) {
      const path = nodesAt(offset);
      for (let i = path.length - 1; i >= 0; i--) {
        const n = path[i]! as Expr;
        const t = binding.types.get(n);
        if (t !== undefined) return { expr: n, type: t };
      }
      return undefined;
    },
    symbolAt,
    schemaAt,
    columnsAt: (offset) => schemaAt(offset).columns,
    letsAt(offset) {
      const block = binding.blocks[blockIndexAt(document, offset)];
      return block ? block.lets.filter((l) => l.statement.end <= offset) : [];
    },
    definitionAt(offset) {
      return letAt(offset)?.nameRange;
    },
    referencesAt(offset) {
      const l = letAt(offset);
      return l ? [l.nameRange, ...l.references] : undefined;
    },
    callAt(offset) {
      const path = nodesAt(offset);
      for (let i = path.length - 1; i >= 0; i--) {
        const n = path[i]!;
        if (n.kind !== 'Call' || !(n.argsRange.start < offset && offset <= n.argsRange.end)) continue;
        let active = 0;
        for (const a of n.args) if (a.end < offset && textBetweenHasComma(text, a.end, offset)) active++;
        const fn = findScalarFunction(n.callee.name) ?? findAggregate(n.callee.name);
        return { call: n, fn, activeArgument: active };
      }
      return undefined;
    },
  };
}

function textBetweenHasComma(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes(',');
}
