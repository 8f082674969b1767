/**
 * What the server knows about the loaded data (from ExqDataStatisticsNotification): the schema the
 * binder uses (catalogue tables plus loaded tables and extra columns) and the values per column.
 */
import { catalogueSchema, extendSchema, type BoundColumn, type ColumnInfo, type SchemaProvider, type TableInfo } from '../core/query';
import type { ExqColumnStatistics, ExqDataStatisticsNotification, ExqTableStatistics } from '../protocol';

export class DataStatistics {
  private tables = new Map<string, ExqTableStatistics>();
  private columns = new Map<string, Map<string, ExqColumnStatistics>>();
  private currentSchema: SchemaProvider;
  /** Bumped on every update: document analyses made with an older schema are stale. */
  generation = 0;

  constructor(private readonly base: SchemaProvider = catalogueSchema()) {
    this.currentSchema = base;
  }

  get schema(): SchemaProvider {
    return this.currentSchema;
  }

  update(params: ExqDataStatisticsNotification.Params): void {
    this.tables = new Map(params.tables.map((t) => [t.name, t]));
    this.columns = new Map(params.tables.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c]))]));
    this.currentSchema = schemaWithStatistics(this.base, params.tables);
    this.generation++;
  }

  table(name: string): ExqTableStatistics | undefined {
    return this.tables.get(name);
  }

  column(table: string, column: string): ExqColumnStatistics | undefined {
    return this.columns.get(table)?.get(column);
  }

  /** The statistics of the source column a bound column still holds unchanged, if any. */
  forColumn(column: BoundColumn | undefined): ExqColumnStatistics | undefined {
    return column?.origin ? this.column(column.origin.table, column.origin.column) : undefined;
  }

  /** How often `value` occurs in a categorical column, when it is among the values sent. */
  countOf(table: string, column: string, value: string): number | undefined {
    return this.column(table, column)?.topValues?.find((v) => v.value === value)?.count;
  }
}

/** `base` plus the loaded tables: unknown tables with their columns, known tables with extra columns appended. */
function schemaWithStatistics(base: SchemaProvider, tables: readonly ExqTableStatistics[]): SchemaProvider {
  const extra: TableInfo[] = [];
  for (const t of tables) {
    const known = base.table(t.name);
    const have = new Set(known?.columns.map((c) => c.name) ?? []);
    const added: ColumnInfo[] = t.columns.filter((c) => !have.has(c.name)).map((c) => ({ name: c.name, type: c.type }));
    if (!known) extra.push({ name: t.name, columns: added });
    else if (added.length) extra.push({ ...known, columns: [...known.columns, ...added] });
  }
  return extra.length ? extendSchema(base, extra) : base;
}
