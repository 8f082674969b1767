/**
 * Hand-built loaded tables for rule tests: rows given as partial records, every
 * other catalogue column filled as the loader fills it ('' for strings, null
 * otherwise, times as epoch-ms numbers).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { tableDef } from '../../../../src/core/schema/catalog';
import type { TableName } from '../../../../src/core/schema/types';
import type { LoadedTables } from '../../../../src/core/findings';

export type Row = Record<string, unknown>;

/** Epoch ms of an ISO time (UTC when it has no zone). */
export function at(iso: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
}

let counter = 0;

/** A fresh record Id. */
export function nextId(prefix = 'rec'): string {
  counter++;
  return `${prefix}-${String(counter).padStart(6, '0')}`;
}

export function table(name: TableName, rows: readonly Row[]): ColumnTable {
  const def = tableDef(name);
  const data: Record<string, unknown[] | Float64Array> = {};
  for (const c of def.columns) {
    if (c.name === 'Time') {
      data.Time = Float64Array.from(rows, (r) => (typeof r.Time === 'number' ? r.Time : typeof r.Time === 'string' ? at(r.Time) : Number.NaN));
    } else if (c.name === 'Id') {
      data.Id = rows.map((r) => (typeof r.Id === 'string' ? r.Id : nextId(name)));
    } else {
      data[c.name] = rows.map((r) => (c.name in r ? r[c.name] : c.type === 'string' ? '' : null));
    }
  }
  for (const r of rows) for (const k of Object.keys(r)) if (!def.columns.some((c) => c.name === k)) throw new Error(`${name} has no column ${k}`);
  return aq.table(data);
}

export function tables(parts: { AuditLogs?: Row[]; SignIns?: Row[]; DirectoryAudits?: Row[] }): LoadedTables {
  return {
    AuditLogs: table('AuditLogs', parts.AuditLogs ?? []),
    SignIns: table('SignIns', parts.SignIns ?? []),
    DirectoryAudits: table('DirectoryAudits', parts.DirectoryAudits ?? []),
  };
}

/** MailItemsAccessed records, `n` of them from `start` every `stepMs`. */
export function mailAccess(n: number, start: number, stepMs: number, fields: Row): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    Operation: 'MailItemsAccessed', RecordType: 'ExchangeItemAggregated', Workload: 'Exchange', ResultStatus: 'Succeeded',
    MailAccessType: 'Bind', ItemCount: 1, LogonType: 'Owner', ...fields, Time: start + i * stepMs,
  }));
}
