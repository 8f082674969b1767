import { isoSecondsZ } from '../time/format';
import { camel, recordTypeName, str, userTypeName } from './names';
import type { RecordWriter } from './types';

/**
 * Graph audit log query records (security/auditLog/queries/{id}/records):
 * camelCase top level, enum members camelCase as the API documents them, and
 * the full AuditData under auditData.
 */
export function graphAuditRecord(id: string, time: number, a: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    createdDateTime: isoSecondsZ(time),
    auditLogRecordType: camel(recordTypeName(a.RecordType)),
    operation: str(a.Operation),
    organizationId: str(a.OrganizationId),
    userType: camel(userTypeName(a.UserType)),
    userId: str(a.UserKey),
    userPrincipalName: str(a.UserId),
    clientIp: str(a.ClientIP ?? a.ClientIPAddress),
    objectId: str(a.ObjectId),
    service: str(a.Workload),
    administrativeUnits: [],
    auditData: { '@odata.type': '#microsoft.graph.security.defaultAuditData', ...a },
  };
}

export function graphAuditJsonLinesWriter(): RecordWriter {
  return {
    header: () => '',
    write: (r) => (r.table === 'AuditLogs' ? `${JSON.stringify(graphAuditRecord(r.id, r.time, r.record))}\n` : ''),
    footer: () => '',
  };
}
