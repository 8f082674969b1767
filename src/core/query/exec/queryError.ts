/** A query that failed while running (or was cancelled): what, in which operator, where in the text. */
import type { Diagnostic } from '../diagnostics';
import type { TextRange } from '../text/range';

export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly code: 'runtime-error' | 'cancelled',
    message: string,
    readonly range: TextRange,
    /** The operator keyword (where, summarize, ...) that was running. */
    readonly operator?: string,
  ) {
    super(operator && code !== 'cancelled' ? `${operator}: ${message}` : message);
  }

  get diagnostic(): Diagnostic {
    return { range: this.range, severity: 'error', code: this.code, message: this.message };
  }

  withOperator(operator: string, range: TextRange): QueryError {
    if (this.operator || this.code === 'cancelled') return this;
    const e = new QueryError(this.code, this.message, this.range.end > this.range.start ? this.range : range, operator);
    return e;
  }
}

export function isCancellation(e: unknown): boolean {
  return e instanceof QueryError && e.code === 'cancelled';
}
