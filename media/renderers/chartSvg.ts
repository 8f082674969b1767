// Draws a chart model as SVG built with createElementNS; labels and tooltips are text nodes.
// Colours come from the theme's chart colours (--vscode-charts-*).
import { displayText } from '../../src/protocol/notebookValues';
import { svg } from './dom';
import { niceTicks, timeTicks, type ChartModel, type Series } from './chartData';

export const PALETTE = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'].map((c) => `var(--vscode-charts-${c})`);

export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

const M = { top: 10, right: 16, bottom: 84, left: 56 };

/** A category label short enough for the axis (the bar's tooltip has it whole). */
function short(label: string): string {
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
}

function paint(el: SVGElement, prop: 'fill' | 'stroke', color: string): void {
  el.style.setProperty(prop, color);
}

function tooltip(el: SVGElement, text: string): void {
  el.append(svg('title', {}, text));
}

function valueAxis(root: SVGElement, max: number, height: number, width: number): (v: number) => number {
  const ticks = niceTicks(0, max > 0 ? max : 1);
  const top = ticks[ticks.length - 1]!;
  const y = (v: number) => M.top + height - (v / top) * height;
  const grid = svg('g', { class: 'exo-grid' });
  const axis = svg('g', { class: 'exo-axis' });
  for (const t of ticks) {
    grid.append(svg('line', { x1: M.left, x2: M.left + width, y1: y(t), y2: y(t) }));
    axis.append(svg('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, t.toLocaleString('en-US')));
  }
  axis.append(svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: M.top + height }));
  root.append(grid, axis);
  return y;
}

function maxOf(series: readonly Series[], stacked: boolean): number {
  const n = series[0]?.values.length ?? 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (stacked) max = Math.max(max, series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
    else for (const s of series) max = Math.max(max, s.values[i] ?? 0);
  }
  return max;
}

function xyChart(root: SVGSVGElement, m: Extract<ChartModel, { shape: 'xy' }>, width: number, height: number): void {
  const lo = m.x[0] ?? 0;
  const hi = m.x[m.x.length - 1] ?? 1;
  const span = hi > lo ? hi - lo : 1;
  const x = (v: number) => M.left + ((v - lo) / span) * width;
  const y = valueAxis(root, maxOf(m.series, false), height, width);
  const axis = svg('g', { class: 'exo-axis' });
  axis.append(svg('line', { x1: M.left, x2: M.left + width, y1: M.top + height, y2: M.top + height }));
  const ticks = m.xType === 'datetime' ? timeTicks(lo, hi) : niceTicks(lo, hi).map((v) => ({ value: v, label: v.toLocaleString('en-US') }));
  for (const t of ticks) axis.append(svg('text', { x: x(t.value), y: M.top + height + 16, 'text-anchor': 'middle' }, t.label));
  root.append(axis);
  const xText = (v: number) => (m.xType === 'datetime' ? displayText(v, 'datetime') : String(v));
  m.series.forEach((s, si) => {
    const color = seriesColor(si);
    const g = svg('g', { class: 'exo-series' });
    if (m.kind !== 'scatterchart') {
      const points = s.values.map((v, i) => (v === null ? null : `${x(m.x[i]!).toFixed(1)},${y(v).toFixed(1)}`)).filter((p): p is string => p !== null);
      if (m.kind === 'areachart' && points.length) {
        const area = svg('polygon', { points: `${x(m.x[0]!)},${y(0)} ${points.join(' ')} ${x(m.x[m.x.length - 1]!)},${y(0)}`, 'fill-opacity': 0.25 });
        paint(area, 'fill', color);
        g.append(area);
      }
      const line = svg('polyline', { points: points.join(' '), fill: 'none', 'stroke-width': 1.5 });
      paint(line, 'stroke', color);
      g.append(line);
    }
    s.values.forEach((v, i) => {
      if (v === null) return;
      const dot = svg('circle', { cx: x(m.x[i]!), cy: y(v), r: m.x.length > 200 && m.kind !== 'scatterchart' ? 1 : 2.5 });
      paint(dot, 'fill', color);
      tooltip(dot, `${s.name}: ${v.toLocaleString('en-US')} at ${xText(m.x[i]!)}`);
      g.append(dot);
    });
    root.append(g);
  });
}

function categoryChart(root: SVGSVGElement, m: Extract<ChartModel, { shape: 'categories' }>, width: number, height: number): void {
  const horizontal = m.kind === 'barchart';
  const n = m.categories.length;
  const max = maxOf(m.series, false);
  const band = (horizontal ? height : width) / Math.max(1, n);
  const barSize = Math.max(1, (band * 0.8) / Math.max(1, m.series.length));
  const axis = svg('g', { class: 'exo-axis' });
  if (horizontal) {
    // Category names go left of the bars: room for them comes out of the plot's width.
    const left = M.left + 110;
    const span = Math.max(40, width - 110);
    const ticks = niceTicks(0, max > 0 ? max : 1);
    const top = ticks[ticks.length - 1]!;
    const len = (v: number) => (v / top) * span;
    for (const t of ticks) axis.append(svg('text', { x: left + len(t), y: M.top + height + 16, 'text-anchor': 'middle' }, t.toLocaleString('en-US')));
    m.categories.forEach((c, i) => axis.append(svg('text', { x: left - 6, y: M.top + band * i + band / 2 + 4, 'text-anchor': 'end' }, short(c))));
    root.append(axis);
    m.series.forEach((s, si) => s.values.forEach((v, i) => {
      if (v === null) return;
      const bar = svg('rect', { x: left, y: M.top + band * i + band * 0.1 + barSize * si, width: Math.max(0, len(v)), height: barSize });
      paint(bar, 'fill', seriesColor(si));
      tooltip(bar, `${m.categories[i]} — ${s.name}: ${v.toLocaleString('en-US')}`);
      root.append(bar);
    }));
    return;
  }
  const y = valueAxis(root, max, height, width);
  axis.append(svg('line', { x1: M.left, x2: M.left + width, y1: M.top + height, y2: M.top + height }));
  m.categories.forEach((c, i) => {
    const cx = M.left + band * i + band / 2;
    axis.append(svg('text', { x: cx, y: M.top + height + 12, 'text-anchor': 'end', transform: `rotate(-35 ${cx} ${M.top + height + 12})` }, short(c)));
  });
  root.append(axis);
  m.series.forEach((s, si) => s.values.forEach((v, i) => {
    if (v === null) return;
    const bar = svg('rect', { x: M.left + band * i + band * 0.1 + barSize * si, y: y(Math.max(0, v)), width: barSize, height: Math.max(0, y(0) - y(Math.max(0, v))) });
    paint(bar, 'fill', seriesColor(si));
    tooltip(bar, `${m.categories[i]} — ${s.name}: ${v.toLocaleString('en-US')}`);
    root.append(bar);
  }));
}

function pieChart(root: SVGSVGElement, m: Extract<ChartModel, { shape: 'pie' }>, width: number, height: number): void {
  const total = m.slices.reduce((n, s) => n + s.value, 0);
  const r = Math.min(width, height) / 2;
  const cx = M.left + width / 2;
  const cy = M.top + height / 2;
  let angle = -Math.PI / 2;
  m.slices.forEach((s, i) => {
    const sweep = total > 0 ? (s.value / total) * Math.PI * 2 : 0;
    const end = angle + sweep;
    const large = sweep > Math.PI ? 1 : 0;
    const p = (a: number) => `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy + r * Math.sin(a)).toFixed(2)}`;
    const d = m.slices.length === 1 ? `M ${cx - r} ${cy} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0` : `M ${cx} ${cy} L ${p(angle)} A ${r} ${r} 0 ${large} 1 ${p(end)} Z`;
    const slice = svg('path', { d });
    paint(slice, 'fill', seriesColor(i));
    tooltip(slice, `${s.label}: ${s.value.toLocaleString('en-US')} (${total ? Math.round((s.value / total) * 1000) / 10 : 0}%)`);
    root.append(slice);
    angle = end;
  });
}

/** The SVG of a chart `width` pixels wide. */
export function chartSvg(m: ChartModel, width: number, title: string): SVGSVGElement {
  const total = { width: Math.max(320, Math.round(width)), height: 330 };
  const root = svg('svg', { width: total.width, height: total.height, viewBox: `0 0 ${total.width} ${total.height}`, role: 'img', 'aria-label': title });
  const inner = { width: total.width - M.left - M.right, height: total.height - M.top - M.bottom };
  if (m.shape === 'xy') xyChart(root, m, inner.width, inner.height);
  else if (m.shape === 'categories') categoryChart(root, m, inner.width, inner.height);
  else if (m.shape === 'pie') pieChart(root, m, inner.width, inner.height);
  return root;
}
