/**
 * The order lanes are listed in: focused lanes first, then lanes with findings (most severe first),
 * then by how many markers and mail reads they hold, then by name. With `focusOnly` only the
 * focused lanes are listed.
 */
import type { TimelineGroupBy } from '../../protocol/timeline';
import { severityRank } from '../findings/severity';
import type { FindingsOverlay } from './findingsOverlay';
import type { ResolvedFocus } from './focus';
import type { TimelineIndex } from './timelineIndex';

export interface LaneOrder {
  /** Lane ids in display order. */
  readonly lanes: Int32Array;
  /** Lane id -> display position (-1 when not listed). */
  readonly position: Int32Array;
  readonly findingCount: Int32Array;
  /** Most severe finding's rank per lane (-1 when none). */
  readonly maxRank: Int32Array;
  readonly focused: ReadonlySet<number>;
}

export function laneOrder(
  index: TimelineIndex, overlay: FindingsOverlay, focus: ResolvedFocus | null, groupBy: TimelineGroupBy, focusOnly: boolean,
): LaneOrder {
  const set = index.lanes(groupBy);
  const { count: findingCount, maxRank } = overlay.laneFindingStats(groupBy, (f) => severityRank(f.severity));
  const focused = focus ? focus.lanes(groupBy) : new Set<number>();
  const densityCount = (l: number) => set.densityStart[l + 1]! - set.densityStart[l]!;
  const markerCount = (l: number) => set.markerStart[l + 1]! - set.markerStart[l]!;
  let ids = Array.from({ length: set.count }, (_, l) => l);
  if (focusOnly && focused.size > 0) ids = ids.filter((l) => focused.has(l));
  ids.sort((a, b) =>
    Number(focused.has(b)) - Number(focused.has(a))
    || maxRank[b]! - maxRank[a]!
    || findingCount[b]! - findingCount[a]!
    || Number(set.keys[a] === '') - Number(set.keys[b] === '')
    || markerCount(b) - markerCount(a)
    || densityCount(b) - densityCount(a)
    || (set.labels[a]! < set.labels[b]! ? -1 : set.labels[a]! > set.labels[b]! ? 1 : 0));
  const lanes = Int32Array.from(ids);
  const position = new Int32Array(set.count).fill(-1);
  lanes.forEach((l, p) => (position[l] = p));
  return { lanes, position, findingCount, maxRank, focused };
}
