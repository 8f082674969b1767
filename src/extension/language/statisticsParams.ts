// The statistics notification's parameters for a loaded dataset. No vscode import: testable anywhere.
import { columnStatistics, reified } from '../../core/query/tableStatistics';
import type { ExqDataStatisticsNotification, ExqTableStatistics } from '../../protocol';
import type { LoadedDataset } from '../dataset/loadedDataset';

const computed = new WeakMap<LoadedDataset, Promise<ExqDataStatisticsNotification.Params>>();

/** Lets the extension host breathe between columns (a column of a million rows takes tens of ms). */
const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function compute(dataset: LoadedDataset): Promise<ExqDataStatisticsNotification.Params> {
  const tables: ExqTableStatistics[] = [];
  for (const [name, table] of Object.entries(dataset.dataset.tables)) {
    const t = reified(table);
    const columns = [];
    for (const column of t.columnNames()) {
      columns.push(columnStatistics(name, t, column));
      await yieldToHost();
    }
    tables.push({ name, rows: t.numRows(), columns });
  }
  return { tables };
}

/** Statistics of the dataset's tables, computed once per dataset (a server restart re-sends the same). */
export function statisticsParams(dataset: LoadedDataset | undefined): Promise<ExqDataStatisticsNotification.Params> {
  if (!dataset) return Promise.resolve({ tables: [] });
  let params = computed.get(dataset);
  if (!params) {
    params = compute(dataset);
    computed.set(dataset, params);
  }
  return params;
}
