/** The column name KQL gives an unnamed expression in project, extend, summarize by, distinct, mv-expand. */
import type { Expr } from '../syntax/ast';

/** Functions whose result keeps the name of their first argument (bin(Time, 1h) is named Time). */
const nameKeeping: ReadonlySet<string> = new Set([
  'bin', 'floor', 'tostring', 'toint', 'tolong', 'todouble', 'toreal', 'tobool', 'todatetime', 'totimespan', 'todynamic', 'parse_json',
]);

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
    case 'Call':
      return nameKeeping.has(e.callee.name) && e.args[0] ? exprName(e.args[0]) : undefined;
    default:
      return undefined;
  }
}
