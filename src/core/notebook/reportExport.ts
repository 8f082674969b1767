/**
 * A notebook as a Markdown investigation report: Markdown cells as written, each query in a code
 * block, and its outputs — tables as Markdown tables (every value escaped: audit data is
 * attacker-controlled), charts as the table of their data, errors as quoted text.
 */
import { codeBlock, escapeInline, markdownTable } from './markdownText';

export interface ReportTable {
  readonly kind: 'table';
  readonly columns: readonly string[];
  /** Values already turned into text (datetimes as ISO). */
  readonly rows: readonly (readonly string[])[];
  /** Rows the query returned (more than rows.length when the output or the report cut them). */
  readonly totalRows: number;
  /** The chart the query rendered (timechart, piechart, ...), when it did. */
  readonly chart?: string;
  readonly warnings?: readonly string[];
  readonly elapsedMs?: number;
}

export type ReportOutput =
  | ReportTable
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'text'; readonly text: string };

export type ReportCell =
  | { readonly kind: 'markdown'; readonly source: string }
  | {
      readonly kind: 'code';
      readonly language: string;
      readonly source: string;
      readonly executionOrder?: number;
      readonly success?: boolean;
      readonly durationMs?: number;
      readonly outputs: readonly ReportOutput[];
    };

export interface ReportInput {
  readonly title: string;
  /** Lines under the title (source notebook, dataset, export time); escaped. */
  readonly facts?: readonly string[];
  readonly cells: readonly ReportCell[];
}

export interface ReportOptions {
  /** Most rows written per table (default 500); the report says how many it left out. */
  readonly maxRows?: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function tableSection(t: ReportTable, maxRows: number): string[] {
  const out: string[] = [];
  const shown = t.rows.slice(0, maxRows);
  const caption = t.chart ? `Data of the ${escapeInline(t.chart)}: ` : '';
  const timing = t.elapsedMs !== undefined ? ` in ${Math.round(t.elapsedMs).toLocaleString('en-US')} ms` : '';
  out.push(`*${caption}${plural(t.totalRows, 'row')}${timing}${shown.length < t.totalRows ? `, first ${plural(shown.length, 'row')} shown` : ''}.*`);
  for (const w of t.warnings ?? []) out.push(`> Warning: ${escapeInline(w)}`);
  if (t.columns.length) out.push(markdownTable(t.columns, shown));
  return out;
}

function outputSection(o: ReportOutput, maxRows: number): string[] {
  switch (o.kind) {
    case 'table': return tableSection(o, maxRows);
    case 'error': return [`> **Error:** ${escapeInline(o.message)}`];
    case 'text': return [codeBlock(o.text)];
  }
}

/** EXQ is shown as KQL (its superset, which Markdown viewers highlight); other ids only if plain words. */
function fenceLanguage(language: string): string {
  if (language === 'exq') return 'kusto';
  return /^[\w+-]{1,40}$/.test(language) ? language : '';
}

/** The report text (Markdown, ending with a newline). */
export function notebookReport(input: ReportInput, options: ReportOptions = {}): string {
  const maxRows = Math.max(0, options.maxRows ?? 500);
  const parts: string[] = [`# ${escapeInline(input.title)}`];
  if (input.facts?.length) parts.push(input.facts.map((f) => `- ${escapeInline(f)}`).join('\n'));
  let query = 0;
  for (const cell of input.cells) {
    if (cell.kind === 'markdown') {
      if (cell.source.trim()) parts.push(cell.source.replace(/\r\n|\r/g, '\n').trim());
      continue;
    }
    if (!cell.source.trim() && cell.outputs.length === 0) continue;
    query++;
    const run = cell.executionOrder !== undefined ? `, run [${cell.executionOrder}]` : '';
    const status = cell.success === false ? ', failed' : '';
    const took = cell.durationMs !== undefined ? `, ${Math.round(cell.durationMs).toLocaleString('en-US')} ms` : '';
    parts.push(`**Query ${query}**${run}${status}${took}`);
    parts.push(codeBlock(cell.source, fenceLanguage(cell.language)));
    if (cell.outputs.length === 0) parts.push('*Not run.*');
    for (const o of cell.outputs) parts.push(...outputSection(o, maxRows));
  }
  return parts.join('\n\n') + '\n';
}
