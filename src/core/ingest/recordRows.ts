/**
 * The per-record work of a load, shared by the serial loader and the parallel chunk encoder:
 * JSON text -> classify -> normalise by the catalogue -> derived columns -> time checks and
 * warnings. What becomes of a row (dedupe, table building) is the target's business.
 */
import { tables as tableDefs } from '../schema/catalog';
import type { ColumnDef, TableDef, TableName } from '../schema/types';
import { classifyJson, type RoutedRecord } from './classify';
import { auditLogsExtraKeys, derivationFor, type ColumnPositions, type Derive } from './derive';
import type { RecordPosition } from './recordSink';
import { RowNormalizer } from './rowNormalizer';
import { UalFastLane } from './scanner/ualFastLane';

export interface RowTarget {
  /**
   * A record that became a row. `values` is reused for the next record (copy what you keep);
   * `time` is NaN for a record without a time.
   */
  row(table: TableName, values: unknown[], time: number, pos: RecordPosition): void;
  reject(reason: string, pos: RecordPosition): void;
  warn(reason: string, pos: RecordPosition): void;
}

/** The loaded tables in the order the loader keeps them. */
export const tableNames: readonly TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];

export function tableDef(name: TableName): TableDef {
  return tableDefs.find((t) => t.name === name)!;
}

/** Address columns the loaded tables intern besides the catalogue's categorical ones (they repeat heavily). */
export const alsoInterned: ReadonlySet<string> = new Set(['ClientIp', 'IpAddress']);

/** Whether a column's strings are interned in the loaded table (one string per distinct value). */
export function isInterned(col: ColumnDef): boolean {
  return col.type === 'string' && (col.categorical === true || alsoInterned.has(col.name));
}

/** Column name -> position in the catalogue's column order. */
export function columnPositions(def: TableDef): ColumnPositions {
  return new Map(def.columns.map((c, i) => [c.name, i]));
}

interface TableShape {
  readonly normalizer: RowNormalizer;
  readonly derive: Derive;
  readonly timeAt: number;
}

function shapeOf(name: TableName): TableShape {
  const def = tableDef(name);
  const positions = columnPositions(def);
  return {
    normalizer: new RowNormalizer(def, name === 'AuditLogs' ? auditLogsExtraKeys : []),
    derive: derivationFor[name](positions),
    timeAt: positions.get('Time')!,
  };
}

export interface RecordRowsOptions {
  /** Read JSON lines of the hot UAL shape through the fast lane (UalFastLane; only for targets that take JsonText values). */
  readonly fastLane?: boolean;
}

export class RecordRows {
  private readonly shapes: Record<TableName, TableShape> = {
    AuditLogs: shapeOf('AuditLogs'),
    SignIns: shapeOf('SignIns'),
    DirectoryAudits: shapeOf('DirectoryAudits'),
  };
  private readonly lane: UalFastLane | null;

  constructor(private readonly target: RowTarget, options: RecordRowsOptions = {}) {
    this.lane = options.fastLane === true ? UalFastLane.forThread(this.shapes.AuditLogs.normalizer, isInterned) : null;
  }

  /** Readies the fast lane for the lines of `segment` (false: there is none, read lines as text). */
  fastLaneFor(segment: Buffer): boolean {
    if (this.lane === null) return false;
    this.lane.load(segment, this.shapes.AuditLogs.normalizer);
    return true;
  }

  /** A record as the bytes [start, end) of one JSON line: through the fast lane when it takes it, else parsed. */
  jsonBytes(buf: Buffer, start: number, end: number, pos: RecordPosition): void {
    let taken = false;
    try {
      taken = this.lane !== null && this.lane.read(buf, start, end);
    } catch {
      // Whatever the lane could not read, the parse reads (and names the problem, if there is one).
    }
    if (taken) this.emit('AuditLogs', pos, this.lane);
    else this.json(buf.toString('utf8', start, end), pos);
  }

  /** A record as JSON text: parsed, then routed (envelopes and pages unwrapped). */
  json(text: string, pos: RecordPosition): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.target.reject(`invalid JSON: ${(e as Error).message}`, pos);
      return;
    }
    this.route(value, pos, 0);
  }

  private route(value: unknown, pos: RecordPosition, depth: number): void {
    const c = classifyJson(value);
    if (c.kind === 'record') this.record(c.routed, pos);
    else if (c.kind === 'reject') this.target.reject(c.reason, pos);
    else if (depth > 2) this.target.reject('arrays nested too deep', pos);
    else for (const item of c.items) this.route(item, pos, depth + 1);
  }

  /** A record whose table and source objects are known (JSON records once classified, CSV rows). */
  record(routed: RoutedRecord, pos: RecordPosition): void {
    const n = this.shapes[routed.table].normalizer;
    try {
      n.begin();
      for (let p = 0; p < routed.parts.length; p++) n.take(routed.parts[p]![0], routed.parts[p]![1], p);
    } catch (e) {
      this.target.reject(`record could not be read: ${(e as Error).message}`, pos);
      return;
    }
    this.emit(routed.table, pos, null);
  }

  /** The row of the record the table's normaliser has gathered: converted, derived, checked, handed on. */
  private emit(table: TableName, pos: RecordPosition, lane: UalFastLane | null): void {
    const shape = this.shapes[table];
    const n = shape.normalizer;
    let values: unknown[];
    try {
      values = n.convert();
      shape.derive(values, n.raw, n.extra);
      lane?.complete(values);
    } catch (e) {
      // Attacker-shaped values (e.g. nesting too deep to print) must not stop the file.
      this.target.reject(`record could not be read: ${(e as Error).message}`, pos);
      return;
    }
    let time = values[shape.timeAt] as number | null;
    if (time === null || Number.isNaN(time)) {
      const rawTime = n.raw[shape.timeAt];
      if (rawTime !== undefined) {
        this.target.reject(`unreadable time ${JSON.stringify(String(rawTime).slice(0, 60))}`, pos);
        return;
      }
      // Some exports (e.g. a Sentinel projection) carry no time at all: keep the record, Time empty.
      this.target.warn('record has no time field; loaded with an empty Time', pos);
      time = Number.NaN;
    }
    if (n.collisions !== null) {
      const pairs = n.collisions.map(([a, b]) => `${JSON.stringify(a)} and ${JSON.stringify(b)}`).join(', ');
      this.target.warn(`keys that differ only in case: ${pairs}; the first was used`, pos);
    }
    this.target.row(table, values, time, pos);
  }
}
