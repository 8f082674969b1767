/**
 * Hand-built loaded tables for timeline tests: rows given as partial records, every other
 * catalogue column filled the way the loader fills it ('' for strings, null otherwise, times as
 * epoch-ms numbers).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { tableDef } from '../../../src/core/schema/catalog';
import type { TableName } from '../../../src/core/schema/types';
import type { TimelineTables } from '../../../src/core/timeline';
import { DatasetLoader } from '../../../src/core/ingest';

export type Row = Record<string, unknown>;

export function at(iso: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
}

let counter = 0;

export function table(name: TableName, rows: readonly Row[]): ColumnTable {
  const def = tableDef(name);
  const data: Record<string, unknown[] | Float64Array> = {};
  for (const c of def.columns) {
    if (c.name === 'Time') data.Time = Float64Array.from(rows, (r) => (typeof r.Time === 'number' ? r.Time : at(String(r.Time))));
    else if (c.name === 'Id') data.Id = rows.map((r) => (typeof r.Id === 'string' ? r.Id : `${name}-${++counter}`));
    else data[c.name] = rows.map((r) => (c.name in r ? r[c.name] : c.type === 'string' ? '' : null));
  }
  for (const r of rows) for (const k of Object.keys(r)) if (!def.columns.some((c) => c.name === k)) throw new Error(`${name} has no column ${k}`);
  return aq.table(data);
}

export function tables(parts: { AuditLogs?: Row[]; SignIns?: Row[]; DirectoryAudits?: Row[] }): TimelineTables {
  return {
    AuditLogs: table('AuditLogs', parts.AuditLogs ?? []),
    SignIns: table('SignIns', parts.SignIns ?? []),
    DirectoryAudits: table('DirectoryAudits', parts.DirectoryAudits ?? []),
  };
}

/** `n` MailItemsAccessed records from `start`, one every `stepMs`. */
export function reads(n: number, start: number, stepMs: number, fields: Row): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    Operation: 'MailItemsAccessed', RecordType: 'ExchangeItemAggregated', Workload: 'Exchange', ResultStatus: 'Succeeded',
    MailAccessType: 'Bind', ItemCount: 1, LogonType: 'Owner', IsThrottled: false, ...fields, Time: start + i * stepMs,
  }));
}

/** Loads JSON lines (one UAL / Graph record per line) through the real loader. */
export async function loadLines(name: string, lines: readonly string[]): Promise<TimelineTables> {
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const loader = new DatasetLoader();
  await loader.load({ name, async *open() { yield bytes; } });
  return loader.finish().tables;
}
