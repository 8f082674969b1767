import { sentinelDate } from '../time/format';
import { BOM, csvRow } from './csv';
import { str } from './names';
import { workspaceId } from './officeActivity';
import type { RecordWriter, WriterContext } from './types';
import type { SynthRecord } from '../generator';

/** Sentinel AuditLogs columns (the table's standard columns, Log Analytics export order). */
export const AUDIT_LOGS_HEADER: readonly string[] = [
  'TenantId', 'SourceSystem', 'TimeGenerated [UTC]', 'ResourceId', 'OperationName', 'OperationVersion', 'Category', 'ResultType',
  'ResultSignature', 'ResultDescription', 'DurationMs', 'CorrelationId', 'Resource', 'ResourceGroup', 'ResourceProvider', 'Identity', 'Level',
  'Location', 'AdditionalDetails', 'Id', 'InitiatedBy', 'LoggedByService', 'Result', 'ResultReason', 'TargetResources', 'AADTenantId',
  'ActivityDisplayName', 'ActivityDateTime [UTC]', 'AADOperationType', 'Type',
];

/** The display of who initiated a directory change, as Sentinel's Identity column shows it. */
export function initiatorName(d: Record<string, unknown>): string {
  const by = (d.initiatedBy ?? {}) as { user?: { userPrincipalName?: string; displayName?: string | null }; app?: { displayName?: string } };
  return by.user ? str(by.user.displayName ?? by.user.userPrincipalName) : str(by.app?.displayName);
}

function auditLogsRow(r: SynthRecord, ctx: WriterContext): string {
  const d = r.record;
  return csvRow([
    workspaceId(ctx.tenantId), 'Azure AD', sentinelDate(r.time), `/tenants/${ctx.tenantId}/providers/Microsoft.aadiam`,
    str(d.activityDisplayName), '1.0', str(d.category), '', 'None', '', '0', str(d.correlationId), 'Microsoft.aadiam', 'Microsoft.aadiam', '',
    initiatorName(d), '4', '', JSON.stringify(d.additionalDetails ?? []), r.id, JSON.stringify(d.initiatedBy ?? {}), str(d.loggedByService),
    str(d.result), str(d.resultReason), JSON.stringify(d.targetResources ?? []), ctx.tenantId, str(d.activityDisplayName), sentinelDate(r.time),
    str(d.operationType), 'AuditLogs',
  ]);
}

/** Sentinel AuditLogs as a Log Analytics CSV export. */
export function auditLogsCsvWriter(ctx: WriterContext): RecordWriter {
  return {
    header: () => BOM + csvRow(AUDIT_LOGS_HEADER),
    write: (r) => (r.table === 'DirectoryAudits' ? auditLogsRow(r, ctx) : ''),
    footer: () => '',
  };
}
