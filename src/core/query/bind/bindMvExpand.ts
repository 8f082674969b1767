/** mv-expand: expanded columns become dynamic (or the `to typeof` type); options kind/bagexpansion/with_itemindex. */
import type { MvExpandOp } from '../syntax/ast';
import { typeFromName, type ScalarType } from '../types';
import type { BinderContext, Scope } from './binderContext';
import { bindExpr } from './bindExpr';
import { bindCount, outputName } from './operatorHelpers';
import { schemaOf, type RowSchema } from './rowSchema';

export function bindMvExpand(b: BinderContext, op: MvExpandOp, row: Scope, input: RowSchema): RowSchema {
  const names: string[] = [];
  const types: ScalarType[] = [];
  const columns = [...input.columns];
  let bagExpansion: 'bag' | 'array' = 'bag';
  let indexColumn: string | undefined;
  for (const o of op.options) {
    if (o.name.name === 'kind' || o.name.name === 'bagexpansion') {
      if (o.value.name !== 'bag' && o.value.name !== 'array') b.report('bad-argument', o.value, "Expected 'bag' or 'array'.", ['bag', 'array']);
      bagExpansion = o.value.name === 'array' ? 'array' : 'bag';
    } else if (o.name.name === 'with_itemindex') {
      indexColumn = o.value.name;
    }
  }
  for (const item of op.items) {
    const t = bindExpr(b, item.expr, row);
    if (t !== 'dynamic' && t !== 'unknown') b.report('wrong-type', item.expr, `mv-expand needs a dynamic array or bag; this is ${t}.`);
    const name = outputName(b, item, input);
    let type: ScalarType = 'dynamic';
    if (item.toType) {
      const tt = typeFromName(item.toType.name);
      if (!tt) b.report('wrong-type', item.toType, `Unknown type '${item.toType.name}'.`);
      type = tt ?? 'unknown';
    }
    names.push(name);
    types.push(type);
    b.itemNames.set(item, name);
    const at = columns.findIndex((c) => c.name === name);
    if (at >= 0) columns[at] = { name, type };
    else columns.push({ name, type });
  }
  if (op.limit) bindCount(b, op.limit, { ...row, row: undefined }, 'mv-expand limit');
  if (indexColumn) columns.push({ name: indexColumn, type: 'long' });
  b.mvExpandPlans.set(op, { names, types, bagExpansion, ...(indexColumn ? { indexColumn } : {}) });
  return schemaOf(columns, input.open);
}

