/**
 * The events the timeline draws, extracted once per loaded dataset by column scans: mail reads
 * (the density band) and markers, each kept in time order in typed arrays, with maps from a
 * table row back to its event. Lanes per grouping are built on first use (laneSet.ts).
 */
import type { ColumnTable } from 'arquero';
import type { TimelineGroupBy, TimelineMarkerKind } from '../../protocol/timeline';
import { TIMELINE_MARKER_KINDS } from '../../protocol/timeline';
import { codesOf } from '../findings/columnCodes';
import { values } from '../findings/columns';
import type { TableName } from '../schema/types';
import { classifyOperation, refineClass, type RowRefinement } from './classify';
import { columns } from './laneColumns';
import { buildLaneSet, type LaneSet } from './laneSet';
import { TABLES, type TimelineTables } from './tables';
import { orderByTime } from './timeOrder';


export interface TimelineOptions {
  /** Sliding window for bursts of mail reads (default one hour). */
  readonly burstWindowMs?: number;
  /** Records within one window that make a burst (default 100). */
  readonly burstMinRecords?: number;
}

export interface DensityEvents {
  readonly n: number;
  readonly time: Float64Array;
  /** AuditLogs row. */
  readonly row: Int32Array;
  readonly throttled: Uint8Array;
}

export interface MarkerEvents {
  readonly n: number;
  readonly time: Float64Array;
  /** Index into TABLES. */
  readonly table: Uint8Array;
  readonly row: Int32Array;
  /** Index into TIMELINE_MARKER_KINDS. */
  readonly kind: Uint8Array;
  readonly failed: Uint8Array;
}

const DENSITY = 255;
const NO_CLASS = 254;
const REFINE_SET_MAILBOX = 253;
const REFINE_AUDIT_SWITCH = 252;

function classCode(table: TableName, operation: string): number {
  const c = classifyOperation(table, operation);
  if (c.refine === 'setMailbox') return REFINE_SET_MAILBOX;
  if (c.refine === 'auditSwitch') return REFINE_AUDIT_SWITCH;
  if (c.cls === null) return NO_CLASS;
  if (c.cls === 'density') return DENSITY;
  return TIMELINE_MARKER_KINDS.indexOf(c.cls);
}

function isFailed(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase() === 'failed';
}

interface RawMarkers {
  time: number[];
  table: number[];
  row: number[];
  kind: number[];
  failed: number[];
}

export class TimelineIndex {
  readonly density: DensityEvents;
  readonly markers: MarkerEvents;
  /** AuditLogs row -> density event (-1 when the row is not a mail read). */
  readonly rowToDensity: Int32Array;
  /** Per table (TABLES order): row -> marker id (-1 when the row is not a marker). */
  readonly rowToMarker: readonly Int32Array[];
  readonly options: Required<TimelineOptions>;
  private readonly laneSets = new Map<TimelineGroupBy, LaneSet>();

  constructor(readonly tables: TimelineTables, options: TimelineOptions = {}) {
    this.options = { burstWindowMs: options.burstWindowMs ?? 3_600_000, burstMinRecords: options.burstMinRecords ?? 100 };
    const raw: RawMarkers = { time: [], table: [], row: [], kind: [], failed: [] };
    const audit = tables.AuditLogs;
    const densityRows: number[] = [];
    if (audit) this.scanAuditLogs(audit, densityRows, raw);
    if (tables.SignIns) this.scanSignIns(tables.SignIns, raw);
    if (tables.DirectoryAudits) this.scanDirectoryAudits(tables.DirectoryAudits, raw);

    const auditTimes = audit ? (values(audit, columns.time) as ArrayLike<number>) : new Float64Array(0);
    const auditThrottled = audit ? values(audit, columns.throttled) : [];
    const unsortedDensityTimes = Float64Array.from(densityRows, (r) => auditTimes[r]!);
    const dOrder = orderByTime(unsortedDensityTimes);
    const dn = dOrder.length;
    const density = { n: dn, time: new Float64Array(dn), row: new Int32Array(dn), throttled: new Uint8Array(dn) };
    this.rowToDensity = new Int32Array(audit ? audit.numRows() : 0).fill(-1);
    for (let i = 0; i < dn; i++) {
      const r = densityRows[dOrder[i]!]!;
      density.time[i] = unsortedDensityTimes[dOrder[i]!]!;
      density.row[i] = r;
      density.throttled[i] = auditThrottled[r] === true ? 1 : 0;
      this.rowToDensity[r] = i;
    }
    this.density = density;

    const mOrder = orderByTime(raw.time);
    const mn = mOrder.length;
    const markers = {
      n: mn, time: new Float64Array(mn), table: new Uint8Array(mn), row: new Int32Array(mn),
      kind: new Uint8Array(mn), failed: new Uint8Array(mn),
    };
    this.rowToMarker = TABLES.map((name) => new Int32Array(tables[name]?.numRows() ?? 0).fill(-1));
    for (let i = 0; i < mn; i++) {
      const k = mOrder[i]!;
      markers.time[i] = raw.time[k]!;
      markers.table[i] = raw.table[k]!;
      markers.row[i] = raw.row[k]!;
      markers.kind[i] = raw.kind[k]!;
      markers.failed[i] = raw.failed[k]!;
      this.rowToMarker[raw.table[k]!]![raw.row[k]!] = i;
    }
    this.markers = markers;
  }

  /** The lanes of one grouping (built on first use, then kept). */
  lanes(groupBy: TimelineGroupBy): LaneSet {
    let set = this.laneSets.get(groupBy);
    if (!set) this.laneSets.set(groupBy, (set = buildLaneSet(this, groupBy)));
    return set;
  }

  table(name: TableName): ColumnTable | undefined {
    return this.tables[name];
  }

  markerKind(id: number): TimelineMarkerKind {
    return TIMELINE_MARKER_KINDS[this.markers.kind[id]!]!;
  }

  /** The table and row a marker stands for. */
  markerRecord(id: number): { table: TableName; row: number } {
    return { table: TABLES[this.markers.table[id]!]!, row: this.markers.row[id]! };
  }

  /** First and last event time (null when there are no events). */
  span(): { from: number; to: number } | null {
    const d = this.density;
    const m = this.markers;
    let from = Infinity;
    let to = -Infinity;
    if (d.n) { from = Math.min(from, d.time[0]!); to = Math.max(to, d.time[d.n - 1]!); }
    if (m.n) { from = Math.min(from, m.time[0]!); to = Math.max(to, m.time[m.n - 1]!); }
    return from <= to ? { from, to } : null;
  }

  private scanAuditLogs(t: ColumnTable, densityRows: number[], raw: RawMarkers): void {
    const ops = codesOf(t, columns.operation);
    const cls = Uint8Array.from(ops.names, (name) => classCode('AuditLogs', name));
    const times = values(t, columns.time) as ArrayLike<number>;
    const result = values(t, columns.auditResult);
    const parameters = values(t, columns.parameters);
    const rights = values(t, columns.accessRights) as ArrayLike<string>;
    const codes = ops.codes;
    for (let r = 0; r < codes.length; r++) {
      let c = cls[codes[r]!]!;
      if (c === NO_CLASS || !Number.isFinite(times[r])) continue;
      if (c === DENSITY) {
        densityRows.push(r);
        continue;
      }
      if (c === REFINE_SET_MAILBOX || c === REFINE_AUDIT_SWITCH) {
        const refine: RowRefinement = c === REFINE_SET_MAILBOX ? 'setMailbox' : 'auditSwitch';
        const k = refineClass(refine, parameters[r], rights[r] ?? '');
        if (k === null || k === 'density') continue;
        c = TIMELINE_MARKER_KINDS.indexOf(k);
      }
      pushMarker(raw, times[r]!, 0, r, c, isFailed(result[r]));
    }
  }

  private scanSignIns(t: ColumnTable, raw: RawMarkers): void {
    const times = values(t, columns.time) as ArrayLike<number>;
    const result = values(t, columns.signInResult);
    const signIn = TIMELINE_MARKER_KINDS.indexOf('signIn');
    for (let r = 0; r < times.length; r++) {
      if (Number.isFinite(times[r])) pushMarker(raw, times[r]!, 1, r, signIn, isFailed(result[r]));
    }
  }

  private scanDirectoryAudits(t: ColumnTable, raw: RawMarkers): void {
    const ops = codesOf(t, columns.operation);
    const cls = Uint8Array.from(ops.names, (name) => classCode('DirectoryAudits', name));
    const times = values(t, columns.time) as ArrayLike<number>;
    const result = values(t, columns.directoryResult);
    const codes = ops.codes;
    for (let r = 0; r < codes.length; r++) {
      const c = cls[codes[r]!]!;
      if (c >= REFINE_AUDIT_SWITCH || !Number.isFinite(times[r])) continue;
      pushMarker(raw, times[r]!, 2, r, c, isFailed(result[r]));
    }
  }
}

function pushMarker(raw: RawMarkers, time: number, table: number, row: number, kind: number, failed: boolean): void {
  raw.time.push(time);
  raw.table.push(table);
  raw.row.push(row);
  raw.kind.push(kind);
  raw.failed.push(failed ? 1 : 0);
}
