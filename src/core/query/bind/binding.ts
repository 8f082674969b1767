/** What the binder learns about a document: types, symbols, schemas per pipeline stage, plans for the executor. */
import type { Diagnostic } from '../diagnostics';
import type { AggregateFunction, ScalarFunction } from '../functions';
import type { TableInfo } from '../schemaProvider';
import type {
  Block, Call, Expr, LetStatement, NamedExpr, Node, Operator, Pipeline, QueryStatement, RenderOp, Source,
} from '../syntax/ast';
import type { ParsedDocument } from '../syntax/parseDocument';
import type { TextRange } from '../text/range';
import type { ScalarType } from '../types';
import type { BoundColumn, RowSchema } from './rowSchema';

export interface LetSymbol {
  readonly name: string;
  readonly nameRange: TextRange;
  readonly statement: LetStatement;
  readonly kind: 'scalar' | 'tabular';
  /** Scalar lets: the value's type. */
  readonly type: ScalarType;
  /** Tabular lets: the table's columns. */
  readonly schema?: RowSchema;
  /** Where the name is used (not counting the declaration). */
  readonly references: TextRange[];
}

export type BoundSymbol =
  | { readonly kind: 'column'; readonly column: BoundColumn }
  | { readonly kind: 'let'; readonly symbol: LetSymbol }
  | { readonly kind: 'table'; readonly table: TableInfo }
  | { readonly kind: 'function'; readonly fn: ScalarFunction }
  | { readonly kind: 'aggregate'; readonly fn: AggregateFunction };

/** One step of a pipeline with the columns before and after it. */
export interface Stage {
  readonly node: Operator | Source;
  readonly input: RowSchema;
  readonly output: RowSchema;
}

/** An output column of summarize computed by a value aggregate (possibly inside a scalar expression). */
export interface ValueAggregateItem {
  readonly shape: 'value';
  readonly item: NamedExpr;
  readonly name: string;
  readonly type: ScalarType;
  /** The aggregate calls inside the item's expression, computed first per group. */
  readonly calls: readonly Call[];
}

/** arg_max / arg_min / take_any: one row per group, several output columns. */
export interface RowAggregateItem {
  readonly shape: 'row';
  readonly item: NamedExpr;
  readonly call: Call;
  readonly fn: AggregateFunction;
  readonly outputs: ReadonlyArray<{ readonly name: string; readonly type: ScalarType; readonly expr?: Expr; readonly column?: string }>;
}

export interface SummarizePlan {
  readonly byNames: readonly string[];
  readonly items: ReadonlyArray<ValueAggregateItem | RowAggregateItem>;
}

export interface JoinPlan {
  readonly kind: string;
  readonly leftKeys: readonly string[];
  readonly rightKeys: readonly string[];
  /** Output columns: from which side, the column there, and the output name. */
  readonly outputs: ReadonlyArray<{ readonly side: 'left' | 'right'; readonly column: string; readonly name: string }>;
}

export interface MvExpandPlan {
  readonly names: readonly string[];
  readonly types: readonly ScalarType[];
  readonly indexColumn?: string;
  readonly bagExpansion: 'bag' | 'array';
}

export interface UnionPlan {
  readonly withSource?: string;
  readonly inner: boolean;
}

export interface BoundBlock {
  readonly block: Block;
  readonly lets: readonly LetSymbol[];
  /** The query the block runs (its last query statement). */
  readonly query?: QueryStatement;
  readonly resultSchema?: RowSchema;
  readonly render?: RenderOp;
}

export interface Binding {
  readonly document: ParsedDocument;
  /** Syntax and semantic diagnostics, in document order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly blocks: readonly BoundBlock[];
  readonly types: ReadonlyMap<Expr, ScalarType>;
  /** What a NameRef, Call, TableRef or column Name refers to. */
  readonly symbols: ReadonlyMap<Node, BoundSymbol>;
  readonly stages: ReadonlyMap<Operator | Source, Stage>;
  /** Output names of project/extend/distinct/summarize-by items. */
  readonly itemNames: ReadonlyMap<NamedExpr, string>;
  readonly summarizePlans: ReadonlyMap<Operator, SummarizePlan>;
  readonly joinPlans: ReadonlyMap<Operator, JoinPlan>;
  readonly mvExpandPlans: ReadonlyMap<Operator, MvExpandPlan>;
  readonly unionPlans: ReadonlyMap<Operator | Source, UnionPlan>;
  /** Schemas of pipelines (the output of their last stage). */
  readonly pipelineSchemas: ReadonlyMap<Pipeline, RowSchema>;
}

export function typeOf(binding: Binding, e: Expr): ScalarType {
  return binding.types.get(e) ?? 'unknown';
}
