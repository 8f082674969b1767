import { ualTime } from '../time/format';
import type { RecordContext, Row } from './context';

/** eDiscovery (compliance search) activity: RecordType 24 Discovery. */
export interface DiscoverySpec {
  readonly id: string;
  readonly time: number;
  readonly operation: 'SearchCreated' | 'SearchStarted' | 'SearchViewed' | 'SearchExported' | 'SearchExportDownloaded';
  readonly actor: { readonly upn: string; readonly puid: string };
  readonly clientIp: string;
  readonly searchName: string;
  readonly caseId: string;
  readonly query: string;
  readonly exchangeLocations: readonly string[];
  /** The cmdlet parameters behind the action, as one string. */
  readonly parameters: string;
}

export function discoveryRecord(ctx: RecordContext, s: DiscoverySpec): Row {
  const exportish = s.operation === 'SearchExported' || s.operation === 'SearchExportDownloaded';
  return {
    CreationTime: ualTime(s.time),
    Id: s.id,
    Operation: s.operation,
    OrganizationId: ctx.tenantId,
    RecordType: 24,
    UserKey: s.actor.puid,
    UserType: 0,
    Version: 1,
    Workload: 'SecurityComplianceCenter',
    ClientIP: s.clientIp,
    ObjectId: exportish ? `${s.searchName}_Export` : s.searchName,
    UserId: s.actor.upn,
    Case: s.caseId,
    ExchangeLocations: [...s.exchangeLocations],
    ObjectType: exportish ? 'SearchAction' : 'Search',
    Parameters: s.parameters,
    Query: s.query,
    SharepointLocations: [],
    StartTime: ualTime(s.time),
  };
}

/** A Security & Compliance PowerShell cmdlet (RecordType 18): Parameters is one string there, not a list. */
export interface ComplianceCmdletSpec {
  readonly id: string;
  readonly time: number;
  readonly operation: 'New-ComplianceSearch' | 'Start-ComplianceSearch' | 'New-ComplianceSearchAction';
  readonly actor: { readonly upn: string; readonly puid: string };
  readonly clientIp: string;
  readonly objectId: string;
  readonly parameters: readonly (readonly [string, string])[];
  readonly sessionId: string;
}

export function complianceCmdletRecord(ctx: RecordContext, s: ComplianceCmdletSpec): Row {
  const quote = (v: string): string => (v.includes('"') ? `'${v}'` : `"${v}"`);
  const typed = s.parameters.map(([n, v]) => (v === '' ? `-${n}` : `-${n} ${quote(v)}`)).join(' ');
  const masked = s.parameters.map(([n, v]) => (v === '' ? `-${n}` : `-${n} "***"`)).join(' ');
  return {
    CreationTime: ualTime(s.time),
    Id: s.id,
    Operation: s.operation,
    OrganizationId: ctx.tenantId,
    RecordType: 18,
    ResultStatus: 'True',
    UserKey: s.actor.puid,
    UserType: 2,
    Version: 1,
    Workload: 'SecurityComplianceCenter',
    ClientIP: s.clientIp,
    ObjectId: s.objectId,
    UserId: s.actor.upn,
    SecurityComplianceCenterEventType: 0,
    ClientApplication: 'EMC',
    CmdletVersion: '',
    EffectiveOrganization: ctx.initialDomain,
    NonPIIParameters: masked,
    Parameters: typed,
    SessionId: s.sessionId,
  };
}
