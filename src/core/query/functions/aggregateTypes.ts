/** How aggregate functions are described and computed over groups of rows. */
import type { RowFn } from '../exec/values';
import type { ScalarType } from '../types';
import type { ConstValue, ParamType } from './types';

/** Rows mapped to groups: groupOf[row] is the group of the row (rows are 0..nRows-1 of the input frame). */
export interface Grouping {
  readonly groupOf: Int32Array;
  readonly nGroups: number;
  readonly nRows: number;
}

/** An aggregate being computed: fed with row ranges (so long inputs can be cut into chunks), then finished. */
export interface Accumulator {
  step(from: number, to: number): void;
  /** One value per group. */
  finish(): ArrayLike<unknown>;
}

/** An argument that is a plain column, as dictionary codes (code `nullCode` stands for null). */
export interface ArgumentCodes {
  readonly code: (row: number) => number;
  readonly cardinality: number;
  readonly nullCode: number;
}

export interface AggregateContext {
  readonly argTypes: readonly ScalarType[];
  readonly consts: readonly ConstValue[];
  /** Dictionary codes of arguments that are plain columns (lets dcount count integers). */
  readonly argCodes?: ReadonlyArray<ArgumentCodes | undefined>;
}

export interface AggregateFunction {
  readonly name: string;
  readonly signature: string;
  readonly description: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly params: readonly ParamType[];
  returns(argTypes: readonly ScalarType[]): ScalarType;
  /** Checks argument types beyond `params` (what can be summed or ordered): message for argument `arg`. */
  checkTypes?(argTypes: readonly ScalarType[]): { readonly arg: number; readonly message: string } | undefined;
  /** The output column name KQL gives when none is written (count() -> count_, sum(X) -> sum_X). */
  defaultName(firstArgName: string | undefined, consts: readonly ConstValue[]): string;
  /**
   * 'value': one output column. 'row': picks a row per group (arg_max, arg_min, take_any); its
   * arguments are output columns and `start` tells which row wins.
   */
  readonly shape: 'value' | 'row';
  start(args: readonly RowFn[], grouping: Grouping, ctx: AggregateContext): Accumulator;
}
