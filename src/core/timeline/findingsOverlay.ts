/**
 * Findings and stories laid over the timeline: which events each finding's evidence is, which
 * findings a marker belongs to, and on which lanes of a grouping a finding sits.
 */
import type { TimelineGroupBy } from '../../protocol/timeline';
import type { Finding, Story } from '../findings/types';
import { laneKey } from './laneKeys';
import { TABLES } from './tables';
import type { TimelineIndex } from './timelineIndex';

export interface TimelineFindings {
  readonly findings: readonly Finding[];
  readonly stories: readonly Story[];
}

const EMPTY = new Int32Array(0);

export class FindingsOverlay {
  readonly findings: readonly Finding[];
  readonly stories: readonly Story[];
  readonly findingById = new Map<string, number>();
  readonly storyById = new Map<string, number>();
  /** Per finding: its evidence records that are on the timeline. */
  readonly densityOf: readonly Int32Array[];
  readonly markersOf: readonly Int32Array[];
  /** Marker id -> the findings whose evidence it is. */
  readonly findingsOfMarker = new Map<number, number[]>();
  /** Finding id -> the story it is a member of. */
  readonly storyOfFinding = new Map<string, number>();
  private readonly laneCache = new Map<TimelineGroupBy, Int32Array[]>();

  constructor(private readonly index: TimelineIndex, input: TimelineFindings | undefined) {
    this.findings = input?.findings ?? [];
    this.stories = input?.stories ?? [];
    this.findings.forEach((f, i) => this.findingById.set(f.id, i));
    this.stories.forEach((s, i) => {
      this.storyById.set(s.id, i);
      for (const member of s.memberIds) if (!this.storyOfFinding.has(member)) this.storyOfFinding.set(member, i);
    });
    const densityOf: Int32Array[] = [];
    const markersOf: Int32Array[] = [];
    this.findings.forEach((f, fi) => {
      const { density, markers } = this.eventsOf(f);
      densityOf.push(density);
      markersOf.push(markers);
      for (const m of markers) {
        const list = this.findingsOfMarker.get(m);
        if (list) list.push(fi);
        else this.findingsOfMarker.set(m, [fi]);
      }
    });
    this.densityOf = densityOf;
    this.markersOf = markersOf;
  }

  /** The timeline events among a finding's (or story's) evidence records. */
  eventsOf(f: Finding): { density: Int32Array; markers: Int32Array } {
    const density: number[] = [];
    const markers: number[] = [];
    for (const ev of f.evidence) {
      const t = TABLES.indexOf(ev.table);
      if (t < 0) continue;
      const toMarker = this.index.rowToMarker[t]!;
      for (const row of ev.rows) {
        if (row < 0) continue;
        const m = toMarker[row] ?? -1;
        if (m >= 0) markers.push(m);
        if (ev.table === 'AuditLogs') {
          const d = this.index.rowToDensity[row] ?? -1;
          if (d >= 0) density.push(d);
        }
      }
    }
    return { density: Int32Array.from(density), markers: Int32Array.from(markers) };
  }

  /** The lanes of a grouping a finding sits on: its evidence's lanes, else the lane of its actor, mailbox or app. */
  lanesOf(groupBy: TimelineGroupBy, finding: number): Int32Array {
    let cache = this.laneCache.get(groupBy);
    if (!cache) this.laneCache.set(groupBy, (cache = []));
    const hit = cache[finding];
    if (hit) return hit;
    const lanes = this.index.lanes(groupBy);
    const set = new Set<number>();
    for (const d of this.densityOf[finding] ?? EMPTY) set.add(lanes.densityLane[d]!);
    for (const m of this.markersOf[finding] ?? EMPTY) set.add(lanes.markerLane[m]!);
    if (set.size === 0) {
      const f = this.findings[finding]!;
      const name = groupBy === 'actor' ? f.actor : groupBy === 'mailbox' ? f.mailbox : f.app;
      const lane = lanes.laneOfKey.get(laneKey(name));
      if (name && lane !== undefined) set.add(lane);
    }
    const result = Int32Array.from([...set].sort((a, b) => a - b));
    cache[finding] = result;
    return result;
  }

  /** Findings per lane and the most severe finding's rank per lane (-1 when none), for ordering lanes. */
  laneFindingStats(groupBy: TimelineGroupBy, rank: (f: Finding) => number): { count: Int32Array; maxRank: Int32Array } {
    const n = this.index.lanes(groupBy).count;
    const count = new Int32Array(n);
    const maxRank = new Int32Array(n).fill(-1);
    this.findings.forEach((f, i) => {
      const r = rank(f);
      for (const l of this.lanesOf(groupBy, i)) {
        count[l]++;
        if (r > maxRank[l]!) maxRank[l] = r;
      }
    });
    return { count, maxRank };
  }
}
