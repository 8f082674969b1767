/** What a loaded dataset holds, for the CLI, the status bar and reports. */
import type { TableName } from '../schema/types';
import type { Dataset } from './loader';

export interface TableSummary {
  readonly rows: number;
  /** Earliest and latest Time (epoch ms), or null when no row has a time. */
  readonly from: number | null;
  readonly to: number | null;
  /** Rows per Operation, most frequent first. */
  readonly operations: ReadonlyArray<{ readonly operation: string; readonly count: number }>;
}

export type DatasetSummary = Record<TableName, TableSummary>;

export function summarizeTable(ds: Dataset, name: TableName): TableSummary {
  const table = ds.tables[name];
  const times = table.column('Time') as unknown as ArrayLike<number> | undefined;
  let from = Infinity;
  let to = -Infinity;
  if (times) {
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      if (t < from) from = t;
      if (t > to) to = t;
    }
  }
  const counts = new Map<string, number>();
  const ops = table.columnNames().includes('Operation') ? (table.column('Operation') as unknown as ArrayLike<string>) : undefined;
  if (ops) for (let i = 0; i < ops.length; i++) counts.set(ops[i]!, (counts.get(ops[i]!) ?? 0) + 1);
  return {
    rows: table.numRows(),
    from: Number.isFinite(from) ? from : null,
    to: Number.isFinite(to) ? to : null,
    operations: [...counts].map(([operation, count]) => ({ operation, count })).sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation)),
  };
}

export function summarizeDataset(ds: Dataset): DatasetSummary {
  return {
    AuditLogs: summarizeTable(ds, 'AuditLogs'),
    SignIns: summarizeTable(ds, 'SignIns'),
    DirectoryAudits: summarizeTable(ds, 'DirectoryAudits'),
  };
}
