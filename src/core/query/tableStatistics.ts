/**
 * Value statistics of loaded tables for the language server (completion and hover offer the values
 * a column actually holds). Categorical columns (the catalogue's `categorical` flag) get their most
 * frequent values with counts; datetime and numeric columns their range. Pure: tables in, data out.
 */
import type { ColumnTable } from 'arquero';
import { findTable } from '../schema';
import { knownDictionary } from './exec/dictionary';
import { inferColumnType } from './schemaProvider';
import type { ScalarType } from './types';

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

export interface ColumnStatistics {
  readonly name: string;
  readonly type: ScalarType;
  readonly topValues?: readonly ValueCount[];
  readonly distinct?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface TableStatistics {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly ColumnStatistics[];
}

export interface StatisticsOptions {
  /** How many of the most frequent values to keep per categorical column (default 100). */
  readonly topN?: number;
}

function denseColumn(table: ColumnTable, name: string): ArrayLike<unknown> {
  const raw = table.column(name) as unknown;
  if (Array.isArray(raw) || (ArrayBuffer.isView(raw) && !(raw instanceof DataView))) return raw as ArrayLike<unknown>;
  return table.array(name) as ArrayLike<unknown>;
}

/** Each distinct value with its count: over the column's dictionary codes when it has one (loaded categorical columns do). */
function valueCounts(values: ArrayLike<unknown>): Array<[unknown, number]> {
  const dict = knownDictionary(values);
  if (dict) {
    const perCode = new Int32Array(dict.values.length);
    const codes = dict.codes;
    for (let i = 0; i < codes.length; i++) perCode[codes[i]!]!++;
    return dict.values.map((v, code) => [v, perCode[code]!]);
  }
  const counts = new Map<unknown, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts];
}

/** The `topN` most frequent non-empty strings (ties by value), and the number of distinct ones. */
export function topValues(values: ArrayLike<unknown>, topN: number): { topValues: ValueCount[]; distinct: number } {
  const all: ValueCount[] = [];
  for (const [value, count] of valueCounts(values)) if (typeof value === 'string' && value !== '') all.push({ value, count });
  all.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { topValues: all.slice(0, topN), distinct: all.length };
}

function range(values: ArrayLike<unknown>): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/** The statistics of one column (`table` reified: no filter or order pending). */
export function columnStatistics(tableName: string, table: ColumnTable, column: string, options: StatisticsOptions = {}): ColumnStatistics {
  const cdef = findTable(tableName)?.columns.find((c) => c.name === column);
  const type: ScalarType = cdef?.type ?? inferColumnType(table, column);
  if (cdef?.categorical) return { name: column, type, ...topValues(denseColumn(table, column), options.topN ?? 100) };
  if (type === 'datetime' || type === 'long' || type === 'real') {
    const r = range(denseColumn(table, column));
    return r ? { name: column, type, ...r } : { name: column, type };
  }
  return { name: column, type };
}

/** A table with no filter or order pending, so that columns read by row index. */
export function reified(table: ColumnTable): ColumnTable {
  return table.isFiltered() || table.isOrdered() ? table.reify() : table;
}

export function tableStatistics(name: string, table: ColumnTable, options: StatisticsOptions = {}): TableStatistics {
  const t = reified(table);
  return { name, rows: t.numRows(), columns: t.columnNames().map((c) => columnStatistics(name, t, c, options)) };
}

/** Statistics of every loaded table, in the order given. */
export function datasetStatistics(tables: Readonly<Record<string, ColumnTable>>, options: StatisticsOptions = {}): TableStatistics[] {
  return Object.entries(tables).map(([name, table]) => tableStatistics(name, table, options));
}
