import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { datasetStatistics } from '../../src/core/query/tableStatistics';
import type { LoadedDataset } from '../../src/extension/dataset/loadedDataset';
import { statisticsParams } from '../../src/extension/language/statisticsParams';

describe('statisticsParams (extension side of the statistics notification)', () => {
  it('sends the statistics of every loaded table, computed once per dataset', async () => {
    const tables = {
      AuditLogs: aq.table({ Operation: ['Send', 'Send', 'MailItemsAccessed'], Time: Float64Array.from([3, 1, 2]) }),
      SignIns: aq.table({ UserPrincipalName: ['a@x', 'b@x'] }),
    };
    const dataset = { dataset: { tables } } as unknown as LoadedDataset;
    const first = statisticsParams(dataset);
    assert.equal(statisticsParams(dataset), first, 'memoised per dataset');
    assert.deepEqual(await first, { tables: datasetStatistics(tables) });
    assert.deepEqual(await statisticsParams(undefined), { tables: [] });
  });
});
