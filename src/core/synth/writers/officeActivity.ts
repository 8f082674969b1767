import { guidFromHash } from '../random/prng';
import { hashString } from '../random/hash';
import { isoMillisZ, sentinelDate } from '../time/format';
import { BOM, csvRow } from './csv';
import { logonTypeName, recordTypeName, str, userTypeName } from './names';
import type { RecordWriter, WriterContext } from './types';
import type { SynthRecord } from '../generator';

/** The OfficeActivity columns of a Log Analytics CSV export, in export order (Microsoft's Sentinel training lab file). */
export const OFFICE_ACTIVITY_HEADER: readonly string[] = [
  'TenantId', 'Application', 'UserDomain', 'UserAgent', 'RecordType', 'TimeGenerated [UTC]', 'Operation', 'OrganizationId', 'OrganizationId_',
  'UserType', 'UserKey', 'OfficeWorkload', 'ResultStatus', 'ResultReasonType', 'OfficeObjectId', 'UserId', 'UserId_', 'ClientIP', 'ClientIP_',
  'Scope', 'Site_', 'ItemType', 'EventSource', 'Source_Name', 'MachineDomainInfo', 'MachineId', 'Site_Url', 'Site_Url_', 'SourceRelativeUrl',
  'SourceRelativeUrl_', 'SourceFileName', 'SourceFileName_', 'SourceFileExtension', 'DestinationRelativeUrl', 'DestinationFileName',
  'DestinationFileExtension', 'UserSharedWith', 'SharingType', 'CustomEvent', 'Event_Data', 'ModifiedObjectResolvedName', 'Parameters',
  'ExternalAccess', 'OriginatingServer', 'OrganizationName', 'Logon_Type', 'InternalLogonType', 'MailboxGuid', 'MailboxOwnerUPN',
  'MailboxOwnerSid', 'MailboxOwnerMasterAccountSid', 'LogonUserSid', 'LogonUserDisplayName', 'ClientInfoString', 'Client_IPAddress',
  'ClientMachineName', 'ClientProcessName', 'ClientVersion', 'Folder', 'CrossMailboxOperations', 'DestMailboxId', 'DestMailboxOwnerUPN',
  'DestMailboxOwnerSid', 'DestMailboxOwnerMasterAccountSid', 'DestFolder', 'Folders', 'AffectedItems', 'Item', 'ModifiedProperties',
  'SendAsUserSmtp', 'SendAsUserMailboxGuid', 'SendOnBehalfOfUserSmtp', 'SendonBehalfOfUserMailboxGuid', 'ExtendedProperties', 'Client',
  'LoginStatus', 'Actor', 'ActorContextId', 'ActorIpAddress', 'InterSystemsId', 'IntraSystemId', 'SupportTicketId', 'TargetContextId',
  'DataCenterSecurityEventType', 'EffectiveOrganization', 'ElevationTime [UTC]', 'ElevationApprover', 'ElevationApprovedTime [UTC]',
  'ElevationRequestId', 'ElevationRole', 'ElevationDuration', 'GenericInfo', 'SourceSystem', 'OfficeId', 'SourceRecordId',
  'AzureActiveDirectory_EventType', 'AADTarget', 'Start_Time [UTC]', 'OfficeTenantId', 'OfficeTenantId_', 'TargetUserOrGroupName',
  'TargetUserOrGroupType', 'MessageId', 'Members', 'TeamName', 'TeamGuid', 'ChannelType', 'ChannelName', 'ChannelGuid', 'ExtraProperties',
  'AddOnType', 'AddonName', 'TabType', 'Name', 'OldValue', 'NewValue', 'ItemName', 'ChatThreadId', 'ChatName', 'CommunicationType',
  'AADGroupId', 'AddOnGuid', 'AppDistributionMode', 'TargetUserId', 'OperationScope', 'AzureADAppId', 'OperationProperties', 'AppId',
  'ClientAppId', 'Type', '_ResourceId',
];

/** The Log Analytics workspace id shown as TenantId in Sentinel exports (stable per tenant). */
export function workspaceId(tenantId: string): string {
  return guidFromHash(hashString(`workspace:${tenantId}`));
}

function pretty(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 2);
}

function bool(v: unknown, csv: boolean): string | boolean {
  if (v === undefined || v === null) return '';
  const b = v === true || String(v).toLowerCase() === 'true';
  return csv ? (b ? 'TRUE' : 'FALSE') : b;
}

/** Sentinel keeps record type names for the older types and the number for the newer ones (50 ExchangeItemAggregated shows as "50"). */
function sentinelRecordType(code: unknown): string {
  return typeof code === 'number' && code >= 36 ? String(code) : recordTypeName(code);
}

function userAgentOf(a: Record<string, unknown>): string {
  const ext = a.ExtendedProperties;
  if (!Array.isArray(ext)) return '';
  const ua = ext.find((x: { Name?: string }) => x && x.Name === 'UserAgent') as { Value?: string } | undefined;
  return ua?.Value ?? '';
}

/** The OfficeActivity columns of one UAL record (values as Log Analytics holds them; booleans per `csv`). */
export function officeActivityValues(r: SynthRecord, ctx: WriterContext, csv: boolean): [string, string | number | boolean][] {
  const a = r.record;
  const out: [string, string | number | boolean][] = [];
  const put = (k: string, v: string | number | boolean): void => { if (v !== '') out.push([k, v]); };
  put('TenantId', workspaceId(ctx.tenantId));
  put('UserAgent', userAgentOf(a));
  put('RecordType', sentinelRecordType(a.RecordType));
  put(csv ? 'TimeGenerated [UTC]' : 'TimeGenerated', csv ? sentinelDate(r.time) : isoMillisZ(r.time));
  put('Operation', str(a.Operation));
  put('OrganizationId', str(a.OrganizationId));
  put('OrganizationId_', str(a.OrganizationId));
  put('UserType', userTypeName(a.UserType));
  put('UserKey', str(a.UserKey));
  put('OfficeWorkload', str(a.Workload));
  put('ResultStatus', str(a.ResultStatus));
  put('ResultReasonType', str(a.ResultStatus));
  put('OfficeObjectId', str(a.ObjectId));
  put('UserId', str(a.UserId));
  put('UserId_', str(a.UserId));
  put('ClientIP', str(a.ClientIP));
  put('ClientIP_', str(a.ClientIP));
  put('Parameters', pretty(a.Parameters));
  put('ExternalAccess', bool(a.ExternalAccess, csv));
  put('OriginatingServer', str(a.OriginatingServer).replace(/\r\n$/, '\n'));
  put('OrganizationName', str(a.OrganizationName));
  if (a.LogonType !== undefined) put('Logon_Type', logonTypeName(a.LogonType));
  put('InternalLogonType', str(a.InternalLogonType));
  put('MailboxGuid', str(a.MailboxGuid));
  put('MailboxOwnerUPN', str(a.MailboxOwnerUPN));
  put('MailboxOwnerSid', str(a.MailboxOwnerSid));
  put('LogonUserSid', str(a.LogonUserSid));
  put('ClientInfoString', str(a.ClientInfoString));
  put('Client_IPAddress', str(a.ClientIPAddress));
  put('Folders', pretty(a.Folders));
  put('Item', pretty(a.Item));
  put('ModifiedProperties', pretty(a.ModifiedProperties));
  put('ExtendedProperties', pretty(a.ExtendedProperties));
  put('Actor', pretty(a.Actor));
  put('ActorContextId', str(a.ActorContextId));
  put('ActorIpAddress', str(a.ActorIpAddress));
  put('InterSystemsId', str(a.InterSystemsId));
  put('IntraSystemId', str(a.IntraSystemId));
  put('SupportTicketId', str(a.SupportTicketId));
  put('TargetContextId', str(a.TargetContextId));
  put('EffectiveOrganization', str(a.EffectiveOrganization));
  put('SourceSystem', 'OfficeActivityManager');
  put('OfficeId', r.id);
  put('SourceRecordId', r.id);
  put('AzureActiveDirectory_EventType', str(a.AzureActiveDirectoryEventType));
  put('AADTarget', pretty(a.Target));
  put('OfficeTenantId', str(a.OrganizationId));
  put('OfficeTenantId_', str(a.OrganizationId));
  if (a.OperationProperties !== undefined) put('OperationProperties', JSON.stringify(a.OperationProperties));
  put('AppId', str(a.AppId ?? a.ApplicationId));
  put('ClientAppId', str(a.ClientAppId));
  put('Type', 'OfficeActivity');
  return out;
}

const COLUMN = new Map(OFFICE_ACTIVITY_HEADER.map((h, i) => [h, i]));

/** OfficeActivity as a Log Analytics CSV export: BOM, "TimeGenerated [UTC]" US-style times, multi-line JSON cells. */
export function officeActivityCsvWriter(ctx: WriterContext): RecordWriter {
  return {
    header: () => BOM + csvRow(OFFICE_ACTIVITY_HEADER),
    write: (r) => {
      if (r.table !== 'AuditLogs') return '';
      const cells: string[] = new Array<string>(OFFICE_ACTIVITY_HEADER.length).fill('');
      for (const [k, v] of officeActivityValues(r, ctx, true)) {
        const i = COLUMN.get(k);
        if (i !== undefined) cells[i] = String(v);
      }
      return csvRow(cells);
    },
    footer: () => '',
  };
}

/** OfficeActivity rows as JSON lines (Log Analytics JSON export: ISO TimeGenerated, empty columns left out). */
export function officeActivityJsonLinesWriter(ctx: WriterContext): RecordWriter {
  return {
    header: () => '',
    write: (r) => (r.table === 'AuditLogs' ? `${JSON.stringify(Object.fromEntries(officeActivityValues(r, ctx, false)))}\n` : ''),
    footer: () => '',
  };
}
