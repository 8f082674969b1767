/** Converting between arquero ColumnTables and executor frames (no data copied where avoidable). */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { RowSchema } from '../bind/rowSchema';
import { Frame, materialize, missingValue, type FrameColumn } from './frame';

function isDense(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** A frame over a loaded table with the columns the binder expects (absent columns read as null/''). */
export function frameFromTable(table: ColumnTable, schema: RowSchema): Frame {
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const n = t.numRows();
  const columns: FrameColumn[] = [];
  const present = new Set(t.columnNames());
  const wanted = schema.open ? t.columnNames().map((name) => schema.columns.find((c) => c.name === name) ?? { name, type: 'unknown' as const }) : schema.columns;
  for (const c of wanted) {
    if (!present.has(c.name)) {
      columns.push({ name: c.name, type: c.type, data: [missingValue(c.type)], constant: true });
      continue;
    }
    const raw = t.column(c.name) as unknown;
    const data = isDense(raw) ? raw : (t.array(c.name) as ArrayLike<unknown>);
    columns.push({ name: c.name, type: c.type, data });
  }
  return new Frame(columns, n);
}

/** The result table. Column data with no prototype-bearing holder, so names like __proto__ stay columns. */
export function tableFromFrame(frame: Frame): ColumnTable {
  const data = Object.create(null) as Record<string, ArrayLike<unknown>>;
  const names: string[] = [];
  for (const c of frame.columns) {
    if (Object.prototype.hasOwnProperty.call(data, c.name)) continue;
    data[c.name] = materialize(c, frame.length);
    names.push(c.name);
  }
  return new aq.ColumnTable(data as never, names);
}
