/** The column name KQL gives an unnamed expression in project, extend, summarize by, distinct, mv-expand. */
import { findScalarFunction } from '../functions';
import type { Expr } from '../syntax/ast';

export function exprName(e: Expr): string | undefined {
  switch (e.kind) {
    case 'NameRef': return e.name.name;
    case 'Paren': return exprName(e.expr);
    case 'Member': {
      const t = exprName(e.target);
      return t === undefined ? undefined : `${t}_${e.member.name}`;
    }
    case 'Index': {
      const t = exprName(e.target);
      if (t === undefined || e.index.kind !== 'Literal') return undefined;
      return `${t}_${String(e.index.value)}`;
    }
    case 'Call': {
      // As Kusto names it: bin(Time, 1h) -> Time, strlen(UserId) -> strlen_UserId, tolower(x) -> ColumnN.
      const kind = findScalarFunction(e.callee.name)?.resultName;
      const first = e.args[0] ? exprName(e.args[0]) : undefined;
      if (first === undefined || !kind) return undefined;
      return kind === 'firstArgument' ? first : `${e.callee.name}_${first}`;
    }
    default:
      return undefined;
  }
}
