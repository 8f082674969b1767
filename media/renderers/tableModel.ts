// The table renderer's model, without DOM: sort order, the rows a scroll position shows, column widths.
import type { QueryOutputPayload, WireType, WireValue } from '../../src/protocol/notebook';
import { displayText } from '../../src/protocol/notebookValues';

export type SortDirection = 'ascending' | 'descending';

/** Compares two present values of one column: numbers and booleans by value, the rest by their text. */
function compareValues(a: WireValue, b: WireValue, type: WireType): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = typeof a === 'string' ? a : displayText(a, type);
  const sb = typeof b === 'string' ? b : displayText(b, type);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Row indices in the order of `column` (stable; missing values last in both directions). */
export function sortOrder(payload: Pick<QueryOutputPayload, 'rows' | 'columns'>, column: number, direction: SortDirection): Uint32Array {
  const type = payload.columns[column]?.type ?? 'string';
  const rows = payload.rows;
  const order = Array.from({ length: rows.length }, (_, i) => i);
  const sign = direction === 'ascending' ? 1 : -1;
  order.sort((i, j) => {
    const a = rows[i]![column];
    const b = rows[j]![column];
    const aNull = a === null || a === undefined;
    const bNull = b === null || b === undefined;
    if (aNull || bNull) return aNull === bNull ? i - j : aNull ? 1 : -1;
    return sign * compareValues(a!, b!, type) || i - j;
  });
  return Uint32Array.from(order);
}

export function identityOrder(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

/** The rows to draw for a scroll position: [first, end) with `overscan` rows either side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): { first: number; end: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, end: Math.max(first, end) };
}

/** Column widths in characters from the header and the first rows' text (6 to 48). */
export function columnWidths(payload: Pick<QueryOutputPayload, 'rows' | 'columns'>, sample = 200): number[] {
  return payload.columns.map((c, i) => {
    let w = c.name.length + 3;
    for (let r = 0; r < Math.min(sample, payload.rows.length); r++) {
      const v = payload.rows[r]![i];
      w = Math.max(w, c.type === 'dynamic' && v !== null && typeof v === 'object' ? 14 : displayText(v, c.type).length + 1);
    }
    return Math.max(6, Math.min(48, w));
  });
}

/** One line of a dynamic value for its cell; the full value opens below the table. */
export function dynamicPreview(v: WireValue): string {
  const text = displayText(v, 'dynamic');
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

/** The Id column's values and the first datetime column's range, for opening rows on the timeline. */
export function timelineSelection(payload: Pick<QueryOutputPayload, 'rows' | 'columns'>, maxIds: number): { recordIds: string[]; from?: number; to?: number } {
  const idCol = payload.columns.findIndex((c) => c.name === 'Id' && c.type === 'string');
  const timeCol = payload.columns.findIndex((c) => c.type === 'datetime');
  const recordIds: string[] = [];
  let from = Infinity;
  let to = -Infinity;
  for (const row of payload.rows) {
    const id = idCol >= 0 ? row[idCol] : undefined;
    if (typeof id === 'string' && id !== '' && recordIds.length < maxIds) recordIds.push(id);
    const t = timeCol >= 0 ? row[timeCol] : undefined;
    if (typeof t === 'number' && Number.isFinite(t)) {
      if (t < from) from = t;
      if (t > to) to = t;
    }
  }
  return { recordIds, ...(Number.isFinite(from) ? { from, to } : {}) };
}
