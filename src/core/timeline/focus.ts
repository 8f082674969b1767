/**
 * What `exoAudit.showTimeline` was asked to show, resolved against the index: the events that
 * match every given criterion (app, mailbox, actor, finding, story, record ids), the window around
 * them, and the lanes they sit on in each grouping.
 */
import type { ShowTimelineArgs, TimelineGroupBy } from '../../protocol/timeline';
import type { Finding } from '../findings/types';
import { values } from '../findings/columns';
import type { FindingsOverlay } from './findingsOverlay';
import { columns } from './laneColumns';
import { laneKey } from './laneKeys';
import { TABLES } from './tables';
import type { TimelineIndex } from './timelineIndex';

export interface ResolvedFocus {
  readonly args: ShowTimelineArgs;
  /** One line naming the focus (contains data: render as text). */
  readonly label: string;
  /** The window to open on (null: the whole dataset). */
  readonly from: number | null;
  readonly to: number | null;
  /** Per density event / marker: 1 when it matches (null when no criterion selects events). */
  readonly density: Uint8Array | null;
  readonly markers: Uint8Array | null;
  /** Markers matching a finding, story or record-id focus are drawn highlighted. */
  readonly highlightMarkers: boolean;
  readonly findingIds: ReadonlySet<string>;
  readonly storyIds: ReadonlySet<string>;
  readonly matched: number;
  /** Things the focus asked for that the data does not have. */
  readonly notes: readonly string[];
  /** Lanes of a grouping holding matching events (empty when the focus selects no events). */
  lanes(groupBy: TimelineGroupBy): ReadonlySet<number>;
}

const HOUR = 3_600_000;

interface Flags {
  density: Uint8Array;
  markers: Uint8Array;
}

function and(a: Flags | null, b: Flags): Flags {
  if (!a) return b;
  for (let i = 0; i < a.density.length; i++) a.density[i]! &= b.density[i]!;
  for (let i = 0; i < a.markers.length; i++) a.markers[i]! &= b.markers[i]!;
  return a;
}

function laneFlags(index: TimelineIndex, groupBy: TimelineGroupBy, name: string): Flags {
  const lanes = index.lanes(groupBy);
  const lane = lanes.laneOfKey.get(laneKey(name));
  const density = new Uint8Array(index.density.n);
  const markers = new Uint8Array(index.markers.n);
  if (lane !== undefined && laneKey(name) !== '') {
    for (let i = 0; i < density.length; i++) density[i] = lanes.densityLane[i] === lane ? 1 : 0;
    for (let i = 0; i < markers.length; i++) markers[i] = lanes.markerLane[i] === lane ? 1 : 0;
  }
  return { density, markers };
}

function eventFlags(index: TimelineIndex, density: Iterable<number>, markers: Iterable<number>): Flags {
  const f = { density: new Uint8Array(index.density.n), markers: new Uint8Array(index.markers.n) };
  for (const d of density) f.density[d] = 1;
  for (const m of markers) f.markers[m] = 1;
  return f;
}

function recordFlags(index: TimelineIndex, ids: readonly string[]): Flags {
  const wanted = new Set(ids);
  const density: number[] = [];
  const markers: number[] = [];
  TABLES.forEach((name, t) => {
    const table = index.table(name);
    if (!table) return;
    const col = values(table, columns.id);
    for (let r = 0; r < col.length; r++) {
      if (!wanted.has(col[r] as string)) continue;
      const m = index.rowToMarker[t]![r]!;
      if (m >= 0) markers.push(m);
      if (t === 0 && index.rowToDensity[r]! >= 0) density.push(index.rowToDensity[r]!);
    }
  });
  return eventFlags(index, density, markers);
}

function count(f: Flags): number {
  let n = 0;
  for (const v of f.density) n += v;
  for (const v of f.markers) n += v;
  return n;
}

function flaggedSpan(index: TimelineIndex, f: Flags): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < f.density.length; i++) if (f.density[i]) { from = Math.min(from, index.density.time[i]!); to = Math.max(to, index.density.time[i]!); }
  for (let i = 0; i < f.markers.length; i++) if (f.markers[i]) { from = Math.min(from, index.markers.time[i]!); to = Math.max(to, index.markers.time[i]!); }
  return from <= to ? { from, to } : null;
}

function oneLine(s: string, max = 120): string {
  const flat = s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Widens [from, to] so the focused events do not sit on the edges (at least an hour each side). */
function padded(from: number, to: number): { from: number; to: number } {
  const pad = Math.max(HOUR, (to - from) * 0.1);
  return { from: from - pad, to: to + pad };
}

export function resolveFocus(index: TimelineIndex, overlay: FindingsOverlay, args: ShowTimelineArgs): ResolvedFocus {
  let flags: Flags | null = null;
  const labels: string[] = [];
  const notes: string[] = [];
  const findingIds = new Set<string>();
  const storyIds = new Set<string>();
  let highlightMarkers = false;
  let spanFrom = Infinity;
  let spanTo = -Infinity;
  const widen = (f: Finding) => {
    if (f.start !== null) spanFrom = Math.min(spanFrom, f.start);
    if (f.end !== null) spanTo = Math.max(spanTo, f.end);
  };

  const entities: [TimelineGroupBy, string | undefined, string][] = [
    ['app', args.appId, 'app'], ['mailbox', args.mailbox, 'mailbox'], ['actor', args.actor, 'actor'],
  ];
  for (const [groupBy, name, noun] of entities) {
    if (!name) continue;
    labels.push(`${noun} ${oneLine(name)}`);
    const f = laneFlags(index, groupBy, name);
    if (count(f) === 0) notes.push(`no events on the timeline for ${noun} ${oneLine(name)}`);
    flags = and(flags, f);
  }
  if (args.findingId) {
    const i = overlay.findingById.get(args.findingId);
    if (i === undefined) notes.push(`finding ${oneLine(args.findingId)} is not among the current findings`);
    else {
      const f = overlay.findings[i]!;
      labels.push(`finding: ${oneLine(f.title)}`);
      findingIds.add(f.id);
      widen(f);
      flags = and(flags, eventFlags(index, overlay.densityOf[i]!, overlay.markersOf[i]!));
      highlightMarkers = true;
    }
  }
  if (args.storyId) {
    const s = overlay.storyById.get(args.storyId);
    if (s === undefined) notes.push(`story ${oneLine(args.storyId)} is not among the current stories`);
    else {
      const story = overlay.stories[s]!;
      labels.push(`story: ${oneLine(story.title)}`);
      storyIds.add(story.id);
      widen(story);
      const own = overlay.eventsOf(story);
      const density = [...own.density];
      const markers = [...own.markers];
      for (const id of story.memberIds) {
        const i = overlay.findingById.get(id);
        if (i === undefined) continue;
        findingIds.add(id);
        widen(overlay.findings[i]!);
        density.push(...overlay.densityOf[i]!);
        markers.push(...overlay.markersOf[i]!);
      }
      flags = and(flags, eventFlags(index, density, markers));
      highlightMarkers = true;
    }
  }
  if (args.recordIds?.length) {
    labels.push(`${args.recordIds.length} record${args.recordIds.length === 1 ? '' : 's'}`);
    const f = recordFlags(index, args.recordIds);
    if (count(f) === 0) notes.push('none of the given records is on the timeline');
    flags = and(flags, f);
    highlightMarkers = true;
  }

  const matched = flags ? count(flags) : 0;
  let window: { from: number; to: number } | null = null;
  if (args.from !== undefined || args.to !== undefined) {
    const all = index.span();
    const from = args.from ?? all?.from ?? args.to!;
    const to = args.to ?? all?.to ?? from + HOUR;
    window = { from, to: Math.max(to, from + 1) };
    labels.push(`${new Date(window.from).toISOString()} – ${new Date(window.to).toISOString()}`);
  } else {
    const events = flags ? flaggedSpan(index, flags) : null;
    const from = Math.min(spanFrom, events?.from ?? Infinity);
    const to = Math.max(spanTo, events?.to ?? -Infinity);
    if (from <= to) window = padded(from, to);
  }

  const laneCache = new Map<TimelineGroupBy, ReadonlySet<number>>();
  const finalFlags = flags;
  return {
    args,
    label: labels.join(' · '),
    from: window?.from ?? null,
    to: window?.to ?? null,
    density: finalFlags?.density ?? null,
    markers: finalFlags?.markers ?? null,
    highlightMarkers,
    findingIds,
    storyIds,
    matched,
    notes,
    lanes(groupBy) {
      const hit = laneCache.get(groupBy);
      if (hit) return hit;
      const set = new Set<number>();
      if (finalFlags) {
        const lanes = index.lanes(groupBy);
        for (let i = 0; i < finalFlags.density.length; i++) if (finalFlags.density[i]) set.add(lanes.densityLane[i]!);
        for (let i = 0; i < finalFlags.markers.length; i++) if (finalFlags.markers[i]) set.add(lanes.markerLane[i]!);
        if (set.size === 0 && (findingIds.size > 0)) {
          for (const id of findingIds) for (const l of overlay.lanesOf(groupBy, overlay.findingById.get(id)!)) set.add(l);
        }
      }
      laneCache.set(groupBy, set);
      return set;
    },
  };
}
