// Draws one frame of the timeline on a canvas (CSS-pixel coordinates; the caller scales for
// devicePixelRatio). Everything drawn comes from the last window the host sent: at most a few
// thousand bins and markers, never raw rows. Returns where the markers are, for hit testing.
import type { TimelineMarker, TimelineMarkerKind, TimelineWindow } from '../../src/protocol/timeline';
import { LAYOUT, laneTop, plotWidth, xOf, type Size, type View } from './geometry';
import type { Palette } from './theme';
import { ticks } from './timeAxis';

export interface Scene {
  readonly view: View;
  readonly size: Size;
  readonly data: TimelineWindow | null;
  readonly palette: Palette;
  readonly brush: { readonly from: number; readonly to: number } | null;
  readonly hover: number | null;
}

export interface MarkerHit {
  readonly marker: TimelineMarker;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

/** One frame's drawing surfaces: the screen canvas and the device pixel ratio it is scaled by. */
export interface Surface {
  readonly ctx: CanvasRenderingContext2D;
  readonly dpr: number;
}

interface Layer {
  readonly key: string;
  readonly canvas: HTMLCanvasElement;
  /** Time at the layer's plot x = 0 and its scale. */
  readonly from: number;
  readonly msPerPx: number;
  readonly hits: readonly MarkerHit[];
}

/** Wider than this (CSS px) the data is drawn straight to the screen instead of into a layer. */
const MAX_LAYER_WIDTH = 12_000;

/**
 * Draws frames. The data (bursts, density, findings, stories, markers) is drawn once per window,
 * zoom and lane scroll into an off-screen layer spanning the whole window the host sent; panning
 * then only copies the layer at an offset, so a frame costs the same whatever the data holds.
 */
export class TimelineRenderer {
  private layer: Layer | undefined;
  private readonly layerCanvas = document.createElement('canvas');

  draw(surface: Surface, scene: Scene): MarkerHit[] {
    const { ctx } = surface;
    const { size, palette } = scene;
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.font = palette.font;
    ctx.textBaseline = 'middle';
    drawLaneStripes(ctx, scene);
    drawGrid(ctx, scene);
    let hits: MarkerHit[] = [];
    if (scene.data) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(LAYOUT.labelWidth, LAYOUT.axisHeight, plotWidth(size), size.height - LAYOUT.axisHeight);
      ctx.clip();
      hits = this.drawData(surface, scene, scene.data);
      drawMarkerStates(ctx, scene, hits);
      drawBrush(ctx, scene);
      ctx.restore();
    }
    drawLaneLabels(ctx, scene);
    drawAxis(ctx, scene);
    return hits;
  }

  private drawData(surface: Surface, scene: Scene, data: TimelineWindow): MarkerHit[] {
    const { view, size } = scene;
    const msPerPx = (view.to - view.from) / plotWidth(size);
    const layerPlot = (data.to - data.from) / msPerPx;
    if (layerPlot > MAX_LAYER_WIDTH) {
      const hits: MarkerHit[] = [];
      drawDataOn(surface.ctx, scene, data, hits);
      return hits;
    }
    const layer = this.layerFor(surface, scene, data, msPerPx, layerPlot);
    const offset = (layer.from - view.from) / msPerPx;
    surface.ctx.drawImage(layer.canvas, 0, 0, layer.canvas.width, layer.canvas.height, offset, 0, layer.canvas.width / surface.dpr, layer.canvas.height / surface.dpr);
    return layer.hits.map((h) => ({ ...h, x: h.x + offset }));
  }

  private layerFor(surface: Surface, scene: Scene, data: TimelineWindow, msPerPx: number, layerPlot: number): Layer {
    const { view, size, palette } = scene;
    const key = [data.requestId, msPerPx.toPrecision(12), view.laneOffset, size.height, surface.dpr, palette.key].join('|');
    if (this.layer?.key === key) return this.layer;
    // The layer is a wide screen whose visible window is the whole data window, at the screen's scale.
    const layerSize = { width: LAYOUT.labelWidth + layerPlot + LAYOUT.rightPad, height: size.height };
    const layerView = { ...view, from: data.from, to: data.from + layerPlot * msPerPx };
    const canvas = this.layerCanvas;
    canvas.width = Math.ceil((layerSize.width + 2) * surface.dpr);
    canvas.height = Math.ceil(size.height * surface.dpr);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(surface.dpr, 0, 0, surface.dpr, 0, 0);
    ctx.clearRect(0, 0, layerSize.width + 2, size.height);
    ctx.font = palette.font;
    ctx.textBaseline = 'middle';
    const hits: MarkerHit[] = [];
    drawDataOn(ctx, { ...scene, view: layerView, size: layerSize, brush: null, hover: null }, data, hits);
    this.layer = { key, canvas, from: data.from, msPerPx, hits };
    return this.layer;
  }
}

function drawDataOn(ctx: CanvasRenderingContext2D, scene: Scene, data: TimelineWindow, hits: MarkerHit[]): void {
  drawBursts(ctx, scene, data);
  drawDensity(ctx, scene, data);
  drawFindings(ctx, scene, data);
  drawStories(ctx, scene, data);
  drawMarkers(ctx, scene, data, hits);
}

function laneRows(scene: Scene): { index: number; top: number }[] {
  const rows: { index: number; top: number }[] = [];
  const total = scene.data?.totalLanes ?? 0;
  for (let i = scene.view.laneOffset; i < total; i++) {
    const top = laneTop(scene.view, i);
    if (top >= scene.size.height) break;
    rows.push({ index: i, top });
  }
  return rows;
}

function ellipsize(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

function drawLaneStripes(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { palette, size } = scene;
  for (const { index, top } of laneRows(scene)) {
    if (index % 2 === 1) {
      ctx.fillStyle = palette.stripe;
      ctx.fillRect(0, top, size.width, LAYOUT.laneHeight);
    }
    if (palette.highContrast) {
      ctx.strokeStyle = palette.contrastBorder ?? palette.grid;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(0, top + LAYOUT.laneHeight - 0.5);
      ctx.lineTo(size.width, top + LAYOUT.laneHeight - 0.5);
      ctx.stroke();
    }
  }
}

function drawLaneLabels(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { palette, size } = scene;
  const byIndex = new Map((scene.data?.lanes ?? []).map((l) => [l.index, l]));
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, LAYOUT.axisHeight, LAYOUT.labelWidth, size.height - LAYOUT.axisHeight);
  ctx.clip();
  for (const { index, top } of laneRows(scene)) {
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, top, LAYOUT.labelWidth, LAYOUT.laneHeight);
    if (index % 2 === 1) {
      ctx.fillStyle = palette.stripe;
      ctx.fillRect(0, top, LAYOUT.labelWidth, LAYOUT.laneHeight);
    }
    const lane = byIndex.get(index);
    if (lane?.focused) {
      ctx.fillStyle = palette.focusBorder;
      ctx.fillRect(0, top + 2, 3, LAYOUT.laneHeight - 4);
    }
    let x = 8;
    if (lane?.maxSeverity) {
      ctx.fillStyle = palette.severities[lane.maxSeverity];
      ctx.beginPath();
      ctx.arc(x + 4, top + LAYOUT.laneHeight / 2, 4, 0, Math.PI * 2);
      ctx.fill();
      x += 12;
    }
    ctx.fillStyle = lane ? palette.foreground : palette.muted;
    ctx.fillText(ellipsize(ctx, lane?.label ?? '…', LAYOUT.labelWidth - x - 6), x, top + LAYOUT.laneHeight / 2);
  }
  ctx.restore();
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(LAYOUT.labelWidth - 0.5, 0);
  ctx.lineTo(LAYOUT.labelWidth - 0.5, size.height);
  ctx.stroke();
}

/** Tick lines through the plot, under the data. */
function drawGrid(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view, size, palette } = scene;
  ctx.strokeStyle = palette.grid;
  for (const tick of ticks(view.from, view.to, plotWidth(size))) {
    const x = Math.round(xOf(view, size, tick.time)) + 0.5;
    ctx.globalAlpha = tick.major ? 0.6 : 0.25;
    ctx.beginPath();
    ctx.moveTo(x, LAYOUT.axisHeight);
    ctx.lineTo(x, size.height);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** The time axis header with its tick labels, over everything. */
function drawAxis(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { view, size, palette } = scene;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, size.width, LAYOUT.axisHeight);
  ctx.save();
  ctx.beginPath();
  ctx.rect(LAYOUT.labelWidth, 0, size.width - LAYOUT.labelWidth, LAYOUT.axisHeight);
  ctx.clip();
  for (const tick of ticks(view.from, view.to, plotWidth(size))) {
    const x = Math.round(xOf(view, size, tick.time)) + 0.5;
    ctx.strokeStyle = palette.grid;
    ctx.beginPath();
    ctx.moveTo(x, LAYOUT.axisHeight - 6);
    ctx.lineTo(x, LAYOUT.axisHeight);
    ctx.stroke();
    ctx.fillStyle = tick.major ? palette.foreground : palette.muted;
    ctx.fillText(tick.label, x + 3, LAYOUT.axisHeight / 2);
  }
  ctx.restore();
  ctx.strokeStyle = palette.grid;
  ctx.beginPath();
  ctx.moveTo(0, LAYOUT.axisHeight - 0.5);
  ctx.lineTo(size.width, LAYOUT.axisHeight - 0.5);
  ctx.stroke();
}

function visibleLane(scene: Scene, lane: number): number | null {
  const top = laneTop(scene.view, lane);
  return lane >= scene.view.laneOffset && top < scene.size.height ? top : null;
}

function drawBursts(ctx: CanvasRenderingContext2D, scene: Scene, data: TimelineWindow): void {
  const { view, size, palette } = scene;
  for (const b of data.bursts) {
    const top = visibleLane(scene, b.lane);
    if (top === null) continue;
    const x0 = xOf(view, size, b.from);
    const x1 = Math.max(x0 + 3, xOf(view, size, b.to));
    ctx.globalAlpha = 0.18;
    ctx.fillStyle = b.throttled ? palette.throttled : palette.burst;
    ctx.fillRect(x0, top + 2, x1 - x0, LAYOUT.laneHeight - 4);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = b.throttled ? palette.throttled : palette.burst;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(b.throttled ? [] : [3, 2]);
    ctx.strokeRect(x0 + 0.5, top + 2.5, x1 - x0 - 1, LAYOUT.laneHeight - 5);
    ctx.setLineDash([]);
  }
}

function drawDensity(ctx: CanvasRenderingContext2D, scene: Scene, data: TimelineWindow): void {
  const { view, size, palette } = scene;
  const max = Math.max(1, data.maxDensity);
  const pxPerBucket = (data.bucketMs / (view.to - view.from)) * plotWidth(size);
  const width = Math.max(1, pxPerBucket);
  const left = LAYOUT.labelWidth;
  const right = size.width;
  const full = LAYOUT.laneHeight - 8;
  for (const row of data.density) {
    const top = visibleLane(scene, row.lane);
    if (top === null) continue;
    const base = top + LAYOUT.laneHeight - 3;
    const bins = row.bins;
    const throttled: number[] = [];
    ctx.fillStyle = palette.density;
    ctx.globalAlpha = palette.highContrast ? 1 : 0.75;
    ctx.beginPath();
    let lastPx = -1;
    let lastH = 0;
    for (let k = 0; k < bins.length; k += 3) {
      const x = xOf(view, size, data.from + bins[k]! * data.bucketMs);
      if (x + width < left) continue;
      if (x > right) break;
      const h = Math.max(1.5, Math.sqrt(bins[k + 1]! / max) * full);
      const px = Math.floor(x);
      // Several buckets in one pixel column: draw the tallest once.
      if (px === lastPx && h <= lastH) continue;
      lastPx = px;
      lastH = h;
      ctx.rect(x, base - h, width, h);
      if (bins[k + 2]! > 0) throttled.push(x, base - h, Math.max(2, h * (bins[k + 2]! / bins[k + 1]!)));
    }
    ctx.fill();
    ctx.globalAlpha = 1;
    if (throttled.length) {
      ctx.fillStyle = palette.throttled;
      ctx.beginPath();
      for (let k = 0; k < throttled.length; k += 3) ctx.rect(throttled[k]!, throttled[k + 1]!, Math.max(2, width), throttled[k + 2]!);
      ctx.fill();
    }
  }
}

function drawFindings(ctx: CanvasRenderingContext2D, scene: Scene, data: TimelineWindow): void {
  const { view, size, palette } = scene;
  for (const f of data.findings) {
    const x0 = xOf(view, size, f.from);
    const x1 = Math.max(x0 + 4, xOf(view, size, f.to));
    ctx.fillStyle = palette.severities[f.severity];
    for (const lane of f.lanes) {
      const top = visibleLane(scene, lane);
      if (top === null) continue;
      const h = f.highlighted ? 4 : 2.5;
      ctx.fillRect(x0, top + LAYOUT.laneHeight - h - 0.5, x1 - x0, h);
    }
  }
}

function drawStories(ctx: CanvasRenderingContext2D, scene: Scene, data: TimelineWindow): void {
  const { view, size, palette } = scene;
  for (const s of data.stories) {
    const pts = s.points
      .map((p) => ({ x: xOf(view, size, p.time), top: visibleLane(scene, p.lane) }))
      .filter((p): p is { x: number; top: number } => p.top !== null)
      .map((p) => ({ x: p.x, y: p.top + LAYOUT.laneHeight / 2 }));
    if (pts.length === 0) continue;
    ctx.strokeStyle = palette.severities[s.severity];
    ctx.lineWidth = s.highlighted ? 3 : 1.5;
    ctx.setLineDash(s.highlighted ? [] : [5, 3]);
    ctx.beginPath();
    pts.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.stroke();
    ctx.setLineDash([]);
    for (const p of pts) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 8, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.fillStyle = palette.severities[s.severity];
    ctx.fillText(`Story: ${s.title}`, pts[0]!.x + 10, pts[0]!.y - 10);
  }
}

function shapePath(ctx: CanvasRenderingContext2D, kind: TimelineMarkerKind, x: number, y: number, r: number): void {
  ctx.beginPath();
  switch (kind) {
    case 'delegation':
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
      break;
    case 'appRole':
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath();
      break;
    case 'rbac':
      ctx.moveTo(x, y + r); ctx.lineTo(x + r, y - r * 0.8); ctx.lineTo(x - r, y - r * 0.8); ctx.closePath();
      break;
    case 'appCredential':
      ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      break;
    case 'auditTampering': {
      const w = r * 0.45;
      ctx.moveTo(x - r, y - r + w); ctx.lineTo(x - r + w, y - r); ctx.lineTo(x, y - w); ctx.lineTo(x + r - w, y - r); ctx.lineTo(x + r, y - r + w);
      ctx.lineTo(x + w, y); ctx.lineTo(x + r, y + r - w); ctx.lineTo(x + r - w, y + r); ctx.lineTo(x, y + w); ctx.lineTo(x - r + w, y + r);
      ctx.lineTo(x - r, y + r - w); ctx.lineTo(x - w, y); ctx.closePath();
      break;
    }
    case 'ediscovery':
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 === 0 ? r * 1.1 : r * 0.5;
        if (i === 0) ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        else ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      ctx.closePath();
      break;
    case 'inboxRule':
      for (let i = 0; i < 6; i++) {
        const a = (i * Math.PI) / 3;
        if (i === 0) ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
        else ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
      break;
    default:
      ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}

function drawMarkers(ctx: CanvasRenderingContext2D, scene: Scene, data: TimelineWindow, hits: MarkerHit[]): void {
  const { view, size, palette } = scene;
  for (const m of data.markers) {
    const top = visibleLane(scene, m.lane);
    if (top === null) continue;
    const x = xOf(view, size, m.time);
    if (x < LAYOUT.labelWidth - 20 || x > size.width + 20) continue;
    const y = top + LAYOUT.laneHeight / 2;
    const base = m.kind === 'signIn' ? 3.5 : 6;
    const r = m.count > 1 ? base + Math.min(5, Math.log2(m.count)) : base;
    const color = m.kind === 'signIn' && m.failed ? palette.throttled : palette.kinds[m.kind];
    if (m.highlighted) {
      ctx.fillStyle = palette.selection;
      ctx.beginPath();
      ctx.arc(x, y, r + 6, 0, Math.PI * 2);
      ctx.fill();
    }
    shapePath(ctx, m.kind, x, y, r);
    if (m.kind === 'signIn' && m.failed) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = palette.contrastBorder ?? palette.background;
      ctx.lineWidth = palette.highContrast ? 1.5 : 1;
      ctx.stroke();
    }
    if (m.severity) {
      ctx.strokeStyle = palette.severities[m.severity];
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, r + 3, 0, Math.PI * 2);
      ctx.stroke();
    }
    if (m.count > 1) {
      ctx.fillStyle = palette.foreground;
      ctx.fillText(String(m.count), x + r + 3, y - r);
    }
    hits.push({ marker: m, x, y, r: Math.max(r, 6) + 2 });
  }
}

/** Selection and hover rings: drawn every frame over the (cached) markers. */
function drawMarkerStates(ctx: CanvasRenderingContext2D, scene: Scene, hits: readonly MarkerHit[]): void {
  const { view, palette } = scene;
  for (const h of hits) {
    if (h.marker.id === view.selected && h.marker.count === 1) {
      ctx.strokeStyle = palette.focusBorder;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(h.x, h.y, h.r + 4, 0, Math.PI * 2);
      ctx.stroke();
    } else if (h.marker.id === scene.hover) {
      ctx.strokeStyle = palette.foreground;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.arc(h.x, h.y, h.r + 3, 0, Math.PI * 2);
      ctx.stroke();
    }
  }
}

function drawBrush(ctx: CanvasRenderingContext2D, scene: Scene): void {
  if (!scene.brush) return;
  const { view, size, palette } = scene;
  const x0 = xOf(view, size, Math.min(scene.brush.from, scene.brush.to));
  const x1 = xOf(view, size, Math.max(scene.brush.from, scene.brush.to));
  ctx.fillStyle = palette.selection;
  ctx.globalAlpha = 0.5;
  ctx.fillRect(x0, LAYOUT.axisHeight, x1 - x0, size.height - LAYOUT.axisHeight);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.focusBorder;
  ctx.strokeRect(x0 + 0.5, LAYOUT.axisHeight + 0.5, x1 - x0 - 1, size.height - LAYOUT.axisHeight - 1);
}
