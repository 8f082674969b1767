// Which files in a folder are audit exports to load. No vscode import (testable anywhere).

/** The tool's own outputs that sit beside logs (synth writes labels.json and model.json; downloads a manifest). */
const toolOutputs = new Set(['labels.json', 'model.json', 'manifest.json', 'load-manifest.json', 'suppressions.json']);

/** Extensions of the formats the loader reads (each also gzipped). */
const exportExtensions = ['.csv', '.tsv', '.json', '.jsonl', '.ndjson', '.txt', '.log'];

/** Whether a file name looks like an audit export: a known extension, not hidden, not one of the tool's outputs. */
export function isAuditExportName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('.') || toolOutputs.has(lower)) return false;
  const plain = lower.endsWith('.gz') ? lower.slice(0, -3) : lower;
  return exportExtensions.some((ext) => plain.endsWith(ext));
}

/** Whether to look inside a sub-folder (hidden folders such as .git, .vscode and .exo-audit are skipped). */
export function isSearchedFolderName(name: string): boolean {
  return !name.startsWith('.') && name !== 'node_modules';
}
