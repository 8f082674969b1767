/** The columns flowing through a pipeline at one point. */
import type { ColumnDef } from '../../schema';
import type { ScalarType } from '../types';

export interface BoundColumn {
  readonly name: string;
  readonly type: ScalarType;
  /** Set while the column still holds a source table's column unchanged (KQL export renames these). */
  readonly origin?: { readonly table: string; readonly column: string };
  readonly description?: string;
  readonly def?: ColumnDef;
}

export interface RowSchema {
  readonly columns: readonly BoundColumn[];
  /**
   * The columns are not fully known (the source or an operator could not be bound): unknown names
   * are then accepted with type 'unknown' instead of reported, to avoid cascades of errors.
   */
  readonly open: boolean;
}

export const emptySchema: RowSchema = { columns: [], open: false };
export const openSchema: RowSchema = { columns: [], open: true };

export function schemaOf(columns: readonly BoundColumn[], open = false): RowSchema {
  return { columns, open };
}

const byName = new WeakMap<readonly BoundColumn[], Map<string, BoundColumn>>();

export function findColumn(schema: RowSchema, name: string): BoundColumn | undefined {
  const cols = schema.columns;
  if (cols.length < 8) return cols.find((c) => c.name === name);
  let map = byName.get(cols);
  if (!map) {
    map = new Map();
    // The first column of a name wins, as with find().
    for (const c of cols) if (!map.has(c.name)) map.set(c.name, c);
    byName.set(cols, map);
  }
  return map.get(name);
}

/** `name`, or `name1`, `name2`, ... : the first not in `taken` (KQL's rule for clashing output names). */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) if (!taken.has(`${name}${i}`)) return `${name}${i}`;
}

/** Column names matching a `Prefix*` style wildcard (or the exact name). */
export function matchWildcard(schema: RowSchema, pattern: string): BoundColumn[] {
  if (!pattern.includes('*')) return schema.columns.filter((c) => c.name === pattern);
  const parts = pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const rx = new RegExp(`^${parts.join('.*')}$`);
  return schema.columns.filter((c) => rx.test(c.name));
}
