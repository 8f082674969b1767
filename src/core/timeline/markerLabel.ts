/**
 * The short text of a marker: the operation and what it granted, to whom, on what. Built from the
 * record's columns; the text is attacker-controlled and the webview renders it as text only.
 */
import { TIMELINE_MARKER_KIND_LABELS } from '../../protocol/timeline';
import { values } from '../findings/columns';
import { columns } from './laneColumns';
import type { TimelineIndex } from './timelineIndex';

export const MARKER_KIND_LABELS = TIMELINE_MARKER_KIND_LABELS;

const MAX_LABEL = 200;

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function oneLine(parts: readonly string[]): string {
  const s = parts.filter(Boolean).join(' ').replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
  return s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s;
}

export function markerLabel(index: TimelineIndex, id: number): string {
  const { table, row } = index.markerRecord(id);
  const t = index.table(table);
  if (!t) return '';
  const col = (name: string) => str(values(t, name)[row]);
  if (table === 'SignIns') {
    const failed = index.markers.failed[id] === 1;
    const where = [col(columns.ipAddress), col(columns.country)].filter(Boolean).join(' ');
    return oneLine([failed ? 'Failed sign-in' : 'Sign-in', col(columns.signInUser), col(columns.appDisplayName) && `to ${col(columns.appDisplayName)}`, where && `from ${where}`]);
  }
  const operation = col(columns.operation).replace(/\.\s*$/, '');
  if (table === 'DirectoryAudits') {
    return oneLine([operation, col(columns.targetName) && `(${col(columns.targetName)})`]);
  }
  const rights = col(columns.accessRights);
  const grantee = col(columns.grantee);
  const target = col(columns.targetMailbox);
  return oneLine([operation, rights, grantee && `→ ${grantee}`, target && `on ${target}`]);
}
