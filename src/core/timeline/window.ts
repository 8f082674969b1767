/**
 * One window of the timeline for the webview: for the lanes in view, mail reads binned into
 * `buckets` equal buckets (a scan of only the events inside the window, found by binary search
 * in each lane's time-ordered events), bursts, markers (clustered when too many), finding spans
 * and stories. The webview never receives raw rows.
 */
import type {
  TimelineBurst, TimelineDensityRow, TimelineFindingSpan, TimelineGroupBy, TimelineLane, TimelineMarker,
  TimelineSeverity, TimelineStoryPoint, TimelineStorySpan, TimelineWindow,
} from '../../protocol/timeline';
import { severities, severityRank } from '../findings/severity';
import type { FindingsOverlay } from './findingsOverlay';
import type { ResolvedFocus } from './focus';
import type { LaneOrder } from './laneOrder';
import { MARKER_KIND_LABELS } from './markerLabel';
import { lowerBound } from './timeOrder';
import type { TimelineIndex } from './timelineIndex';

export interface WindowRequest {
  readonly requestId: number;
  readonly from: number;
  readonly to: number;
  readonly buckets: number;
  readonly groupBy: TimelineGroupBy;
  readonly laneOffset: number;
  readonly laneLimit: number;
  readonly focusOnly: boolean;
}

export interface WindowOptions {
  /** Above this many markers in the window, markers of one kind and lane merge into clusters. */
  readonly maxMarkers?: number;
  readonly maxFindings?: number;
  /** The marker label of one record (computed only for the markers sent). */
  readonly label: (markerId: number) => string;
}

function rankSeverity(rank: number): TimelineSeverity | null {
  return rank >= 0 ? severities[rank]! : null;
}

/** First position in lane ids `ids[from, to)` (time-ordered) whose marker time is >= t. */
function markerLowerBound(ids: Int32Array, times: Float64Array, t: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[ids[mid]!]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface RawMarker {
  id: number;
  lane: number;
  bucket: number;
}

export function timelineWindow(
  index: TimelineIndex, overlay: FindingsOverlay, focus: ResolvedFocus | null, order: LaneOrder,
  req: WindowRequest, options: WindowOptions,
): TimelineWindow {
  const set = index.lanes(req.groupBy);
  const { from, to, buckets } = req;
  const bucketMs = (to - from) / buckets;
  const offset = Math.min(req.laneOffset, Math.max(0, order.lanes.length - 1));
  const end = Math.min(order.lanes.length, offset + req.laneLimit);

  const lanes: TimelineLane[] = [];
  const density: TimelineDensityRow[] = [];
  const bursts: TimelineBurst[] = [];
  const raw: RawMarker[] = [];
  const counts = new Int32Array(buckets);
  const throttled = new Int32Array(buckets);
  let maxDensity = 0;
  const bucketOf = (t: number) => Math.min(buckets - 1, Math.max(0, Math.floor((t - from) / bucketMs)));

  for (let p = offset; p < end; p++) {
    const l = order.lanes[p]!;
    lanes.push({
      index: p,
      label: set.labels[l]!,
      densityEvents: set.densityStart[l + 1]! - set.densityStart[l]!,
      markers: set.markerStart[l + 1]! - set.markerStart[l]!,
      findings: order.findingCount[l]!,
      maxSeverity: rankSeverity(order.maxRank[l]!),
      focused: order.focused.has(l),
    });

    const ds = set.densityStart[l]!;
    const de = set.densityStart[l + 1]!;
    const lo = lowerBound(set.densityTimes, from, ds, de);
    const hi = lowerBound(set.densityTimes, to, lo, de);
    if (hi > lo) {
      const touched: number[] = [];
      for (let i = lo; i < hi; i++) {
        const b = bucketOf(set.densityTimes[i]!);
        if (counts[b] === 0) touched.push(b);
        counts[b]++;
        throttled[b] += set.densityThrottled[i]!;
      }
      touched.sort((a, b) => a - b);
      const bins = new Array<number>(touched.length * 3);
      touched.forEach((b, k) => {
        bins[k * 3] = b;
        bins[k * 3 + 1] = counts[b]!;
        bins[k * 3 + 2] = throttled[b]!;
        if (counts[b]! > maxDensity) maxDensity = counts[b]!;
        counts[b] = 0;
        throttled[b] = 0;
      });
      density.push({ lane: p, bins });
    }
    for (const b of set.bursts[l]!) {
      if (b.to >= from && b.from < to) bursts.push({ lane: p, from: b.from, to: b.to, peak: b.peak, throttled: b.throttled });
    }

    const ms = set.markerStart[l]!;
    const me = set.markerStart[l + 1]!;
    const mlo = markerLowerBound(set.markerIds, index.markers.time, from, ms, me);
    const mhi = markerLowerBound(set.markerIds, index.markers.time, to, mlo, me);
    for (let i = mlo; i < mhi; i++) {
      const id = set.markerIds[i]!;
      raw.push({ id, lane: p, bucket: bucketOf(index.markers.time[id]!) });
    }
  }

  const { markers, clustered } = shapeMarkers(index, overlay, focus, raw, options);
  const visible = (lane: number) => order.position[lane]! >= offset && order.position[lane]! < end;
  const findings = findingSpans(overlay, focus, order, req.groupBy, from, to, visible, options.maxFindings ?? 500);
  const stories = storySpans(overlay, focus, order, req.groupBy, from, to, visible);
  return {
    requestId: req.requestId, from, to, buckets, bucketMs, groupBy: req.groupBy, focusOnly: req.focusOnly,
    totalLanes: order.lanes.length, laneOffset: offset, lanes, density, maxDensity, bursts, markers, clustered, findings, stories,
  };
}

function markerSeverity(overlay: FindingsOverlay, id: number): number {
  const list = overlay.findingsOfMarker.get(id);
  if (!list) return -1;
  let rank = -1;
  for (const f of list) rank = Math.max(rank, severityRank(overlay.findings[f]!.severity));
  return rank;
}

function isHighlighted(overlay: FindingsOverlay, focus: ResolvedFocus | null, id: number): boolean {
  if (!focus) return false;
  if (focus.highlightMarkers && focus.markers?.[id] === 1) return true;
  const list = overlay.findingsOfMarker.get(id);
  return !!list && list.some((f) => focus.findingIds.has(overlay.findings[f]!.id));
}

function shapeMarkers(
  index: TimelineIndex, overlay: FindingsOverlay, focus: ResolvedFocus | null, raw: RawMarker[], options: WindowOptions,
): { markers: TimelineMarker[]; clustered: boolean } {
  const max = options.maxMarkers ?? 2500;
  const single = (m: RawMarker): TimelineMarker => ({
    id: m.id, kind: index.markerKind(m.id), time: index.markers.time[m.id]!, lane: m.lane, count: 1,
    label: options.label(m.id), failed: index.markers.failed[m.id] === 1,
    severity: rankSeverity(markerSeverity(overlay, m.id)), highlighted: isHighlighted(overlay, focus, m.id),
  });
  if (raw.length <= max) return { markers: raw.map(single), clustered: false };

  // Too many to draw one by one: merge markers of one kind on one lane within `span` buckets,
  // doubling the span until the clusters fit. Findings' markers stay single.
  for (let span = 4; ; span *= 2) {
    const groups = new Map<string, RawMarker[]>();
    const singles: RawMarker[] = [];
    for (const m of raw) {
      if (overlay.findingsOfMarker.has(m.id) || isHighlighted(overlay, focus, m.id)) {
        singles.push(m);
        continue;
      }
      const key = `${m.lane}:${index.markers.kind[m.id]}:${Math.floor(m.bucket / span)}`;
      const g = groups.get(key);
      if (g) g.push(m);
      else groups.set(key, [m]);
    }
    if (groups.size + singles.length > max && span < 1 << 20) continue;
    const markers = singles.map(single);
    for (const g of groups.values()) {
      if (g.length === 1) {
        markers.push(single(g[0]!));
        continue;
      }
      const first = g[0]!;
      const kind = index.markerKind(first.id);
      let failed = 0;
      for (const m of g) failed += index.markers.failed[m.id]!;
      markers.push({
        id: first.id, kind, time: index.markers.time[first.id]!, lane: first.lane, count: g.length,
        label: `${g.length} × ${MARKER_KIND_LABELS[kind]}${failed ? ` (${failed} failed)` : ''}`,
        failed: failed > 0, severity: null, highlighted: false,
      });
    }
    markers.sort((a, b) => a.time - b.time || a.lane - b.lane);
    return { markers, clustered: true };
  }
}

function findingSpans(
  overlay: FindingsOverlay, focus: ResolvedFocus | null, order: LaneOrder, groupBy: TimelineGroupBy,
  from: number, to: number, visible: (lane: number) => boolean, max: number,
): TimelineFindingSpan[] {
  const spans: TimelineFindingSpan[] = [];
  overlay.findings.forEach((f, i) => {
    if (f.start === null || f.end === null || f.end < from || f.start >= to) return;
    const lanes = [...overlay.lanesOf(groupBy, i)].filter(visible).map((l) => order.position[l]!);
    if (lanes.length === 0) return;
    spans.push({
      id: f.id, title: f.title, severity: f.severity, from: f.start, to: f.end, lanes,
      highlighted: !!focus && focus.findingIds.has(f.id),
    });
  });
  spans.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.from - b.from);
  return spans.slice(0, max);
}

function storySpans(
  overlay: FindingsOverlay, focus: ResolvedFocus | null, order: LaneOrder, groupBy: TimelineGroupBy,
  from: number, to: number, visible: (lane: number) => boolean,
): TimelineStorySpan[] {
  const spans: TimelineStorySpan[] = [];
  for (const s of overlay.stories) {
    if (s.start === null || s.end === null || s.end < from || s.start >= to) continue;
    const points: TimelineStoryPoint[] = [];
    for (const id of s.memberIds) {
      const i = overlay.findingById.get(id);
      if (i === undefined) continue;
      const f = overlay.findings[i]!;
      const lane = [...overlay.lanesOf(groupBy, i)].find(visible);
      if (f.start === null || lane === undefined) continue;
      points.push({ time: f.start, lane: order.position[lane]! });
    }
    if (points.length === 0) continue;
    points.sort((a, b) => a.time - b.time);
    spans.push({
      id: s.id, title: s.title, severity: s.severity, from: s.start, to: s.end, points,
      highlighted: !!focus && focus.storyIds.has(s.id),
    });
  }
  return spans;
}
