// The timeline webview's controller: holds the view (window, grouping, lane scroll, selection),
// asks the host for windows of binned data as the view moves, draws frames, and turns pointer,
// wheel and keyboard input into view changes, selections and allowlisted host actions.
import {
  isTimelineHostMessage, parseTimelineViewState, type ShowTimelineArgs, type TimelineActionKind, type TimelineFocusView,
  type TimelineGroupBy, type TimelineHostMessage, type TimelineMarker, type TimelineSummary, type TimelineViewMessage,
  type TimelineViewState, type TimelineWindow, timelineDataKey, TIMELINE_LIMITS,
} from '../../src/protocol/timeline';
import { showDetails, showDetailsPlaceholder } from './detailsPanel';
import { formatDuration, formatTime } from './dom';
import {
  LAYOUT, laneAt, panView, plotWidth, setWindow, timeAt, visibleLanes, xOf, zoomView, type Size, type View,
} from './geometry';
import type { Elements } from './layout';
import { describeMarker, markersInView, renderMarkerList } from './markerList';
import { TimelineRenderer, type MarkerHit } from './renderer';
import { readPalette, type Palette } from './theme';

export interface HostApi {
  postMessage(message: TimelineViewMessage): void;
  getState(): unknown;
  setState(state: TimelineViewState): void;
}

type Drag =
  | { kind: 'pan'; x0: number; from0: number; to0: number; moved: boolean; pointer: number }
  | { kind: 'brush'; from: number; to: number; pointer: number };

export const FIRST_FRAME_MARK = 'exo-timeline:first-frame';

export class TimelineApp {
  private readonly view: View;
  private focusArgs: ShowTimelineArgs | null;
  /**
   * The data and focus the current window and selection belong to. An init for the same ones (the
   * dataset loaded again after a reload, or announced twice) keeps the view; anything else starts
   * afresh. `data` is null for a state saved before data keys existed: it matches any data.
   */
  private shown: { readonly data: string | null; readonly focus: string } | null;
  private summary: TimelineSummary | null = null;
  private focusView: TimelineFocusView | null = null;
  private data: TimelineWindow | null = null;
  /** The host's data changed (new findings): draw the old window until the new one arrives. */
  private dataStale = false;
  private palette: Palette;
  private size: Size = { width: 0, height: 0 };
  private readonly ctx: CanvasRenderingContext2D;
  private hits: MarkerHit[] = [];
  private readonly renderer = new TimelineRenderer();
  private dpr = 1;
  private requestSeq = 0;
  private inFlight: number | null = null;
  private drag: Drag | null = null;
  private hover: number | null = null;
  private frameScheduled = false;
  private firstFrameDone = false;
  private listTimer: ReturnType<typeof setTimeout> | undefined;
  private savedState = '';

  constructor(private readonly host: HostApi, private readonly els: Elements) {
    const saved = parseTimelineViewState(host.getState());
    this.view = {
      from: saved?.from ?? 0, to: saved?.to ?? 1, groupBy: saved?.groupBy ?? 'actor', laneOffset: saved?.laneOffset ?? 0,
      focusOnly: saved?.focusOnly ?? false, selected: saved?.selectedMarker ?? null,
    };
    this.focusArgs = saved?.focus ?? null;
    this.shown = saved !== null && saved.from !== null && saved.to !== null
      ? { data: saved.dataKey ?? null, focus: focusKey(saved.focus) } : null;
    const ctx = els.canvas.getContext('2d');
    if (!ctx) throw new Error('timeline: no 2d canvas');
    this.ctx = ctx;
    this.palette = readPalette();
    showDetailsPlaceholder(els.details, 'Select a marker (click it, or focus the timeline and use the arrow keys) to see its record, finding and story.');
    this.wire();
    this.resize();
    host.postMessage({ type: 'ready', state: saved });
  }

  // ---- messages from the host ----

  receive(message: unknown): void {
    if (!isTimelineHostMessage(message)) return;
    this.handle(message);
  }

  private handle(m: TimelineHostMessage): void {
    switch (m.type) {
      case 'init': return this.init(m.summary, m.focus, m.focusArgs, m.notice);
      case 'refresh':
        this.summary = m.summary;
        this.dataStale = true;
        this.inFlight = null;
        this.ensureData();
        if (this.view.selected !== null) this.host.postMessage({ type: 'selectMarker', markerId: this.view.selected });
        return;
      case 'window':
        if (m.window.requestId !== this.inFlight) return;
        this.inFlight = null;
        this.data = m.window;
        this.dataStale = false;
        this.ensureData();
        this.requestFrame();
        this.refreshListSoon(0);
        return;
      case 'details':
        if (m.details.markerId === this.view.selected) showDetails(this.els.details, m.details, (kind) => this.act(kind));
        return;
      case 'theme':
        this.palette = readPalette();
        this.requestFrame();
        return;
      case 'notice':
        this.els.notice.textContent = m.text;
        return;
    }
  }

  private init(summary: TimelineSummary | null, focus: TimelineFocusView | null, focusArgs: ShowTimelineArgs | null, notice: string): void {
    this.summary = summary;
    this.focusView = focus;
    this.focusArgs = focusArgs;
    this.data = null;
    this.inFlight = null;
    this.els.notice.textContent = notice;
    const empty = !summary || summary.from === null || summary.to === null;
    this.els.empty.hidden = !empty;
    this.els.focus.hidden = !focus;
    this.els.focusLabel.textContent = focus ? `Focused on ${focus.label}` : '';
    if (empty) {
      this.requestFrame();
      return;
    }
    const dataKey = timelineDataKey(summary);
    const shown = this.shown;
    this.shown = { data: dataKey, focus: focusKey(focusArgs) };
    if (shown !== null && (shown.data === null || shown.data === dataKey) && shown.focus === this.shown.focus) {
      if (this.view.selected !== null) this.host.postMessage({ type: 'selectMarker', markerId: this.view.selected });
    } else {
      this.view.selected = null;
      this.view.laneOffset = 0;
      showDetailsPlaceholder(this.els.details, 'Select a marker to see its record, finding and story.');
      if (focus) {
        setWindow(this.view, focus.from, focus.to);
        this.view.groupBy = focus.groupBy;
        this.view.focusOnly = true;
      } else {
        this.fitAll();
        this.view.focusOnly = false;
      }
    }
    this.els.groupBy.value = this.view.groupBy;
    this.els.focusOnly.checked = this.view.focusOnly;
    this.ensureData();
    this.requestFrame();
  }

  private fitAll(): void {
    const s = this.summary;
    if (!s || s.from === null || s.to === null) return;
    const pad = Math.max(60_000, (s.to - s.from) * 0.02);
    setWindow(this.view, s.from - pad, s.to + pad);
  }

  // ---- data requests: only the window in view (plus a margin) at screen resolution ----

  private covered(): boolean {
    const d = this.data;
    const v = this.view;
    if (!d || this.dataStale || d.groupBy !== v.groupBy || d.focusOnly !== v.focusOnly) return false;
    if (d.from > v.from || d.to < v.to) return false;
    const msPerPx = (v.to - v.from) / plotWidth(this.size);
    if (d.bucketMs > msPerPx * 1.5 || d.bucketMs < msPerPx / 3) return false;
    const wanted = Math.min(d.totalLanes, v.laneOffset + visibleLanes(this.size));
    return d.laneOffset <= v.laneOffset && d.laneOffset + d.lanes.length >= wanted;
  }

  private ensureData(): void {
    if (!this.summary || this.summary.from === null || this.inFlight !== null || this.covered()) return;
    const v = this.view;
    const span = v.to - v.from;
    const lanes = visibleLanes(this.size);
    const from = Math.max(0, v.from - span);
    const to = Math.min(TIMELINE_LIMITS.maxTime, v.to + span);
    const buckets = Math.max(1, Math.min(TIMELINE_LIMITS.maxBuckets, Math.round(((to - from) / span) * plotWidth(this.size))));
    this.inFlight = ++this.requestSeq;
    this.host.postMessage({
      type: 'requestWindow', requestId: this.inFlight, from, to, buckets, groupBy: v.groupBy,
      lanes: { offset: Math.max(0, v.laneOffset - lanes), limit: Math.min(TIMELINE_LIMITS.maxLanes, lanes * 3) },
      focusOnly: v.focusOnly && this.focusView !== null,
    });
  }

  // ---- drawing ----

  private requestFrame(): void {
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    requestAnimationFrame(() => this.frame());
  }

  private frame(): void {
    this.frameScheduled = false;
    const brush = this.drag?.kind === 'brush' ? { from: this.drag.from, to: this.drag.to } : null;
    this.hits = this.renderer.draw({ ctx: this.ctx, dpr: this.dpr }, { view: this.view, size: this.size, data: this.data, palette: this.palette, brush, hover: this.hover });
    if (this.data && !this.firstFrameDone) {
      this.firstFrameDone = true;
      performance.mark(FIRST_FRAME_MARK);
    }
    this.updateRange();
    this.saveState();
  }

  private updateRange(): void {
    const v = this.view;
    const total = this.data?.totalLanes ?? 0;
    const last = Math.min(total, v.laneOffset + visibleLanes(this.size));
    const lanes = total ? ` · lanes ${v.laneOffset + 1}–${last} of ${total}` : '';
    const text = `${formatTime(v.from)} – ${formatTime(v.to)} UTC (${formatDuration(v.to - v.from)})${lanes}`;
    if (this.els.range.textContent !== text) this.els.range.textContent = text;
  }

  private saveState(): void {
    const v = this.view;
    const state: TimelineViewState = {
      version: 1, from: this.shown ? v.from : null, to: this.shown ? v.to : null, groupBy: v.groupBy,
      laneOffset: v.laneOffset, focusOnly: v.focusOnly, selectedMarker: v.selected, focus: this.focusArgs,
      ...(this.shown?.data ? { dataKey: this.shown.data } : {}),
    };
    const json = JSON.stringify(state);
    if (json === this.savedState) return;
    this.savedState = json;
    this.host.setState(state);
  }

  private resize(): void {
    const rect = this.els.chart.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    this.size = { width: Math.max(50, Math.floor(rect.width)), height: Math.max(50, Math.floor(rect.height)) };
    this.els.canvas.width = Math.round(this.size.width * dpr);
    this.els.canvas.height = Math.round(this.size.height * dpr);
    this.els.canvas.style.width = `${this.size.width}px`;
    this.els.canvas.style.height = `${this.size.height}px`;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.ensureData();
    this.requestFrame();
  }

  // ---- view changes ----

  private changed(): void {
    this.ensureData();
    this.requestFrame();
    this.refreshListSoon();
  }

  private zoom(factor: number, anchor = (this.view.from + this.view.to) / 2): void {
    zoomView(this.view, factor, anchor);
    this.changed();
  }

  private scrollLanes(delta: number): void {
    const total = this.data?.totalLanes ?? 0;
    const next = Math.max(0, Math.min(Math.max(0, total - 1), this.view.laneOffset + delta));
    if (next === this.view.laneOffset) return;
    this.view.laneOffset = next;
    this.changed();
  }

  private laneLabel(lane: number): string {
    return this.data?.lanes.find((l) => l.index === lane)?.label ?? `lane ${lane + 1}`;
  }

  private refreshListSoon(delayMs = 150): void {
    clearTimeout(this.listTimer);
    this.listTimer = setTimeout(() => this.refreshList(), delayMs);
  }

  private refreshList(): void {
    const markers = this.data ? markersInView(this.data, this.view, visibleLanes(this.size)) : [];
    renderMarkerList(this.els.markerList, this.els.markerHeading, markers, (l) => this.laneLabel(l), this.view.selected, (m) => this.choose(m, true));
  }

  /** Selects a marker (a cluster zooms in on itself instead) and asks for its details. */
  private choose(m: TimelineMarker, fromList = false): void {
    if (m.count > 1) {
      this.view.selected = null;
      this.zoom(0.2, m.time);
      return;
    }
    this.view.selected = m.id;
    this.els.announce.textContent = describeMarker(m, this.laneLabel(m.lane));
    showDetailsPlaceholder(this.els.details, 'Loading details…');
    this.host.postMessage({ type: 'selectMarker', markerId: m.id });
    this.requestFrame();
    this.refreshListSoon(fromList ? 0 : 150);
  }

  private act(kind: TimelineActionKind): void {
    if (this.view.selected === null) return;
    this.host.postMessage({ type: 'action', kind, markerId: this.view.selected });
  }

  private hitAt(x: number, y: number): MarkerHit | undefined {
    let best: MarkerHit | undefined;
    let bestD = Infinity;
    for (const h of this.hits) {
      const d = Math.hypot(h.x - x, h.y - y);
      if (d <= h.r && d < bestD) {
        best = h;
        bestD = d;
      }
    }
    return best;
  }

  // ---- keyboard: markers in (time, lane) order ----

  private navigable(): TimelineMarker[] {
    if (!this.data) return [];
    const last = this.view.laneOffset + visibleLanes(this.size);
    return this.data.markers.filter((m) => m.lane >= this.view.laneOffset && m.lane < last).sort((a, b) => a.time - b.time || a.lane - b.lane);
  }

  private selectedMarker(): TimelineMarker | undefined {
    return this.data?.markers.find((m) => m.id === this.view.selected);
  }

  /** The selected marker's time when it is on screen: zooming keeps it there. */
  private selectedTimeInView(): number | undefined {
    const t = this.selectedMarker()?.time;
    return t !== undefined && t >= this.view.from && t <= this.view.to ? t : undefined;
  }

  private keepInView(m: TimelineMarker): void {
    const v = this.view;
    if (m.time < v.from || m.time > v.to) panView(v, m.time - (v.from + v.to) / 2);
    const lanes = visibleLanes(this.size);
    if (m.lane < v.laneOffset) v.laneOffset = m.lane;
    else if (m.lane >= v.laneOffset + lanes) v.laneOffset = m.lane - lanes + 1;
  }

  private step(direction: 1 | -1): void {
    const list = this.navigable();
    if (list.length === 0) return;
    const current = this.selectedMarker();
    let next: TimelineMarker | undefined;
    if (!current) next = direction > 0 ? list.find((m) => m.time >= this.view.from) ?? list[0] : [...list].reverse().find((m) => m.time <= this.view.to) ?? list[list.length - 1];
    else {
      const i = list.findIndex((m) => m.id === current.id);
      next = list[Math.max(0, Math.min(list.length - 1, i + direction))];
    }
    if (next) this.moveTo(next);
  }

  private stepLane(direction: 1 | -1): void {
    const current = this.selectedMarker();
    if (!current || !this.data) {
      this.scrollLanes(direction);
      return;
    }
    const lanes = [...new Set(this.data.markers.map((m) => m.lane))].sort((a, b) => a - b);
    const lane = direction > 0 ? lanes.find((l) => l > current.lane) : [...lanes].reverse().find((l) => l < current.lane);
    if (lane === undefined) return;
    const candidates = this.data.markers.filter((m) => m.lane === lane);
    const next = candidates.reduce((a, b) => (Math.abs(b.time - current.time) < Math.abs(a.time - current.time) ? b : a));
    this.moveTo(next);
  }

  private moveTo(m: TimelineMarker): void {
    this.keepInView(m);
    this.view.selected = m.count > 1 ? null : m.id;
    this.els.announce.textContent = describeMarker(m, this.laneLabel(m.lane));
    this.changed();
  }

  private onKey(e: KeyboardEvent): void {
    const v = this.view;
    const span = v.to - v.from;
    let handled = true;
    switch (e.key) {
      case 'ArrowRight':
        if (e.shiftKey) { panView(v, span * 0.1); this.changed(); } else this.step(1);
        break;
      case 'ArrowLeft':
        if (e.shiftKey) { panView(v, -span * 0.1); this.changed(); } else this.step(-1);
        break;
      case 'ArrowDown':
        if (e.shiftKey) this.scrollLanes(1); else this.stepLane(1);
        break;
      case 'ArrowUp':
        if (e.shiftKey) this.scrollLanes(-1); else this.stepLane(-1);
        break;
      case 'PageDown': this.scrollLanes(visibleLanes(this.size)); break;
      case 'PageUp': this.scrollLanes(-visibleLanes(this.size)); break;
      case 'Home': { const l = this.navigable(); if (l[0]) this.moveTo(l[0]); break; }
      case 'End': { const l = this.navigable(); if (l.length) this.moveTo(l[l.length - 1]!); break; }
      case '+': case '=': this.zoom(0.5, this.selectedTimeInView()); break;
      case '-': case '_': this.zoom(2, this.selectedTimeInView()); break;
      case '0': this.fitOrFocus(); break;
      case 'Enter': case ' ': {
        const m = this.selectedMarker();
        if (m) this.choose(m);
        else this.step(1);
        break;
      }
      case 'Escape':
        v.selected = null;
        this.requestFrame();
        this.refreshListSoon(0);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  private fitOrFocus(): void {
    if (this.focusView && this.view.focusOnly) setWindow(this.view, this.focusView.from, this.focusView.to);
    else this.fitAll();
    this.changed();
  }

  // ---- pointer and wheel ----

  private local(e: PointerEvent | WheelEvent | MouseEvent): { x: number; y: number } {
    const r = this.els.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const { x } = this.local(e);
    if (x < LAYOUT.labelWidth) return;
    try {
      this.els.canvas.setPointerCapture(e.pointerId);
    } catch {
      // a pointer that is no longer active: the drag still works while it stays over the canvas
    }
    this.drag = e.shiftKey
      ? { kind: 'brush', from: timeAt(this.view, this.size, x), to: timeAt(this.view, this.size, x), pointer: e.pointerId }
      : { kind: 'pan', x0: x, from0: this.view.from, to0: this.view.to, moved: false, pointer: e.pointerId };
  }

  private onPointerMove(e: PointerEvent): void {
    const { x, y } = this.local(e);
    const d = this.drag;
    if (d?.kind === 'pan') {
      const dx = x - d.x0;
      if (Math.abs(dx) > 3) d.moved = true;
      const msPerPx = (d.to0 - d.from0) / plotWidth(this.size);
      this.view.from = d.from0 - dx * msPerPx;
      this.view.to = d.to0 - dx * msPerPx;
      panView(this.view, 0);
      this.ensureData();
      this.requestFrame();
      return;
    }
    if (d?.kind === 'brush') {
      d.to = timeAt(this.view, this.size, x);
      this.requestFrame();
      return;
    }
    const hit = this.hitAt(x, y);
    const id = hit?.marker.id ?? null;
    if (id !== this.hover) {
      this.hover = id;
      this.requestFrame();
    }
    this.els.canvas.style.cursor = hit ? 'pointer' : 'grab';
    if (hit) {
      this.els.tooltip.textContent = describeMarker(hit.marker, this.laneLabel(hit.marker.lane));
      this.els.tooltip.hidden = false;
      this.els.tooltip.style.left = `${Math.min(x + 12, this.size.width - 260)}px`;
      this.els.tooltip.style.top = `${y + 14}px`;
    } else this.els.tooltip.hidden = true;
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = null;
    if (!d || d.pointer !== e.pointerId) return;
    const { x, y } = this.local(e);
    if (d.kind === 'brush') {
      const a = Math.min(d.from, d.to);
      const b = Math.max(d.from, d.to);
      if (Math.abs(xOf(this.view, this.size, b) - xOf(this.view, this.size, a)) > 4) setWindow(this.view, a, b);
      this.changed();
      return;
    }
    if (!d.moved) {
      const hit = this.hitAt(x, y);
      if (hit) this.choose(hit.marker);
      else if (laneAt(this.view, y) >= 0) {
        this.view.selected = null;
        this.requestFrame();
      }
    }
    this.refreshListSoon();
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    if (e.shiftKey) {
      this.scrollLanes(Math.sign(e.deltaY || e.deltaX));
      return;
    }
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      panView(this.view, (e.deltaX * (this.view.to - this.view.from)) / plotWidth(this.size));
      this.changed();
      return;
    }
    const { x } = this.local(e);
    const anchor = x >= LAYOUT.labelWidth ? timeAt(this.view, this.size, x) : (this.view.from + this.view.to) / 2;
    this.zoom(Math.exp(e.deltaY * 0.0015), anchor);
  }

  private setGroupBy(groupBy: TimelineGroupBy): void {
    this.view.groupBy = groupBy;
    this.view.laneOffset = 0;
    this.view.selected = null;
    this.changed();
  }

  private wire(): void {
    const { els } = this;
    els.canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    els.canvas.addEventListener('pointermove', (e) => this.onPointerMove(e));
    els.canvas.addEventListener('pointerup', (e) => this.onPointerUp(e));
    els.canvas.addEventListener('pointercancel', () => { this.drag = null; this.requestFrame(); });
    els.canvas.addEventListener('pointerleave', () => { els.tooltip.hidden = true; });
    els.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    els.canvas.addEventListener('keydown', (e) => this.onKey(e));
    els.groupBy.addEventListener('change', () => this.setGroupBy(els.groupBy.value as TimelineGroupBy));
    els.zoomIn.addEventListener('click', () => this.zoom(0.5, this.selectedTimeInView()));
    els.zoomOut.addEventListener('click', () => this.zoom(2, this.selectedTimeInView()));
    els.fit.addEventListener('click', () => this.fitOrFocus());
    els.focusOnly.addEventListener('change', () => {
      this.view.focusOnly = els.focusOnly.checked;
      this.view.laneOffset = 0;
      this.changed();
    });
    els.openDataset.addEventListener('click', () => this.host.postMessage({ type: 'openDataset' }));
    new ResizeObserver(() => this.resize()).observe(els.chart);
    // A move to a screen with another pixel density (or a zoom) changes devicePixelRatio: redraw sharp.
    const watchPixelRatio = () => {
      matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener('change', () => {
        this.resize();
        watchPixelRatio();
      }, { once: true });
    };
    watchPixelRatio();
    // The theme: VS Code swaps the body class and the --vscode-* variables; re-read the colours.
    new MutationObserver(() => {
      this.palette = readPalette();
      this.requestFrame();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
  }
}

/** The focus arguments as text that does not depend on the order their keys were written in. */
function focusKey(args: ShowTimelineArgs | null): string {
  return args === null ? 'null' : JSON.stringify(args, Object.keys(args).sort());
}
