// A notebook's cells and outputs (core data) as the cells of a Markdown report: query outputs
// decoded from their payloads, values turned into text the way the table renderer shows them.
// No vscode import.
import type { NotebookData, OutputData, OutputItemData, ReportCell, ReportOutput } from '../../core/notebook';
import { CHART_MIME, isNoticePayload, isQueryOutputPayload, NOTICE_MIME, TABLE_MIME } from '../../protocol/notebook';
import { displayText } from '../../protocol/notebookValues';

const ERROR_MIME = 'application/vnd.code.notebook.error';

function itemText(item: OutputItemData): string {
  if ('text' in item) return item.text;
  if ('json' in item) return JSON.stringify(item.json, null, 2);
  return `(${item.mime} output)`;
}

function find(items: readonly OutputItemData[], mime: string): OutputItemData | undefined {
  return items.find((i) => i.mime === mime);
}

function reportOutput(o: OutputData): ReportOutput | undefined {
  const query = find(o.items, TABLE_MIME) ?? find(o.items, CHART_MIME);
  if (query && 'json' in query && isQueryOutputPayload(query.json)) {
    const p = query.json;
    return {
      kind: 'table',
      columns: p.columns.map((c) => c.name),
      rows: p.rows.map((row) => p.columns.map((c, i) => displayText(row[i], c.type))),
      totalRows: p.totalRows,
      ...(p.render && p.render.kind !== 'table' ? { chart: p.render.kind } : {}),
      warnings: p.cut ? [...p.warnings, `Output cut: ${p.cut}`] : p.warnings,
      elapsedMs: p.elapsedMs,
    };
  }
  const error = find(o.items, ERROR_MIME);
  if (error && 'json' in error && typeof error.json === 'object' && error.json !== null && !Array.isArray(error.json)) {
    const e = error.json as { name?: unknown; message?: unknown };
    return { kind: 'error', message: `${typeof e.name === 'string' ? `${e.name}: ` : ''}${typeof e.message === 'string' ? e.message : ''}` };
  }
  const notice = find(o.items, NOTICE_MIME);
  if (notice && 'json' in notice && isNoticePayload(notice.json)) return { kind: 'text', text: notice.json.message };
  const text = o.items.find((i) => i.mime.startsWith('text/'));
  if (text) return { kind: 'text', text: itemText(text) };
  return o.items[0] ? { kind: 'text', text: itemText(o.items[0]) } : undefined;
}

export function reportCells(data: NotebookData): ReportCell[] {
  return data.cells.map((c): ReportCell => {
    if (c.kind === 'markdown') return { kind: 'markdown', source: c.source };
    const outputs = (c.outputs ?? []).map(reportOutput).filter((o): o is ReportOutput => o !== undefined);
    const e = c.execution;
    return {
      kind: 'code', language: c.language, source: c.source, outputs,
      ...(e?.order !== undefined ? { executionOrder: e.order } : {}),
      ...(e?.success !== undefined ? { success: e.success } : {}),
      ...(e?.startTime !== undefined && e?.endTime !== undefined ? { durationMs: e.endTime - e.startTime } : {}),
    };
  });
}

/** The report's title: the notebook's first Markdown heading, else its file name. */
export function reportTitle(data: NotebookData, fileName: string): string {
  for (const c of data.cells) {
    if (c.kind !== 'markdown') continue;
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(c.source);
    if (m) return m[1]!;
  }
  return fileName;
}
