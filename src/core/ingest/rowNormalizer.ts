/**
 * Turns source objects into one row of a table, reading the catalogue's source lists:
 * for each key of each source object (any case), the column it feeds gets the value if
 * no more preferred source already gave one. Values are then converted by column.
 */
import type { ColumnDef, SourceFamily, TableDef } from '../schema/types';
import {
  parseJsonText, toBool, toDynamic, toLogonType, toNameValueBag, toNumber, toOperation, toOperationProperties,
  toRecordType, toResultStatus, toStringValue, toUserType,
} from './convert';
import { FieldMap, resolvePath, type FieldTarget } from './fieldMap';
import { parseClientAddress } from './ip';
import { parseTime } from './time';

type Convert = (raw: unknown) => unknown;

function converterFor(col: ColumnDef): Convert {
  switch (col.convert) {
    case 'time': return parseTime;
    case 'ip': return (v) => parseClientAddress(v).ip;
    case 'resultStatus': return toResultStatus;
    case 'recordType': return toRecordType;
    case 'logonType': return toLogonType;
    case 'userType': return toUserType;
    case 'operation': return toOperation;
    case 'nameValueBag': return toNameValueBag;
    case 'operationProperties': return toOperationProperties;
    case 'json': return toDynamic;
    default: break;
  }
  switch (col.type) {
    case 'string': return toStringValue;
    case 'long':
    case 'real': return toNumber;
    case 'bool': return toBool;
    case 'dynamic': return parseJsonText;
    default: return (v) => v ?? null;
  }
}

function emptyValue(col: ColumnDef): unknown {
  return col.type === 'string' ? '' : null;
}

const ABSENT = 1 << 30;

export class RowNormalizer {
  readonly def: TableDef;
  readonly raw: unknown[];
  readonly values: unknown[];
  private readonly rank: Int32Array;
  private readonly converters: Convert[];
  private readonly empties: unknown[];
  private readonly maps = new Map<SourceFamily, FieldMap>();
  /** Source keys that feed no column but that derived columns read (e.g. OperationProperties), by lower-case name. */
  private readonly extraSlots: ReadonlyMap<string, number>;
  private readonly extraExact = new Map<string, number>();
  /** Values of the extra keys for the current record, in the order given to the constructor. */
  readonly extra: unknown[];
  /** The source key each gathered raw value came from (to name keys that differ only in case). */
  private readonly rawKey: string[];
  /** Pairs of keys of the current record that differ only in case and gave different values, or null. */
  collisions: Array<[string, string]> | null = null;

  constructor(def: TableDef, extraKeys: readonly string[] = []) {
    this.extraSlots = new Map(extraKeys.map((k, i) => [k.toLowerCase(), i]));
    this.extra = new Array(extraKeys.length).fill(undefined);
    this.def = def;
    const n = def.columns.length;
    this.raw = new Array(n).fill(undefined);
    this.rawKey = new Array(n).fill('');
    this.values = new Array(n).fill(undefined);
    this.rank = new Int32Array(n);
    this.converters = def.columns.map(converterFor);
    this.empties = def.columns.map(emptyValue);
  }

  begin(): void {
    this.raw.fill(undefined);
    if (this.extra.length) this.extra.fill(undefined);
    this.rank.fill(ABSENT);
    this.collisions = null;
  }

  /** The lookup map of a source family (source key, any case -> the columns it feeds). */
  mapOf(family: SourceFamily): FieldMap {
    let map = this.maps.get(family);
    if (!map) {
      map = new FieldMap(this.def, family);
      this.maps.set(family, map);
    }
    return map;
  }

  /** Reads one source object; `preference` orders several objects of one record (0 first). */
  take(obj: Record<string, unknown>, family: SourceFamily, preference: number): void {
    const map = this.mapOf(family);
    const base = preference * 1000;
    for (const key in obj) {
      const targets = map.lookup(key);
      if (targets === null) {
        if (this.extra.length) this.takeExtra(key, obj[key]);
        continue;
      }
      this.put(key, obj[key], targets, base);
    }
  }

  /** One key's value, for the columns it feeds (`base`: the preference of its source object times 1000). */
  put(key: string, value: unknown, targets: readonly FieldTarget[], base: number): void {
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t]!;
      const rank = base + target.rank;
      if (rank >= this.rank[target.column]!) {
        // The same rank twice means two keys of one object that differ only in case.
        if (rank === this.rank[target.column] && key !== this.rawKey[target.column]) this.collide(target.column, key, value, target.rest);
        continue;
      }
      const v = target.rest.length === 0 ? value : resolvePath(value, target.rest);
      if (v === undefined || v === null || v === '') continue;
      this.raw[target.column] = v;
      this.rawKey[target.column] = key;
      this.rank[target.column] = rank;
    }
  }

  /** Whether a value of a key feeding `targets` could still be taken (a column holds nothing from a more preferred source). */
  wants(targets: readonly FieldTarget[], base: number): boolean {
    for (let t = 0; t < targets.length; t++) if (base + targets[t]!.rank < this.rank[targets[t]!.column]!) return true;
    return false;
  }

  /** Whether a key that feeds no column is one the derived columns read. */
  isExtra(key: string): boolean {
    return this.extraSlots.has(key.toLowerCase());
  }

  private collide(column: number, key: string, value: unknown, rest: readonly string[]): void {
    const v = rest.length === 0 ? value : resolvePath(value, rest);
    if (v === undefined || v === null || v === '' || v === this.raw[column]) return;
    const pair: [string, string] = [this.rawKey[column]!, key];
    if (this.collisions === null) this.collisions = [pair];
    else if (!this.collisions.some(([a, b]) => a === pair[0] && b === pair[1])) this.collisions.push(pair);
  }

  takeExtra(key: string, value: unknown): void {
    let slot = this.extraExact.get(key);
    if (slot === undefined) {
      slot = this.extraSlots.get(key.toLowerCase()) ?? -1;
      if (this.extraExact.size < 50_000) this.extraExact.set(key, slot);
    }
    if (slot >= 0 && this.extra[slot] === undefined && value !== null && value !== '') this.extra[slot] = value;
  }

  /** Converts the gathered raw values into `values` (catalogue order). */
  convert(): unknown[] {
    const n = this.raw.length;
    for (let i = 0; i < n; i++) {
      const r = this.raw[i];
      this.values[i] = r === undefined ? this.empties[i] : this.converters[i]!(r);
    }
    return this.values;
  }
}
