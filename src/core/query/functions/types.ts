/** How a scalar function is described (for the binder and the language server) and compiled (for the executor). */
import type { RowFn } from '../exec/values';
import type { ScalarType } from '../types';

/** What a parameter accepts: a type, 'any' (every type) or 'scalar' (anything but dynamic arrays/bags is fine). */
export type ParamType = ScalarType | 'any';

export const notConstant: unique symbol = Symbol('notConstant');
export type ConstValue = unknown;

export interface CompileContext {
  readonly argTypes: readonly ScalarType[];
  /** The value of each argument that is a constant, else `notConstant`. */
  readonly consts: readonly ConstValue[];
  /** The query's clock (epoch ms) for now() and ago(). */
  readonly now: number;
  /** Throws a run-time QueryError located at the call. */
  fail(message: string): never;
}

export interface ScalarFunction {
  readonly name: string;
  /** Shown in completion and signature help, e.g. `strlen(source: string): long`. */
  readonly signature: string;
  readonly description: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Expected type per argument (the last repeats for variadic functions). */
  readonly params: readonly ParamType[];
  /**
   * How KQL names an unnamed column computed by this function (Kusto's ResultNameKind):
   * 'firstArgument' keeps the argument's name (bin(Time, 1h) -> Time), 'nameAndFirstArgument'
   * prefixes the function's (strlen(UserId) -> strlen_UserId); absent: ColumnN.
   */
  readonly resultName?: 'firstArgument' | 'nameAndFirstArgument';
  returns(argTypes: readonly ScalarType[]): ScalarType;
  /** Checks constant arguments (e.g. a regex that does not compile): message for argument `arg`. */
  check?(consts: readonly ConstValue[]): { readonly arg: number; readonly message: string } | undefined;
  compile(args: readonly RowFn[], ctx: CompileContext): RowFn;
}

export function fn(def: ScalarFunction): ScalarFunction {
  return def;
}

export const returnsType = (t: ScalarType) => (): ScalarType => t;
