/** project, extend, project-away, project-keep, project-rename. */
import type { ExtendOp, ProjectAwayOp, ProjectKeepOp, ProjectOp, ProjectRenameOp } from '../../syntax/ast';
import { compileExpr } from '../compileExpr';
import type { ExecContext } from '../context';
import { evalColumn, renamed } from '../evalColumn';
import type { Frame, FrameColumn } from '../frame';

async function computeItems(ctx: ExecContext, op: ProjectOp | ExtendOp, input: Frame): Promise<FrameColumn[]> {
  const out: FrameColumn[] = [];
  for (const item of op.items) {
    const name = ctx.binding.itemNames.get(item)!;
    const type = ctx.binding.types.get(item.expr) ?? 'unknown';
    const e = item.expr.kind === 'Paren' ? item.expr.expr : item.expr;
    const direct = e.kind === 'NameRef' && ctx.binding.symbols.get(e)?.kind === 'column' ? input.column(e.name.name) : undefined;
    if (direct) {
      out.push(renamed(direct, name, type));
      continue;
    }
    out.push(await evalColumn(ctx.checkpoint, compileExpr({ ctx, frame: input }, item.expr), input.length, name, type));
  }
  return out;
}

export async function execProject(ctx: ExecContext, op: ProjectOp, input: Frame): Promise<Frame> {
  return input.withColumns(await computeItems(ctx, op, input));
}

export async function execExtend(ctx: ExecContext, op: ExtendOp, input: Frame): Promise<Frame> {
  const added = await computeItems(ctx, op, input);
  const columns = [...input.columns];
  for (const c of added) {
    const at = columns.findIndex((x) => x.name === c.name);
    if (at >= 0) columns[at] = c;
    else columns.push(c);
  }
  return input.withColumns(columns);
}

export function execProjectAwayOrKeep(ctx: ExecContext, op: ProjectAwayOp | ProjectKeepOp, input: Frame): Frame {
  const keep = new Set(ctx.binding.stages.get(op)!.output.columns.map((c) => c.name));
  return input.withColumns(input.columns.filter((c) => keep.has(c.name)));
}

export function execProjectRename(op: ProjectRenameOp, input: Frame): Frame {
  let columns = [...input.columns];
  for (const item of op.items) {
    const old = columns.find((c) => c.name === item.oldName.name);
    if (!old) continue;
    columns = columns.filter((c) => c.name !== item.newName.name || c === old).map((c) => (c === old ? renamed(c, item.newName.name) : c));
  }
  return input.withColumns(columns);
}
