// What the extension knows about the loaded audit data. No vscode import: formatting is testable anywhere.

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
  ];
}

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
