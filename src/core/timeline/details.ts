/**
 * What the details panel shows for a marker: the record's non-empty columns in catalogue order
 * (as text), the findings it is evidence of, and the story they belong to.
 */
import type { TimelineFindingDetails, TimelineGroupBy, TimelineMarkerKind } from '../../protocol/timeline';
import { values } from '../findings/columns';
import type { Finding } from '../findings/types';
import { tableDef } from '../schema/catalog';
import type { ColumnDef } from '../schema/types';
import type { FindingsOverlay } from './findingsOverlay';
import { markerLabel } from './markerLabel';
import type { TimelineIndex } from './timelineIndex';

export interface MarkerDetails {
  readonly markerId: number;
  readonly kind: TimelineMarkerKind;
  readonly title: string;
  readonly time: number;
  readonly table: string;
  readonly lane: string;
  readonly fields: readonly { name: string; value: string }[];
  readonly findings: readonly TimelineFindingDetails[];
  readonly story: TimelineFindingDetails | null;
}

const MAX_VALUE = 4000;

function clip(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** A cell as text ('' when empty): times as ISO-8601 UTC, dynamic values as JSON. */
export function cellText(column: ColumnDef, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (column.type === 'datetime' && typeof v === 'number') return Number.isFinite(v) ? new Date(v).toISOString() : '';
  if (column.type === 'dynamic') {
    if (typeof v === 'string') return clip(v);
    try {
      return clip(JSON.stringify(v) ?? '');
    } catch {
      return '';
    }
  }
  return clip(String(v));
}

export function findingDetails(f: Finding): TimelineFindingDetails {
  return {
    id: f.id, title: f.title, severity: f.severity, description: f.description,
    reasons: f.reasons.map((r) => `${r.points > 0 ? '+' : ''}${r.points} ${r.text}`),
    techniques: f.techniques.map((t) => `${t.id} ${t.name}`),
  };
}

export function markerDetails(index: TimelineIndex, overlay: FindingsOverlay, markerId: number, groupBy: TimelineGroupBy): MarkerDetails {
  const { table, row } = index.markerRecord(markerId);
  const t = index.table(table);
  const fields: { name: string; value: string }[] = [];
  if (t) {
    for (const column of tableDef(table).columns) {
      const value = cellText(column, values(t, column.name)[row]);
      if (value !== '') fields.push({ name: column.name, value });
    }
  }
  const lanes = index.lanes(groupBy);
  const findingIdx = overlay.findingsOfMarker.get(markerId) ?? [];
  const findings = findingIdx.map((i) => findingDetails(overlay.findings[i]!));
  let story: TimelineFindingDetails | null = null;
  for (const i of findingIdx) {
    const s = overlay.storyOfFinding.get(overlay.findings[i]!.id);
    if (s !== undefined) {
      story = findingDetails(overlay.stories[s]!);
      break;
    }
  }
  return {
    markerId, kind: index.markerKind(markerId), title: markerLabel(index, markerId), time: index.markers.time[markerId]!,
    table, lane: lanes.labels[lanes.markerLane[markerId]!]!, fields, findings, story,
  };
}
