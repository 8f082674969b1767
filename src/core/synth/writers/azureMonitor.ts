import { iso7Offset, iso7Z } from '../time/format';
import { str } from './names';
import { initiatorName } from './directoryAudits';
import { signInCategory } from './signIns';
import type { RecordWriter, WriterContext } from './types';
import type { SynthRecord } from '../generator';

function fraction(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 10000;
}

/** One Azure Monitor diagnostic-settings record (Event Hub / storage shape) for a sign-in or a directory audit. */
export function azureMonitorRecord(r: SynthRecord, ctx: WriterContext): Record<string, unknown> | undefined {
  const resourceId = `/tenants/${ctx.tenantId}/providers/Microsoft.aadiam`;
  const f = fraction(r.id);
  if (r.table === 'SignIns') {
    const s = r.record;
    const status = (s.status ?? {}) as Record<string, unknown>;
    const error = Number(status.errorCode ?? 0);
    const loc = (s.location ?? {}) as Record<string, unknown>;
    return {
      time: iso7Z(r.time, f),
      resourceId,
      operationName: 'Sign-in activity',
      operationVersion: '1.0',
      category: signInCategory(s),
      tenantId: ctx.tenantId,
      resultType: String(error),
      resultSignature: 'None',
      ...(error !== 0 ? { resultDescription: str(status.failureReason) } : {}),
      durationMs: 0,
      callerIpAddress: str(s.ipAddress),
      correlationId: str(s.correlationId),
      identity: str(s.userDisplayName ?? s.servicePrincipalName),
      Level: 4,
      location: str(loc.countryOrRegion),
      properties: { ...s, createdDateTime: iso7Offset(r.time, f) },
    };
  }
  if (r.table === 'DirectoryAudits') {
    const d = r.record;
    const by = (d.initiatedBy ?? {}) as { user?: { ipAddress?: string } };
    const fd = Number(String(d.activityDateTime ?? '').slice(23, 27)) || 0;
    return {
      time: iso7Z(r.time, fd),
      resourceId,
      operationName: str(d.activityDisplayName),
      operationVersion: '1.0',
      category: 'AuditLogs',
      tenantId: ctx.tenantId,
      resultSignature: 'None',
      durationMs: 0,
      callerIpAddress: str(by.user?.ipAddress) || '<null>',
      correlationId: str(d.correlationId),
      identity: initiatorName(d),
      Level: 4,
      properties: { ...d, tenantId: ctx.tenantId, activityDateTime: iso7Offset(r.time, fd) },
    };
  }
  return undefined;
}

/** Entra sign-ins and directory audits as Azure Monitor diagnostic settings write them: {"records":[...]}. */
export function azureMonitorWriter(ctx: WriterContext): RecordWriter {
  let first = true;
  return {
    header: () => '{"records":[\n',
    write: (r) => {
      const rec = azureMonitorRecord(r, ctx);
      if (!rec) return '';
      const sep = first ? '' : ',\n';
      first = false;
      return sep + JSON.stringify(rec);
    },
    footer: () => (first ? ']}\n' : '\n]}\n'),
  };
}
