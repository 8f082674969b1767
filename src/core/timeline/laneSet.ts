/**
 * The lanes of one grouping (actor, mailbox or app): each event's lane, and per lane its mail-read
 * times and marker ids in time order (CSR arrays from a counting sort of the time-ordered events),
 * plus its bursts. Mail reads take the fast path: one lane lookup per distinct column value.
 */
import type { TimelineGroupBy } from '../../protocol/timeline';
import { codesOf } from '../findings/columnCodes';
import { values } from '../findings/columns';
import { findBursts, type Burst } from './bursts';
import { laneColumnsOf } from './laneColumns';
import { LaneNameReader, laneKey, NO_LANE_LABEL } from './laneKeys';
import { TABLES } from './tables';
import type { TimelineIndex } from './timelineIndex';

export interface LaneSet {
  readonly groupBy: TimelineGroupBy;
  readonly count: number;
  /** Identity key of each lane ('' for events naming no one). */
  readonly keys: readonly string[];
  readonly labels: readonly string[];
  readonly laneOfKey: ReadonlyMap<string, number>;
  /** Lane of each density event / marker. */
  readonly densityLane: Int32Array;
  readonly markerLane: Int32Array;
  /** densityTimes[densityStart[l] .. densityStart[l+1]) are lane l's mail-read times, ascending. */
  readonly densityStart: Int32Array;
  readonly densityTimes: Float64Array;
  readonly densityThrottled: Uint8Array;
  /** markerIds[markerStart[l] .. markerStart[l+1]) are lane l's markers, ascending by time. */
  readonly markerStart: Int32Array;
  readonly markerIds: Int32Array;
  readonly bursts: readonly (readonly Burst[])[];
}

class LaneRegistry {
  readonly keys: string[] = [];
  readonly labels: string[] = [];
  readonly laneOfKey = new Map<string, number>();

  constructor(private readonly groupBy: TimelineGroupBy) {}

  lane(name: string): number {
    const key = laneKey(name);
    let lane = this.laneOfKey.get(key);
    if (lane === undefined) {
      lane = this.keys.length;
      this.keys.push(key);
      this.labels.push(key === '' ? NO_LANE_LABEL[this.groupBy] : name.trim());
      this.laneOfKey.set(key, lane);
    }
    return lane;
  }
}

function densityLanes(index: TimelineIndex, groupBy: TimelineGroupBy, registry: LaneRegistry): Int32Array {
  const d = index.density;
  const lanes = new Int32Array(d.n);
  const audit = index.table('AuditLogs');
  if (!audit || d.n === 0) return lanes;
  const cols = laneColumnsOf('AuditLogs', groupBy)
    .filter((c) => audit.columnNames().includes(c))
    .map((c) => {
      const codes = codesOf(audit, c, 'identity');
      return { codes: codes.codes, names: codes.names, lane: new Int32Array(codes.size).fill(-1) };
    });
  for (let i = 0; i < d.n; i++) {
    const r = d.row[i]!;
    let lane = -1;
    for (const col of cols) {
      const code = col.codes[r]!;
      const name = col.names[code]!;
      if (name === '') continue;
      lane = col.lane[code]!;
      if (lane < 0) lane = col.lane[code] = registry.lane(name);
      break;
    }
    lanes[i] = lane >= 0 ? lane : registry.lane('');
  }
  return lanes;
}

function markerLanes(index: TimelineIndex, groupBy: TimelineGroupBy, registry: LaneRegistry): Int32Array {
  const m = index.markers;
  const lanes = new Int32Array(m.n);
  const readers = TABLES.map((name) => {
    const t = index.table(name);
    return t ? new LaneNameReader(name, t) : undefined;
  });
  for (let i = 0; i < m.n; i++) {
    const reader = readers[m.table[i]!]!;
    lanes[i] = registry.lane(reader.name(groupBy, m.row[i]!, index.markerKind(i)));
  }
  return lanes;
}

/** Display names of apps, from the tables that carry them next to the app id. */
function appDisplayNames(index: TimelineIndex): Map<string, string> {
  const names = new Map<string, string>();
  const pairs: [ReturnType<TimelineIndex['table']>, string, string][] = [
    [index.table('SignIns'), 'AppId', 'AppDisplayName'],
    [index.table('DirectoryAudits'), 'InitiatedByAppId', 'InitiatedByApp'],
  ];
  for (const [t, idColumn, nameColumn] of pairs) {
    if (!t) continue;
    const ids = codesOf(t, idColumn, 'identity');
    const display = values(t, nameColumn) as ArrayLike<string>;
    const seen = new Uint8Array(ids.size);
    for (let r = 0; r < ids.codes.length; r++) {
      const c = ids.codes[r]!;
      if (seen[c]) continue;
      const name = display[r];
      if (typeof name !== 'string' || name === '') continue;
      seen[c] = 1;
      const key = laneKey(ids.names[c]!);
      if (key !== '' && !names.has(key)) names.set(key, name);
    }
  }
  return names;
}

/** Counting sort of items (in time order) by lane: start offsets and the items, time order kept within a lane. */
function byLane(lanes: Int32Array, laneCount: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(laneCount + 1);
  for (let i = 0; i < lanes.length; i++) start[lanes[i]! + 1]++;
  for (let l = 0; l < laneCount; l++) start[l + 1] += start[l]!;
  const fill = start.slice(0, laneCount);
  const items = new Int32Array(lanes.length);
  for (let i = 0; i < lanes.length; i++) items[fill[lanes[i]!]!++] = i;
  return { start, items };
}

export function buildLaneSet(index: TimelineIndex, groupBy: TimelineGroupBy): LaneSet {
  const registry = new LaneRegistry(groupBy);
  const densityLane = densityLanes(index, groupBy, registry);
  const markerLane = markerLanes(index, groupBy, registry);
  const count = registry.keys.length;
  if (groupBy === 'app') {
    const names = appDisplayNames(index);
    registry.keys.forEach((key, lane) => {
      const name = names.get(key);
      if (name && laneKey(name) !== key) registry.labels[lane] = `${name} (${registry.labels[lane]})`;
    });
  }
  const d = byLane(densityLane, count);
  const densityTimes = new Float64Array(d.items.length);
  const densityThrottled = new Uint8Array(d.items.length);
  for (let i = 0; i < d.items.length; i++) {
    densityTimes[i] = index.density.time[d.items[i]!]!;
    densityThrottled[i] = index.density.throttled[d.items[i]!]!;
  }
  const m = byLane(markerLane, count);
  const { burstWindowMs, burstMinRecords } = index.options;
  const bursts = Array.from({ length: count }, (_, l) =>
    findBursts(densityTimes, densityThrottled, d.start[l]!, d.start[l + 1]!, burstWindowMs, burstMinRecords));
  return {
    groupBy, count, keys: registry.keys, labels: registry.labels, laneOfKey: registry.laneOfKey,
    densityLane, markerLane, densityStart: d.start, densityTimes, densityThrottled,
    markerStart: m.start, markerIds: m.items, bursts,
  };
}
