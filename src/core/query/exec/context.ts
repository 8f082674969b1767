/** What operators and expressions need while a query runs. */
import type { Binding, LetSymbol } from '../bind/binding';
import type { Call, InExpr } from '../syntax/ast';
import type { Checkpoint } from './checkpoint';
import type { Frame, FrameColumn } from './frame';
import type { Scratch } from './scratch';

export interface ExecContext {
  readonly binding: Binding;
  /** The query clock, epoch ms. */
  readonly now: number;
  readonly checkpoint: Checkpoint;
  /** Arrays needed only while the query runs (never put into its result). */
  readonly scratch: Scratch;
  /** Scalar let values, computed once before the query. */
  readonly letValues: Map<LetSymbol, unknown>;
  /** Results of `x in (subquery)`: the set of the subquery's first column. */
  readonly subquerySets: Map<InExpr, SubquerySet>;
  /** Runs a table, tabular let or subquery by its source node. */
  frameOfTable(name: string): Frame;
  frameOfLet(symbol: LetSymbol): Promise<Frame>;
}

export interface SubquerySet {
  readonly values: ReadonlySet<unknown>;
  readonly lowered: ReadonlySet<string>;
}

/** In summarize: aggregate calls whose per-group values were computed as hidden columns. */
export type AggregateColumns = ReadonlyMap<Call, FrameColumn>;
