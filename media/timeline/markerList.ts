// An accessible list of the markers in view, alongside the canvas: screen readers, keyboard users
// and tests reach every marker here. Rebuilt when the data or the settled view changes.
import { TIMELINE_MARKER_KIND_LABELS, type TimelineMarker, type TimelineWindow } from '../../src/protocol/timeline';
import { clear, el, formatTime } from './dom';
import type { View } from './geometry';

const MAX_ITEMS = 300;

export function markersInView(data: TimelineWindow, view: View, lanesInView: number): TimelineMarker[] {
  return data.markers
    .filter((m) => m.time >= view.from && m.time <= view.to && m.lane >= view.laneOffset && m.lane < view.laneOffset + lanesInView)
    .sort((a, b) => a.time - b.time || a.lane - b.lane);
}

export function describeMarker(m: TimelineMarker, laneLabel: string): string {
  const kind = TIMELINE_MARKER_KIND_LABELS[m.kind];
  const what = m.count > 1 ? m.label : `${kind}: ${m.label}`;
  const severity = m.severity ? ` · finding ${m.severity}` : '';
  return `${formatTime(m.time)} · ${what}${severity} · ${laneLabel}`;
}

export function renderMarkerList(
  list: HTMLOListElement, heading: HTMLElement, markers: readonly TimelineMarker[], laneLabel: (lane: number) => string,
  selected: number | null, choose: (m: TimelineMarker) => void,
): void {
  clear(list);
  const shown = markers.slice(0, MAX_ITEMS);
  heading.textContent = markers.length > shown.length
    ? `Markers in view (first ${shown.length} of ${markers.length})`
    : `Markers in view (${markers.length})`;
  for (const m of shown) {
    const button = el('button', {
      className: 'marker-item',
      text: describeMarker(m, laneLabel(m.lane)),
      attrs: { type: 'button', 'data-marker-id': String(m.id), 'data-kind': m.kind, 'data-count': String(m.count) },
    });
    if (m.id === selected && m.count === 1) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => choose(m));
    list.appendChild(el('li', { attrs: { 'data-kind': m.kind } }, [button]));
  }
}
