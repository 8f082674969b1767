/** The catalogue of scalar and aggregate functions (binder, executor and language server read it). */
import { conversionFunctions } from './conversionFunctions';
import { datetimeFunctions } from './datetimeFunctions';
import { dynamicFunctions } from './dynamicFunctions';
import { ipFunctions } from './ipFunctions';
import { logicFunctions } from './logicFunctions';
import { stringFunctions } from './stringFunctions';
import type { ScalarFunction } from './types';

export const scalarFunctions: readonly ScalarFunction[] = [
  ...stringFunctions, ...datetimeFunctions, ...conversionFunctions, ...logicFunctions, ...dynamicFunctions, ...ipFunctions,
];

const byName = new Map(scalarFunctions.map((f) => [f.name, f]));

export function findScalarFunction(name: string): ScalarFunction | undefined {
  return byName.get(name);
}

export { aggregateFunctions, findAggregate } from './aggregates';
export type { AggregateFunction, Grouping, Accumulator } from './aggregateTypes';
export type { ScalarFunction, CompileContext, ParamType } from './types';
export { notConstant } from './types';
