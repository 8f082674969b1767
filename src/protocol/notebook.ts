// The notebook wire format: the output payloads the controller writes and the renderers read, and the
// messages a renderer may send back. Imports nothing: the renderers (media/renderers) import this file.

export const NOTEBOOK_TYPE = 'exo-audit-notebook';
/** A .exq file opened as a notebook: blank-line-separated blocks are cells. */
export const EXQ_NOTEBOOK_TYPE = 'exo-audit-exq';

export const TABLE_MIME = 'application/vnd.exo-audit.table+json';
export const CHART_MIME = 'application/vnd.exo-audit.chart+json';
/** A message instead of a result (no data loaded), with the action that fixes it. */
export const NOTICE_MIME = 'application/vnd.exo-audit.notice+json';

export const TABLE_RENDERER_ID = 'exo-audit.table-renderer';
export const CHART_RENDERER_ID = 'exo-audit.chart-renderer';

/** Chart kinds the chart renderer draws; `render timeline` goes to the table renderer with a timeline button. */
export const CHART_KINDS = ['timechart', 'columnchart', 'barchart', 'piechart', 'linechart', 'areachart', 'scatterchart'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export function isChartKind(kind: string | undefined): kind is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(kind ?? '');
}

/** KQL scalar type names as they appear in a payload's columns. */
export type WireType = 'string' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'unknown';

/**
 * A cell value on the wire: datetime and timespan are epoch / duration milliseconds, dynamic is
 * any JSON value, missing numbers are null. The renderer turns every value into text.
 */
export type WireValue = string | number | boolean | null | WireJson;
export type WireJson = null | boolean | number | string | WireJson[] | { [key: string]: WireJson };

export interface WireColumn {
  readonly name: string;
  readonly type: WireType;
}

/** What `render` asked for (kind and its with(...) properties). */
export interface WireRender {
  readonly kind: string;
  readonly props: Readonly<Record<string, WireJson>>;
}

/** One query result as shown in a notebook (both the table and the chart mime carry it). */
export interface QueryOutputPayload {
  readonly version: 1;
  readonly columns: readonly WireColumn[];
  /** Row-major values; at most the output row limit. */
  readonly rows: readonly (readonly WireValue[])[];
  /** Rows the query returned (rows.length < totalRows when the output was cut). */
  readonly totalRows: number;
  /** Why rows were left out ('' when none were). */
  readonly cut: string;
  readonly render?: WireRender;
  readonly elapsedMs: number;
  /** Warnings of the query (a table not loaded, ...), as "line:col message". */
  readonly warnings: readonly string[];
  /** Which block of the cell this is (1-based) when a cell holds several queries. */
  readonly block?: number;
}

export interface NoticePayload {
  readonly version: 1;
  readonly message: string;
  /** The action button the renderer shows; it posts a RendererMessage of this action. */
  readonly action?: { readonly label: string; readonly message: 'openAuditExports' };
}

/** Renderer -> extension. The extension acts only on these, after validating them. */
export type RendererMessage =
  | { readonly type: 'copy'; readonly format: 'csv' | 'json'; readonly text: string; readonly rows: number }
  | { readonly type: 'openTimeline'; readonly recordIds: readonly string[]; readonly from?: number; readonly to?: number }
  | { readonly type: 'openAuditExports' };

/** Extension -> renderer: the outcome of a request, shown next to its button. */
export interface RendererReply {
  readonly type: 'status';
  readonly text: string;
}

/** Bounds on what a renderer may send (a copy of a full output stays under this). */
export const MAX_COPY_CHARS = 256 * 1024 * 1024;
export const MAX_TIMELINE_IDS = 100_000;

function isFiniteNumberOrAbsent(v: unknown): v is number | undefined {
  return v === undefined || (typeof v === 'number' && Number.isFinite(v));
}

/** The message as a RendererMessage when it is exactly one (unknown types and bad fields give undefined). */
export function parseRendererMessage(value: unknown): RendererMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'copy':
      if ((m.format !== 'csv' && m.format !== 'json') || typeof m.text !== 'string' || m.text.length > MAX_COPY_CHARS) return undefined;
      if (typeof m.rows !== 'number' || !Number.isInteger(m.rows) || m.rows < 0) return undefined;
      return { type: 'copy', format: m.format, text: m.text, rows: m.rows };
    case 'openTimeline': {
      const ids = m.recordIds;
      if (!Array.isArray(ids) || ids.length > MAX_TIMELINE_IDS || !ids.every((id) => typeof id === 'string' && id.length <= 512)) return undefined;
      if (!isFiniteNumberOrAbsent(m.from) || !isFiniteNumberOrAbsent(m.to)) return undefined;
      return {
        type: 'openTimeline', recordIds: ids as string[],
        ...(m.from !== undefined ? { from: m.from } : {}), ...(m.to !== undefined ? { to: m.to } : {}),
      };
    }
    case 'openAuditExports':
      return { type: 'openAuditExports' };
    default:
      return undefined;
  }
}

export function isQueryOutputPayload(value: unknown): value is QueryOutputPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<QueryOutputPayload>;
  return p.version === 1 && Array.isArray(p.columns) && Array.isArray(p.rows) && typeof p.totalRows === 'number';
}

export function isNoticePayload(value: unknown): value is NoticePayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<NoticePayload>;
  return p.version === 1 && typeof p.message === 'string';
}
