/** The mutable state of one binding run, and the scope expressions are bound in. */
import { diag, type Diagnostic, type DiagnosticCode, type Severity } from '../diagnostics';
import type { SchemaProvider } from '../schemaProvider';
import type { Call, Expr, NamedExpr, Node, Operator, Pipeline, Source } from '../syntax/ast';
import type { TextRange } from '../text/range';
import type { ScalarType } from '../types';
import type { BoundSymbol, JoinPlan, LetSymbol, MvExpandPlan, Stage, SummarizePlan, UnionPlan } from './binding';
import type { RowSchema } from './rowSchema';

export class BinderContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly types = new Map<Expr, ScalarType>();
  readonly symbols = new Map<Node, BoundSymbol>();
  readonly stages = new Map<Operator | Source, Stage>();
  readonly itemNames = new Map<NamedExpr, string>();
  readonly summarizePlans = new Map<Operator, SummarizePlan>();
  readonly joinPlans = new Map<Operator, JoinPlan>();
  readonly mvExpandPlans = new Map<Operator, MvExpandPlan>();
  readonly unionPlans = new Map<Operator | Source, UnionPlan>();
  readonly pipelineSchemas = new Map<Pipeline, RowSchema>();

  /** Kusto numbers unnamed columns Column1, Column2, ... across a whole query, never reusing a number. */
  readonly unnamedColumns = { n: 0 };

  constructor(readonly schema: SchemaProvider) {}

  report(code: DiagnosticCode, range: TextRange, message: string, suggestions?: readonly string[], severity: Severity = 'error'): void {
    this.diagnostics.push(diag(code, range, message, suggestions, severity));
  }

  errorCount(): number {
    let n = 0;
    for (const d of this.diagnostics) if (d.severity === 'error') n++;
    return n;
  }

  setType(e: Expr, t: ScalarType): ScalarType {
    this.types.set(e, t);
    return t;
  }
}

/**
 * Where aggregates may appear: 'none' (not in summarize), 'outer' (a summarize item, outside any
 * aggregate call: columns are not allowed here), 'inner' (inside an aggregate's arguments).
 */
export type AggregateMode = 'none' | 'outer' | 'inner';

export interface Scope {
  /** The row the expression sees; undefined in a scalar let (no row). */
  readonly row: RowSchema | undefined;
  readonly lets: ReadonlyMap<string, LetSymbol>;
  readonly aggregates: AggregateMode;
  /** Collects the aggregate calls of a summarize item. */
  readonly aggregateCalls?: Call[];
}

export function withRow(scope: Scope, row: RowSchema | undefined): Scope {
  return { ...scope, row };
}
