// The plain-text form of a query output: a fixed-width table of the first rows, the fallback
// mime (text/plain) VS Code shows when no renderer is chosen, and what Copy Output copies.
import type { QueryOutputPayload } from '../../protocol/notebook';
import { displayText } from '../../protocol/notebookValues';

const MAX_ROWS = 50;
const MAX_WIDTH = 60;

function clip(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return flat.length > MAX_WIDTH ? `${flat.slice(0, MAX_WIDTH - 1)}…` : flat;
}

export function plainTextTable(p: QueryOutputPayload): string {
  const header = p.columns.map((c) => clip(c.name));
  const body = p.rows.slice(0, MAX_ROWS).map((row) => p.columns.map((c, i) => clip(displayText(row[i], c.type))));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  const more = p.totalRows - Math.min(p.rows.length, MAX_ROWS);
  lines.push(`${p.totalRows.toLocaleString('en-US')} row${p.totalRows === 1 ? '' : 's'}${more > 0 ? ` (${more.toLocaleString('en-US')} not shown here)` : ''}`);
  return lines.join('\n');
}
