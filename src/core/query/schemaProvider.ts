/**
 * Where the binder learns tables and columns. The default comes from the column catalogue
 * (src/core/schema); it can be extended with more tables and with the columns of loaded tables.
 */
import type { ColumnTable } from 'arquero';
import { tables as catalogueTables, type ColumnDef, type TableDef } from '../schema';
import type { ScalarType } from './types';

export interface ColumnInfo {
  readonly name: string;
  readonly type: ScalarType;
  readonly description?: string;
  /** The catalogue entry, when the column is a catalogue column. */
  readonly def?: ColumnDef;
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  readonly description?: string;
  /** The catalogue entry, when the table is a catalogue table. */
  readonly def?: TableDef;
}

export interface SchemaProvider {
  tableNames(): readonly string[];
  /** Exact-case lookup, as KQL names are case-sensitive. */
  table(name: string): TableInfo | undefined;
}

class MapSchema implements SchemaProvider {
  private readonly byName: ReadonlyMap<string, TableInfo>;
  constructor(tables: readonly TableInfo[]) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
  }
  tableNames(): readonly string[] {
    return [...this.byName.keys()];
  }
  table(name: string): TableInfo | undefined {
    return this.byName.get(name);
  }
}

export function tableInfoFromDef(def: TableDef): TableInfo {
  return {
    name: def.name, description: def.description, def,
    columns: def.columns.map((c) => ({ name: c.name, type: c.type, description: c.description, def: c })),
  };
}

let catalogue: SchemaProvider | undefined;

/** The catalogue tables AuditLogs, SignIns, DirectoryAudits. */
export function catalogueSchema(): SchemaProvider {
  catalogue ??= new MapSchema(catalogueTables.map(tableInfoFromDef));
  return catalogue;
}

export function schemaFromTables(tables: readonly TableInfo[]): SchemaProvider {
  return new MapSchema(tables);
}

/** `base` plus `extra` tables; an extra table with the name of a base table replaces it. */
export function extendSchema(base: SchemaProvider, extra: readonly TableInfo[]): SchemaProvider {
  const merged = new Map<string, TableInfo>();
  for (const n of base.tableNames()) {
    const t = base.table(n);
    if (t) merged.set(n, t);
  }
  for (const t of extra) merged.set(t.name, t);
  return new MapSchema([...merged.values()]);
}

/**
 * `base` plus what the loaded tables actually hold: tables unknown to `base` get their columns with
 * types inferred from the data; known tables get their extra columns appended.
 */
export function schemaWithLoadedTables(base: SchemaProvider, loaded: Readonly<Record<string, ColumnTable>>): SchemaProvider {
  const extra: TableInfo[] = [];
  for (const [name, table] of Object.entries(loaded)) {
    const known = base.table(name);
    const names = table.columnNames();
    const have = new Set(known?.columns.map((c) => c.name) ?? []);
    const added = names.filter((n) => !have.has(n)).map((n) => ({ name: n, type: inferColumnType(table, n) }));
    if (!known) extra.push({ name, columns: added });
    else if (added.length) extra.push({ ...known, columns: [...known.columns, ...added] });
  }
  return extra.length ? extendSchema(base, extra) : base;
}

/** Infers a column's type from its storage and its first non-null values. */
export function inferColumnType(table: ColumnTable, name: string): ScalarType {
  const col = table.column(name) as unknown;
  if (ArrayBuffer.isView(col)) return col instanceof Float32Array || col instanceof Float64Array ? 'real' : 'long';
  const get = table.getter(name);
  const n = Math.min(table.numRows(), 1000);
  let sawNumber = false;
  let allIntegers = true;
  for (let i = 0; i < n; i++) {
    const v = get(i);
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'bool';
    if (typeof v === 'number') {
      sawNumber = true;
      if (!Number.isInteger(v)) allIntegers = false;
      continue;
    }
    if (v instanceof Date) return 'datetime';
    return 'dynamic';
  }
  if (sawNumber) return allIntegers ? 'long' : 'real';
  return 'string';
}
