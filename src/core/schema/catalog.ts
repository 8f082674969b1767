import { auditLogsTable } from './auditLogs';
import { directoryAuditsTable } from './directoryAudits';
import { signInsTable } from './signIns';
import type { ColumnDef, TableDef, TableName } from './types';

/** Every table exo-audit loads, in the order they are shown. */
export const tables: readonly TableDef[] = [auditLogsTable, signInsTable, directoryAuditsTable];

const byName = new Map<string, TableDef>(tables.map((t) => [t.name, t]));

export function tableDef(name: TableName): TableDef {
  const t = byName.get(name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
}

/** Finds a table by name (exact case, as in KQL). */
export function findTable(name: string): TableDef | undefined {
  return byName.get(name);
}

export function findColumn(table: TableName, column: string): ColumnDef | undefined {
  return tableDef(table).columns.find((c) => c.name === column);
}

export function columnNames(table: TableName): string[] {
  return tableDef(table).columns.map((c) => c.name);
}
