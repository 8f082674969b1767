// The Findings and Stories tables for notebook queries, computed from the loaded dataset the first
// time a cell names them and kept until the dataset changes.
import type { ColumnTable } from 'arquero';
import { runFindings, type LoadedTables } from '../../core/findings';
import type { Dataset } from '../../core/ingest';

export type DerivedTables = Readonly<Record<string, ColumnTable>>;

export class DerivedTablesCache {
  private readonly byDataset = new WeakMap<Dataset, Promise<DerivedTables>>();

  /** The tables for `dataset`; a cancelled computation is not kept. */
  get(dataset: Dataset, signal: AbortSignal): Promise<DerivedTables> {
    const hit = this.byDataset.get(dataset);
    if (hit) return hit;
    const pending = runFindings(dataset.tables as LoadedTables, { signal }).then((r): DerivedTables => ({ Findings: r.tables.Findings, Stories: r.tables.Stories }));
    this.byDataset.set(dataset, pending);
    pending.catch(() => this.byDataset.delete(dataset));
    return pending;
  }
}
