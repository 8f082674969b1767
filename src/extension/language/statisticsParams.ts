// The statistics notification's parameters for a loaded dataset. No vscode import: testable anywhere.
import { datasetStatistics } from '../../core/query/tableStatistics';
import type { ExqDataStatisticsNotification } from '../../protocol';
import type { LoadedDataset } from '../dataset/loadedDataset';

const computed = new WeakMap<LoadedDataset, ExqDataStatisticsNotification.Params>();

/** Statistics of the dataset's tables, computed once per dataset (a server restart re-sends the same). */
export function statisticsParams(dataset: LoadedDataset | undefined): ExqDataStatisticsNotification.Params {
  if (!dataset) return { tables: [] };
  let params = computed.get(dataset);
  if (!params) {
    params = { tables: datasetStatistics(dataset.dataset.tables) };
    computed.set(dataset, params);
  }
  return params;
}
