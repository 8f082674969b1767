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
  /** Checks argument types beyond `params` (branches of one type, numbers to bin): message for argument `arg`. */
  checkTypes?(argTypes: readonly ScalarType[]): { readonly arg: number; readonly message: string } | undefined;
  compile(args: readonly RowFn[], ctx: CompileContext): RowFn;
}

export function fn(def: ScalarFunction): ScalarFunction {
  return def;
}

export const returnsType = (t: ScalarType) => (): ScalarType => t;

const binnable: ReadonlySet<ScalarType> = new Set(['long', 'real', 'datetime', 'timespan', 'unknown']);

/** bin(value, size): a number, datetime or timespan, and a number or timespan. */
export function checkBinTypes(t: readonly ScalarType[]): { arg: number; message: string } | undefined {
  if (t[0] !== undefined && !binnable.has(t[0])) return { arg: 0, message: `The value to round must be a number, datetime or timespan; this is ${t[0]}.` };
  if (t[1] !== undefined && !(t[1] === 'long' || t[1] === 'real' || t[1] === 'timespan' || t[1] === 'unknown')) return { arg: 1, message: `The size must be a number or a timespan; this is ${t[1]}.` };
  return undefined;
}

/** Branch values (iff, case, coalesce) must share one type (long and real mix; iff also takes dynamic). */
export function checkSameTypes(indices: (n: number) => number[], dynamicMixes = false) {
  return (t: readonly ScalarType[]): { arg: number; message: string } | undefined => {
    let first: ScalarType | undefined;
    for (const i of indices(t.length)) {
      const x = t[i];
      if (x === undefined || x === 'unknown' || (dynamicMixes && x === 'dynamic')) continue;
      if (first === undefined) { first = x; continue; }
      const numeric = (y: ScalarType): boolean => y === 'long' || y === 'real';
      if (x !== first && !(numeric(x) && numeric(first))) return { arg: i, message: `All values must have one type: ${first} and ${x} differ.` };
    }
    return undefined;
  };
}
