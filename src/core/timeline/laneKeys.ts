/**
 * The lane an event belongs to in each grouping: the first non-empty lane column of its table
 * (laneColumns.ts), compared as identities (case, Exchange DN paths and folder parts ignored).
 * App-permission changes go on the lane of the app that received the permission, not of the
 * admin tool that made the change.
 */
import type { ColumnTable } from 'arquero';
import type { TimelineGroupBy, TimelineMarkerKind } from '../../protocol/timeline';
import { values } from '../findings/columns';
import { identityKey, looksLikeEmail } from '../findings/identities';
import type { TableName } from '../schema/types';
import { columns, laneColumnsOf } from './laneColumns';

const APP_PERMISSION_KINDS: ReadonlySet<TimelineMarkerKind> = new Set(['consent', 'appRole', 'appCredential', 'rbac']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A dynamic value as one line of text: strings as they are, one-element arrays unwrapped, JSON-in-string unquoted. */
function scalarText(v: unknown): string {
  if (typeof v === 'string') return v.replace(/^\s*\[?\s*"?|"?\s*\]?\s*$/g, '');
  if (Array.isArray(v) && v.length > 0) return scalarText(v[0]);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function modifiedValue(props: unknown, name: string): string {
  if (!Array.isArray(props)) return '';
  for (const p of props) {
    if (p && typeof p === 'object' && (p as Record<string, unknown>).Name === name) return scalarText((p as Record<string, unknown>).NewValue);
  }
  return '';
}

function bagValue(bag: unknown, name: string): string {
  if (!bag || typeof bag !== 'object' || Array.isArray(bag)) return '';
  const v = (bag as Record<string, unknown>)[name];
  return scalarText(v);
}

/** Reads lane names of one table's rows; columns are fetched once. */
export class LaneNameReader {
  private readonly lists: Record<TimelineGroupBy, ArrayLike<unknown>[]>;
  private readonly t: ColumnTable;

  constructor(readonly table: TableName, t: ColumnTable) {
    this.t = t;
    const read = (g: TimelineGroupBy) => laneColumnsOf(table, g).map((c) => values(t, c));
    this.lists = { actor: read('actor'), mailbox: read('mailbox'), app: read('app') };
  }

  /** The raw spelling naming the row's lane ('' when none). */
  name(groupBy: TimelineGroupBy, row: number, kind: TimelineMarkerKind | null): string {
    if (groupBy === 'app' && kind !== null && APP_PERMISSION_KINDS.has(kind)) {
      const granted = this.appGrantedTo(row);
      if (granted) return granted;
    }
    for (const col of this.lists[groupBy]) {
      const v = col[row];
      if (typeof v === 'string' && v !== '') return v;
    }
    return '';
  }

  private column(name: string): ArrayLike<unknown> {
    return values(this.t, name);
  }

  private appGrantedTo(row: number): string {
    if (this.table === 'AuditLogs') {
      const grantee = String(this.column(columns.grantee)[row] ?? '');
      if (grantee && !looksLikeEmail(grantee)) return grantee;
      const objectId = String(this.column(columns.objectId)[row] ?? '');
      if (GUID.test(objectId)) return objectId;
      return '';
    }
    if (this.table === 'DirectoryAudits') {
      const fromProps = modifiedValue(this.column(columns.modifiedProperties)[row], 'ServicePrincipal.AppId');
      if (fromProps) return fromProps;
      const fromDetails = bagValue(this.column(columns.additionalDetails)[row], 'AppId');
      if (fromDetails) return fromDetails;
      const type = String(this.column(columns.targetType)[row] ?? '').toLowerCase();
      if (type === 'application' || type === 'serviceprincipal') return String(this.column(columns.targetName)[row] ?? '');
    }
    return '';
  }
}

export function laneKey(name: string): string {
  return identityKey(name);
}

export const NO_LANE_LABEL: Readonly<Record<TimelineGroupBy, string>> = {
  actor: '(no actor)',
  mailbox: '(no mailbox)',
  app: '(no app)',
};
