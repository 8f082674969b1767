/**
 * Audit log queries (security/auditLog/queries: create, poll, page records),
 * sign-ins and directory audits over the synthetic tenant's records.
 */
import { randomUUID } from 'node:crypto';
import type { SynthRecord } from '../../src/core/synth';
import { graphAuditRecord } from '../../src/core/synth/writers/graphAudit';
import type { Obj } from './render';

export interface StoredRecord { readonly time: number; readonly id: string; readonly body: Obj }

export interface AuditQuery {
  id: string;
  body: Obj;
  start: number;
  end: number;
  status: 'notStarted' | 'running' | 'succeeded' | 'failed';
  polls: number;
  matches: StoredRecord[];
}

export class AuditService {
  readonly audit: StoredRecord[] = [];
  readonly signIns: StoredRecord[] = [];
  readonly directoryAudits: StoredRecord[] = [];
  readonly queries = new Map<string, AuditQuery>();
  /** Polls a query answers "running" before it succeeds. */
  pollsUntilDone = 1;
  /** Added to the count the service reports for queries whose window starts at these times (a miscount). */
  readonly countSkew = new Map<number, number>();

  constructor(records: Iterable<SynthRecord>) {
    for (const r of records) {
      if (r.table === 'AuditLogs') this.audit.push({ time: r.time, id: r.id, body: graphAuditRecord(r.id, r.time, r.record) });
      else if (r.table === 'SignIns') this.signIns.push({ time: r.time, id: r.id, body: r.record });
      else this.directoryAudits.push({ time: r.time, id: r.id, body: r.record });
    }
  }

  create(body: Obj): AuditQuery | string {
    const start = Date.parse(String(body.filterStartDateTime ?? ''));
    const end = Date.parse(String(body.filterEndDateTime ?? ''));
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return 'filterStartDateTime and filterEndDateTime must be dates, start before end';
    const ops = new Set(((body.operationFilters as string[] | undefined) ?? []).map((o) => o.toLowerCase()));
    const types = new Set(((body.recordTypeFilters as string[] | undefined) ?? []).map((o) => o.toLowerCase()));
    const matches = this.audit.filter((r) => r.time >= start && r.time < end
      && (ops.size === 0 || ops.has(String(r.body.operation).toLowerCase()))
      && (types.size === 0 || types.has(String(r.body.auditLogRecordType).toLowerCase())));
    const q: AuditQuery = { id: randomUUID(), body, start, end, status: 'notStarted', polls: 0, matches };
    this.queries.set(q.id, q);
    return q;
  }

  /** The query as GET returns it; each poll moves it along. */
  poll(id: string): Obj | undefined {
    const q = this.queries.get(id);
    if (!q) return undefined;
    if (q.status !== 'succeeded') {
      q.polls++;
      q.status = q.polls > this.pollsUntilDone ? 'succeeded' : 'running';
    }
    return this.view(q);
  }

  view(q: AuditQuery): Obj {
    return {
      '@odata.context': '$metadata#security/auditLog/queries/$entity',
      id: q.id, displayName: q.body.displayName ?? null,
      filterStartDateTime: new Date(q.start).toISOString(), filterEndDateTime: new Date(q.end).toISOString(),
      recordTypeFilters: q.body.recordTypeFilters ?? [], keywordFilter: null, serviceFilters: [], operationFilters: q.body.operationFilters ?? [],
      userPrincipalNameFilters: [], ipAddressFilters: [], objectIdFilters: [], administrativeUnitIdFilters: [], status: q.status,
      ...(q.status === 'succeeded' ? { approximateReturnedRecordCount: this.reported(q) } : {}),
    };
  }

  reported(q: AuditQuery): number {
    return q.matches.length + (this.countSkew.get(q.start) ?? 0);
  }
}

/** A Graph $filter of the form "prop ge X and prop lt Y" on one date property. */
export function timeFilter(filter: string | null, property: string): (t: number) => boolean {
  if (!filter) return () => true;
  const tests: Array<(t: number) => boolean> = [];
  const re = new RegExp(`${property}\\s+(ge|gt|le|lt|eq)\\s+'?([0-9T:.\\-Z+]+)'?`, 'gi');
  for (const m of filter.matchAll(re)) {
    const v = Date.parse(m[2]!);
    const op = m[1]!.toLowerCase();
    tests.push(op === 'ge' ? (t) => t >= v : op === 'gt' ? (t) => t > v : op === 'le' ? (t) => t <= v : op === 'lt' ? (t) => t < v : (t) => t === v);
  }
  return (t) => tests.every((f) => f(t));
}
