/** Diagnostics: what is wrong where, with a stable code and data a quick fix can use. */
import type { TextRange } from './text/range';

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  // syntax
  | 'bad-character'
  | 'unterminated-string'
  | 'bad-number'
  | 'expected-token'
  | 'expected-expression'
  | 'expected-operator'
  | 'unknown-operator'
  | 'missing-pipe'
  | 'unexpected-token'
  | 'bad-literal'
  | 'unsupported-syntax'
  | 'wrong-quote'
  | 'reserved-name'
  // semantic
  | 'unknown-table'
  | 'unknown-column'
  | 'unknown-function'
  | 'unknown-name'
  | 'wrong-arg-count'
  | 'wrong-type'
  | 'aggregate-outside-summarize'
  | 'expected-aggregate'
  | 'duplicate-column'
  | 'bad-regex'
  | 'bad-argument'
  | 'render-not-last'
  | 'multiple-queries'
  | 'no-query'
  // runtime
  | 'runtime-error'
  | 'cancelled'
  // export
  | 'no-sentinel-column';

export interface Diagnostic {
  readonly range: TextRange;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Replacement texts for `range` a quick fix can offer (did-you-mean, inserted token). */
  readonly suggestions?: readonly string[];
}

export function diag(
  code: DiagnosticCode,
  range: TextRange,
  message: string,
  suggestions?: readonly string[],
  severity: Severity = 'error',
): Diagnostic {
  return suggestions && suggestions.length ? { range, severity, code, message, suggestions } : { range, severity, code, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
