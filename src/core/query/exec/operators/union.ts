/** union: rows of several tables, columns matched by name (absent columns read as null). */
import type { RowSchema } from '../../bind/rowSchema';
import type { Pipeline } from '../../syntax/ast';
import type { ExecContext } from '../context';
import { columnReader, Frame, missingValue, type FrameColumn } from '../frame';

/** The name `withsource=` shows for an input: the table's name, else union_argN. */
export function unionInputName(p: Pipeline | undefined, i: number): string {
  if (p && p.operators.length === 0 && p.source.kind === 'TableRef') return p.source.name.name;
  return `union_arg${i}`;
}

export async function concatFrames(ctx: ExecContext, frames: readonly Frame[], names: readonly string[], output: RowSchema, withSource: string | undefined): Promise<Frame> {
  const total = frames.reduce((n, f) => n + f.length, 0);
  const columns: FrameColumn[] = [];
  for (const col of output.columns) {
    const out = new Array<unknown>(total);
    let at = 0;
    for (let fi = 0; fi < frames.length; fi++) {
      const f = frames[fi]!;
      await ctx.checkpoint.tick();
      if (col.name === withSource) {
        out.fill(names[fi], at, at + f.length);
      } else {
        const src = f.column(col.name);
        if (src) {
          const read = columnReader(src);
          for (let r = 0; r < f.length; r++) out[at + r] = read(r);
        } else {
          out.fill(missingValue(col.type), at, at + f.length);
        }
      }
      at += f.length;
    }
    columns.push({ name: col.name, type: col.type, data: out });
  }
  return new Frame(columns, total);
}
