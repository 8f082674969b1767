// What a `render` chart shows, from a query output, without DOM: the x values (times or categories),
// the series and their points, following Kusto's rules for which columns play which part.
import type { QueryOutputPayload, WireColumn, WireJson, WireValue } from '../../src/protocol/notebook';
import { displayText } from '../../src/protocol/notebookValues';

export interface Series {
  readonly name: string;
  /** y values by point (null when the row has none). */
  readonly values: (number | null)[];
}

export type ChartModel =
  | { readonly shape: 'xy'; readonly kind: string; readonly xType: 'datetime' | 'number'; readonly xName: string; readonly x: number[]; readonly series: Series[]; readonly note: string }
  | { readonly shape: 'categories'; readonly kind: string; readonly categoryName: string; readonly categories: string[]; readonly series: Series[]; readonly note: string }
  | { readonly shape: 'pie'; readonly kind: string; readonly slices: { label: string; value: number }[]; readonly note: string }
  | { readonly shape: 'none'; readonly kind: string; readonly note: string };

export const MAX_CATEGORIES = 40;
export const MAX_SERIES = 12;
export const MAX_SLICES = 10;

const isNumeric = (c: WireColumn) => c.type === 'long' || c.type === 'real';

function propNames(v: WireJson | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function num(v: WireValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function indexOfName(columns: readonly WireColumn[], name: string | undefined): number {
  return name === undefined ? -1 : columns.findIndex((c) => c.name === name);
}

function yColumns(p: QueryOutputPayload, exclude: ReadonlySet<number>): number[] {
  const named = propNames(p.render?.props.ycolumns).map((n) => indexOfName(p.columns, n)).filter((i) => i >= 0);
  if (named.length) return named;
  return p.columns.map((c, i) => (isNumeric(c) && !exclude.has(i) ? i : -1)).filter((i) => i >= 0);
}

function xyModel(p: QueryOutputPayload, kind: string): ChartModel {
  const named = indexOfName(p.columns, propNames(p.render?.props.xcolumn)[0]);
  const x = named >= 0 ? named : kind === 'scatterchart'
    ? p.columns.findIndex((c) => c.type === 'datetime' || isNumeric(c))
    : p.columns.findIndex((c) => c.type === 'datetime');
  if (x < 0) return { shape: 'none', kind, note: `A ${kind} needs a datetime column for its x-axis.` };
  const ys = yColumns(p, new Set([x]));
  if (ys.length === 0) return { shape: 'none', kind, note: `A ${kind} needs a numeric column to draw.` };
  // One y column and a text column: one series per text value (as Kusto splits a timechart).
  const split = ys.length === 1 ? p.columns.findIndex((c, i) => i !== x && !isNumeric(c) && c.type !== 'datetime') : -1;
  const rows = p.rows.filter((r) => num(r[x]) !== null).slice().sort((a, b) => num(a[x])! - num(b[x])!);
  const xs = [...new Set(rows.map((r) => num(r[x])!))];
  const at = new Map(xs.map((v, i) => [v, i]));
  const series = new Map<string, (number | null)[]>();
  const seriesFor = (name: string) => {
    let s = series.get(name);
    if (!s) series.set(name, (s = xs.map(() => null)));
    return s;
  };
  for (const r of rows) {
    const i = at.get(num(r[x])!)!;
    for (const y of ys) {
      const name = split >= 0 ? displayText(r[split], p.columns[split]!.type) || '(empty)' : p.columns[y]!.name;
      const s = seriesFor(name);
      const v = num(r[y]);
      if (v !== null) s[i] = (s[i] ?? 0) + v;
    }
  }
  const all = [...series.entries()].map(([name, values]) => ({ name, values }));
  const kept = all.sort((a, b) => total(b) - total(a)).slice(0, MAX_SERIES);
  return {
    shape: 'xy', kind, xType: p.columns[x]!.type === 'datetime' ? 'datetime' : 'number', xName: p.columns[x]!.name, x: xs, series: kept,
    note: all.length > kept.length ? `The ${MAX_SERIES} largest of ${all.length} series are drawn.` : '',
  };
}

function total(s: Series): number {
  return s.values.reduce<number>((n, v) => n + (v ?? 0), 0);
}

function labelColumns(p: QueryOutputPayload, ys: readonly number[]): number[] {
  const named = indexOfName(p.columns, propNames(p.render?.props.xcolumn)[0]);
  if (named >= 0) return [named];
  return p.columns.map((c, i) => (!ys.includes(i) && !isNumeric(c) ? i : -1)).filter((i) => i >= 0);
}

function label(p: QueryOutputPayload, row: readonly WireValue[], cols: readonly number[]): string {
  return cols.map((i) => displayText(row[i], p.columns[i]!.type)).join(' / ') || '(empty)';
}

function categoryModel(p: QueryOutputPayload, kind: string): ChartModel {
  const ys = yColumns(p, new Set());
  if (ys.length === 0) return { shape: 'none', kind, note: `A ${kind} needs a numeric column to draw.` };
  const labels = labelColumns(p, ys);
  const rows = p.rows.slice(0, MAX_CATEGORIES);
  return {
    shape: 'categories', kind,
    categoryName: labels.map((i) => p.columns[i]!.name).join(' / '),
    categories: rows.map((r) => label(p, r, labels)),
    series: ys.slice(0, MAX_SERIES).map((y) => ({ name: p.columns[y]!.name, values: rows.map((r) => num(r[y])) })),
    note: p.rows.length > rows.length ? `The first ${MAX_CATEGORIES} of ${p.rows.length.toLocaleString('en-US')} rows are drawn.` : '',
  };
}

function pieModel(p: QueryOutputPayload): ChartModel {
  const y = yColumns(p, new Set())[0];
  if (y === undefined) return { shape: 'none', kind: 'piechart', note: 'A piechart needs a numeric column.' };
  const labels = labelColumns(p, [y]);
  const slices = p.rows.map((r) => ({ label: label(p, r, labels), value: Math.max(0, num(r[y]) ?? 0) })).filter((s) => s.value > 0);
  slices.sort((a, b) => b.value - a.value);
  if (slices.length <= MAX_SLICES) return { shape: 'pie', kind: 'piechart', slices, note: '' };
  const top = slices.slice(0, MAX_SLICES - 1);
  const rest = slices.slice(MAX_SLICES - 1);
  top.push({ label: `Other (${rest.length})`, value: rest.reduce((n, s) => n + s.value, 0) });
  return { shape: 'pie', kind: 'piechart', slices: top, note: `The ${MAX_SLICES - 1} largest slices are drawn; ${rest.length} more are in "Other".` };
}

export function chartModel(p: QueryOutputPayload): ChartModel {
  const kind = p.render?.kind ?? 'table';
  switch (kind) {
    case 'timechart': case 'linechart': case 'areachart': case 'scatterchart': return xyModel(p, kind);
    case 'columnchart': case 'barchart': return categoryModel(p, kind);
    case 'piechart': return pieModel(p);
    default: return { shape: 'none', kind, note: `No chart for render ${kind}.` };
  }
}

/** About `count` round tick values from lo to hi. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const timeSteps = [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY];

/** Tick times at round UTC steps, about `count` of them, with labels (dates, or times within a day). */
export function timeTicks(lo: number, hi: number, count = 5): { value: number; label: string }[] {
  const step = timeSteps.find((s) => s >= (hi - lo) / count) ?? timeSteps[timeSteps.length - 1]!;
  const out: { value: number; label: string }[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
    const iso = new Date(v).toISOString();
    out.push({ value: v, label: step >= DAY ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}` });
  }
  return out.length ? out : [{ value: lo, label: new Date(lo).toISOString().slice(0, 16).replace('T', ' ') }];
}
