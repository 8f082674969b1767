// Where things are on the canvas (CSS pixels) and the visible window; pure arithmetic.
import type { TimelineGroupBy } from '../../src/protocol/timeline';

export const LAYOUT = {
  labelWidth: 200,
  axisHeight: 28,
  laneHeight: 32,
  rightPad: 10,
  minSpanMs: 60_000,
  maxSpanMs: 10 * 365 * 86_400_000,
} as const;

export interface View {
  from: number;
  to: number;
  groupBy: TimelineGroupBy;
  laneOffset: number;
  focusOnly: boolean;
  selected: number | null;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export function plotWidth(size: Size): number {
  return Math.max(10, size.width - LAYOUT.labelWidth - LAYOUT.rightPad);
}

export function visibleLanes(size: Size): number {
  return Math.max(1, Math.floor((size.height - LAYOUT.axisHeight) / LAYOUT.laneHeight));
}

export function xOf(view: View, size: Size, t: number): number {
  return LAYOUT.labelWidth + ((t - view.from) / (view.to - view.from)) * plotWidth(size);
}

export function timeAt(view: View, size: Size, x: number): number {
  return view.from + ((x - LAYOUT.labelWidth) / plotWidth(size)) * (view.to - view.from);
}

export function laneTop(view: View, laneIndex: number): number {
  return LAYOUT.axisHeight + (laneIndex - view.laneOffset) * LAYOUT.laneHeight;
}

/** The lane position under y (may be past the last lane). */
export function laneAt(view: View, y: number): number {
  return view.laneOffset + Math.floor((y - LAYOUT.axisHeight) / LAYOUT.laneHeight);
}

/** Zooms by `factor` (< 1 zooms in) keeping `anchor` where it is on screen. */
export function zoomView(view: View, factor: number, anchor: number): void {
  const span = view.to - view.from;
  const next = Math.min(LAYOUT.maxSpanMs, Math.max(LAYOUT.minSpanMs, span * factor));
  const ratio = (anchor - view.from) / span;
  view.from = anchor - ratio * next;
  view.to = view.from + next;
  clampStart(view);
}

export function panView(view: View, deltaMs: number): void {
  view.from += deltaMs;
  view.to += deltaMs;
  clampStart(view);
}

export function setWindow(view: View, from: number, to: number): void {
  const span = Math.min(LAYOUT.maxSpanMs, Math.max(LAYOUT.minSpanMs, to - from));
  const mid = (from + to) / 2;
  view.from = mid - span / 2;
  view.to = mid + span / 2;
  clampStart(view);
}

function clampStart(view: View): void {
  if (view.from < 0) {
    view.to -= view.from;
    view.from = 0;
  }
}
