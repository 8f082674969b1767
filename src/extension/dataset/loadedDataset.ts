// What the extension knows about the loaded audit data. No vscode import: formatting is testable anywhere.
import type { Dataset } from '../../core/ingest';

export interface LoadedDataset {
  /** The files the data came from, as URIs (strings). */
  readonly sources: readonly string[];
  /** Records kept after de-duplication. Ledger: read = records + duplicates + rejected. */
  readonly records: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Epoch milliseconds of the earliest and latest record, null when there are no records. */
  readonly firstTime: number | null;
  readonly lastTime: number | null;
  /** The tables, the per-file ledger and the record locations. */
  readonly dataset: Dataset;
}

export const NO_DATA_STATUS_TEXT = 'exo-audit: no data';

export function datasetStatusText(dataset: LoadedDataset | undefined): string {
  if (!dataset) return NO_DATA_STATUS_TEXT;
  const parts = [`exo-audit: ${dataset.records.toLocaleString('en-US')} records`];
  if (dataset.firstTime !== null && dataset.lastTime !== null) {
    parts.push(`${utcDay(dataset.firstTime)} – ${utcDay(dataset.lastTime)}`);
  }
  if (dataset.rejected > 0) parts.push(`${dataset.rejected.toLocaleString('en-US')} rejected`);
  return parts.join(' · ');
}

export function ledgerLines(dataset: LoadedDataset): string[] {
  const read = dataset.records + dataset.duplicates + dataset.rejected;
  return [
    `sources: ${dataset.sources.length}`,
    ...dataset.sources.map((source) => `  ${source}`),
    `read: ${read} = loaded ${dataset.records} + duplicate ${dataset.duplicates} + rejected ${dataset.rejected}`,
    dataset.firstTime !== null && dataset.lastTime !== null
      ? `time range (UTC): ${new Date(dataset.firstTime).toISOString()} – ${new Date(dataset.lastTime).toISOString()}`
      : 'time range: no records',
    ...dataset.dataset.ledger.files.flatMap((f) => [
      `${f.file}: ${f.format}, read ${f.read} = loaded ${f.loaded} + duplicate ${f.duplicates} + rejected ${f.rejected}${f.sha256 ? `, sha256 ${f.sha256}` : ''}`,
      ...f.rejections.map((r) => `  ${r.file}:${r.line}: ${r.reason}`),
      ...(f.rejected > f.rejections.length ? [`  (${f.rejected - f.rejections.length} more rejections)`] : []),
      ...f.warnings.map((w) => `  warning ${w.file}:${w.line}: ${w.reason}`),
    ]),
  ];
}

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
