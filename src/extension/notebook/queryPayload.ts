// A query result as the notebook output payload (src/protocol/notebook.ts), bounded in rows and size.
// No vscode import: unit-tested directly.
import type { QueryResult } from '../../core/query';
import type { QueryOutputPayload, WireColumn, WireJson, WireType, WireValue } from '../../protocol/notebook';

export interface PayloadLimits {
  /** Most rows in one output (the exoAudit.notebook.outputRowLimit setting). */
  readonly maxRows: number;
  /** Rough bound on the output's JSON size in characters; rows past it are left out. */
  readonly maxChars: number;
}

export const DEFAULT_LIMITS: PayloadLimits = { maxRows: 100_000, maxChars: 48 * 1024 * 1024 };

const wireTypes: ReadonlySet<string> = new Set(['string', 'long', 'real', 'bool', 'datetime', 'timespan', 'dynamic']);

function wireType(type: string): WireType {
  return wireTypes.has(type) ? (type as WireType) : 'unknown';
}

function numberValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  return null;
}

/** A value as it goes on the wire for its column type; dynamic values stay JSON values. */
export function wireValue(v: unknown, type: WireType): WireValue {
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'string': return typeof v === 'string' ? v : String(v);
    case 'long': case 'real': case 'datetime': case 'timespan': return numberValue(v);
    case 'bool': return typeof v === 'boolean' ? v : null;
    default: return jsonValue(v);
  }
}

function jsonValue(v: unknown): WireJson {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(jsonValue);
  if (typeof v === 'object') {
    const out: { [key: string]: WireJson } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      Object.defineProperty(out, k, { value: jsonValue(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return String(v);
}

function approxChars(v: WireValue): number {
  if (v === null) return 5;
  if (typeof v === 'string') return v.length + 3;
  if (typeof v === 'number') return 16;
  if (typeof v === 'boolean') return 6;
  return JSON.stringify(v).length + 1;
}

function renderOf(result: QueryResult): QueryOutputPayload['render'] {
  if (!result.render) return undefined;
  return { kind: result.render.kind, props: jsonValue(result.render.props) as Record<string, WireJson> };
}

/** The payload of one result; `warnings` are the query's non-error diagnostics as text. */
export function queryPayload(result: QueryResult, warnings: readonly string[], limits: PayloadLimits = DEFAULT_LIMITS, block?: number): QueryOutputPayload {
  const columns: WireColumn[] = result.columns.map((c) => ({ name: c.name, type: wireType(c.type) }));
  const data = columns.map((c) => result.table.column(c.name) as unknown as ArrayLike<unknown> | undefined);
  const total = result.table.numRows();
  const rows: WireValue[][] = [];
  let chars = 0;
  let cut = '';
  for (let r = 0; r < total; r++) {
    if (rows.length >= limits.maxRows) {
      cut = `first ${limits.maxRows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows shown (exoAudit.notebook.outputRowLimit)`;
      break;
    }
    const row = columns.map((c, i) => wireValue(data[i]?.[r], c.type));
    chars += row.reduce<number>((n, v) => n + approxChars(v), 2);
    if (chars > limits.maxChars && rows.length > 0) {
      cut = `first ${rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows shown (the output is kept under ${Math.round(limits.maxChars / 1024 / 1024)} MB)`;
      break;
    }
    rows.push(row);
  }
  const render = renderOf(result);
  return {
    version: 1, columns, rows, totalRows: total, cut,
    ...(render ? { render } : {}),
    elapsedMs: Math.round(result.elapsedMs * 10) / 10,
    warnings: [...warnings],
    ...(block !== undefined ? { block } : {}),
  };
}
