import { replayTables } from '../../../core/tenant/replay/fromTables';
import type { LoadedDataset } from '../../dataset/loadedDataset';
import type { TenantSource } from '../tenantSource';

/**
 * The model rebuilt from the loaded audit data (AuditLogs and DirectoryAudits) as of a time. Each load
 * reads the dataset loaded at that moment, so Refresh follows newly opened exports.
 */
export function replaySource(currentDataset: () => LoadedDataset | undefined, asOf?: number): TenantSource {
  const asOfText = asOf === undefined ? 'end of log' : new Date(asOf).toISOString();
  return {
    kind: 'replay',
    description: `replay of the loaded audit log as of ${asOfText}`,
    load: async () => {
      const loaded = currentDataset();
      if (!loaded) throw new Error('no audit data is loaded: open audit exports first (exo-audit: Open Audit Export(s))');
      const { model, ledger, input } = replayTables(loaded.dataset.tables, { asOf });
      const notes = [
        `read ${input.auditRows.length} audit log and ${input.directoryRows.length} directory audit records bearing on permissions`,
        `applied ${ledger.applied}, failed ${ledger.failed}, after the as-of time ${ledger.afterAsOf}, ignored ${ledger.ignored}`,
        ...ledger.warnings,
      ];
      return { model, notes };
    },
  };
}
