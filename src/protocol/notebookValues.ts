// Turning the wire values of a query output into text: one definition for the renderers (cells,
// copy as CSV / JSON) and the extension (plain-text fallback, Markdown report). Imports only ./notebook.
import type { QueryOutputPayload, WireType, WireValue } from './notebook';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 in UTC ('' for a time JavaScript cannot represent). */
export function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** KQL's timespan text: [-][d.]hh:mm:ss[.fff] */
export function timespanText(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = Math.round(rest - s * 1000);
  return `${sign}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${frac ? `.${pad(frac, 3)}` : ''}`;
}

/** The text a cell shows: '' for null, ISO for datetimes, JSON for dynamic objects and arrays. */
export function displayText(value: WireValue | undefined, type: WireType): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (type === 'datetime') return isoTime(value);
    if (type === 'timespan') return timespanText(value);
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (RFC 4180, CRLF line ends) of the given rows. A text starting with = + - @ is prefixed with
 * a quote so a spreadsheet does not run it as a formula (audit data is attacker-controlled); numbers
 * are left as they are.
 */
export function toCsv(payload: Pick<QueryOutputPayload, 'columns'>, rows: readonly (readonly WireValue[])[]): string {
  const guard = (t: string): string => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
  const lines = [payload.columns.map((c) => csvField(guard(c.name))).join(',')];
  for (const row of rows) {
    lines.push(payload.columns.map((c, i) => {
      const v = row[i];
      const text = displayText(v, c.type);
      return csvField(typeof v === 'string' ? guard(text) : text);
    }).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** JSON array of row objects; datetimes as ISO text, dynamic values as they are. */
export function toJsonRows(payload: Pick<QueryOutputPayload, 'columns'>, rows: readonly (readonly WireValue[])[]): string {
  const out = rows.map((row) => {
    const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    payload.columns.forEach((c, i) => {
      const v = row[i] ?? null;
      o[c.name] = c.type === 'datetime' && typeof v === 'number' ? isoTime(v) : c.type === 'timespan' && typeof v === 'number' ? timespanText(v) : v;
    });
    return o;
  });
  return JSON.stringify(out, null, 2);
}
