/** join: the right side bound on its own, key columns checked on both sides, output columns named. */
import type { JoinOp } from '../syntax/ast';
import { joinKinds } from '../syntax/parseOperators';
import type { BinderContext, Scope } from './binderContext';
import { bindPipeline } from './bindPipeline';
import { reportUnknownColumn } from './operatorHelpers';
import { findColumn, schemaOf, uniqueName, type BoundColumn, type RowSchema } from './rowSchema';
import { didYouMean, suggestNames } from './suggest';

export function bindJoin(b: BinderContext, op: JoinOp, left: RowSchema, scope: Scope): RowSchema {
  const right = bindPipeline(b, op.right, { ...scope, row: undefined, aggregates: 'none' });
  let kind = 'innerunique';
  for (const o of op.options) {
    if (o.name.name !== 'kind') continue;
    kind = o.value.name;
    if (!joinKinds.includes(kind)) {
      const s = suggestNames(kind, joinKinds);
      b.report('bad-argument', o.value, `Unknown join kind '${kind}'.${didYouMean(s)}`, s.length ? s : joinKinds);
      kind = 'innerunique';
    }
  }
  const leftKeys: string[] = [];
  const rightKeys: string[] = [];
  for (const c of op.on) {
    const l = findColumn(left, c.left.name);
    const r = findColumn(right, c.right.name);
    if (!l && !left.open) reportUnknownColumn(b, c.left, c.left.name, left);
    if (!r && !right.open) reportUnknownColumn(b, c.right, c.right.name, right);
    if (l) b.symbols.set(c.left, { kind: 'column', column: l });
    if (r && c.right !== c.left) b.symbols.set(c.right, { kind: 'column', column: r });
    if (l && r && l.type !== r.type && l.type !== 'dynamic' && r.type !== 'dynamic') {
      b.report('wrong-type', c, `Join keys have different types: ${l.type} and ${r.type}.`);
    }
    leftKeys.push(c.left.name);
    rightKeys.push(c.right.name);
  }
  if (op.on.length === 0) b.report('expected-token', op.keyword, "join needs 'on' and the key columns.");
  const outputs: Array<{ side: 'left' | 'right'; column: string; name: string }> = [];
  const columns: BoundColumn[] = [];
  const taken = new Set<string>();
  const add = (side: 'left' | 'right', c: BoundColumn): void => {
    const name = uniqueName(c.name, taken);
    taken.add(name);
    outputs.push({ side, column: c.name, name });
    columns.push(name === c.name ? c : { ...c, name });
  };
  const leftOnly = kind === 'leftanti' || kind === 'leftsemi' || kind === 'leftantisemi';
  const rightOnly = kind === 'rightanti' || kind === 'rightsemi' || kind === 'rightantisemi';
  if (!rightOnly) for (const c of left.columns) add('left', c);
  if (!leftOnly) for (const c of right.columns) add('right', c);
  b.joinPlans.set(op, { kind, leftKeys, rightKeys, outputs });
  return schemaOf(columns, left.open || right.open);
}

