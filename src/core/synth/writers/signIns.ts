import { sentinelDate } from '../time/format';
import { BOM, csvRow } from './csv';
import { str } from './names';
import { workspaceId } from './officeActivity';
import type { RecordWriter, WriterContext } from './types';
import type { SynthRecord } from '../generator';

/** SigninLogs columns of a Log Analytics CSV export, in export order (Microsoft's Sentinel training lab file). */
export const SIGNIN_LOGS_HEADER: readonly string[] = [
  'TenantId', 'SourceSystem', 'ResourceId', 'OperationName', 'OperationVersion', 'Category', 'ResultType', 'ResultSignature',
  'ResultDescription', 'DurationMs', 'CorrelationId', 'Resource', 'ResourceGroup', 'ResourceProvider', 'Identity', 'Level', 'Location',
  'AlternateSignInName', 'AppDisplayName', 'AppId', 'AuthenticationDetails', 'AuthenticationMethodsUsed', 'AuthenticationProcessingDetails',
  'AuthenticationRequirement', 'AuthenticationRequirementPolicies', 'ClientAppUsed', 'ConditionalAccessPolicies_dynamic',
  'ConditionalAccessPolicies_string', 'ConditionalAccessStatus', 'CreatedDateTime [UTC]', 'DeviceDetail_dynamic', 'DeviceDetail_string',
  'IsInteractive', 'Id', 'IPAddress', 'IsRisky', 'LocationDetails_dynamic', 'LocationDetails_string', 'MfaDetail_dynamic', 'MfaDetail_string',
  'NetworkLocationDetails', 'OriginalRequestId', 'ProcessingTimeInMilliseconds', 'RiskDetail', 'RiskEventTypes', 'RiskEventTypes_V2',
  'RiskLevelAggregated', 'RiskLevelDuringSignIn', 'RiskState', 'ResourceDisplayName', 'ResourceIdentity', 'ServicePrincipalId',
  'ServicePrincipalName', 'Status_dynamic', 'Status_string', 'TokenIssuerName', 'TokenIssuerType', 'UserAgent', 'UserDisplayName', 'UserId',
  'UserPrincipalName', 'AADTenantId', 'UserType', 'FlaggedForReview', 'SignInIdentifier', 'SignInIdentifierType', 'ResourceTenantId',
  'HomeTenantId', 'Type', 'AdditionalDetails', 'InitiatedBy',
];

const COLUMN = new Map(SIGNIN_LOGS_HEADER.map((h, i) => [h, i]));

/** Which sign-in log a Graph signIn belongs to. */
export function signInCategory(s: Record<string, unknown>): string {
  const types = s.signInEventTypes;
  if (Array.isArray(types) && types.includes('servicePrincipal')) return 'ServicePrincipalSignInLogs';
  return s.isInteractive === false ? 'NonInteractiveUserSignInLogs' : 'SignInLogs';
}

function location(s: Record<string, unknown>): Record<string, unknown> {
  const l = (s.location ?? {}) as Record<string, unknown>;
  const g = (l.geoCoordinates ?? {}) as Record<string, unknown>;
  return { city: l.city, state: l.state, countryOrRegion: l.countryOrRegion, geoCoordinates: { latitude: g.latitude, longitude: g.longitude } };
}

function signInLogsRow(r: SynthRecord, ctx: WriterContext): string {
  const s = r.record;
  const status = (s.status ?? {}) as Record<string, unknown>;
  const error = Number(status.errorCode ?? 0);
  const cells: string[] = new Array<string>(SIGNIN_LOGS_HEADER.length).fill('');
  const set = (k: string, v: string): void => { cells[COLUMN.get(k)!] = v; };
  const loc = location(s);
  set('TenantId', workspaceId(ctx.tenantId));
  set('SourceSystem', 'Azure AD');
  set('ResourceId', `/tenants/${ctx.tenantId}/providers/Microsoft.aadiam`);
  set('OperationName', 'Sign-in activity');
  set('OperationVersion', '1');
  set('Category', signInCategory(s));
  set('ResultType', String(error));
  set('ResultSignature', 'None');
  if (error !== 0) set('ResultDescription', str(status.failureReason));
  set('DurationMs', '0');
  set('CorrelationId', str(s.correlationId));
  set('Resource', 'Microsoft.aadiam');
  set('ResourceGroup', 'Microsoft.aadiam');
  set('Identity', str(s.userDisplayName));
  set('Level', '4');
  set('Location', str(loc.countryOrRegion));
  set('AppDisplayName', str(s.appDisplayName));
  set('AppId', str(s.appId));
  set('AuthenticationDetails', '[]');
  set('AuthenticationProcessingDetails', '[]');
  set('AuthenticationRequirement', str(s.authenticationRequirement));
  set('AuthenticationRequirementPolicies', '[]');
  set('ClientAppUsed', str(s.clientAppUsed));
  set('ConditionalAccessPolicies_dynamic', JSON.stringify(s.appliedConditionalAccessPolicies ?? []));
  set('ConditionalAccessStatus', str(s.conditionalAccessStatus));
  set('CreatedDateTime [UTC]', sentinelDate(r.time));
  const dev = (s.deviceDetail ?? {}) as Record<string, unknown>;
  set('DeviceDetail_dynamic', JSON.stringify({ operatingSystem: dev.operatingSystem, deviceId: dev.deviceId, browser: dev.browser }));
  set('IsInteractive', s.isInteractive === false ? 'FALSE' : 'TRUE');
  set('Id', r.id);
  set('IPAddress', str(s.ipAddress));
  set('LocationDetails_dynamic', JSON.stringify(loc));
  set('MfaDetail_dynamic', '{}');
  set('NetworkLocationDetails', '[]');
  set('OriginalRequestId', r.id);
  set('ProcessingTimeInMilliseconds', String(40 + (r.id.charCodeAt(0) % 200)));
  set('RiskDetail', str(s.riskDetail));
  set('RiskEventTypes', '[]');
  set('RiskEventTypes_V2', '[]');
  set('RiskLevelAggregated', str(s.riskLevelAggregated));
  set('RiskLevelDuringSignIn', str(s.riskLevelDuringSignIn));
  set('RiskState', str(s.riskState));
  set('ResourceDisplayName', str(s.resourceDisplayName));
  set('ResourceIdentity', str(s.resourceId));
  set('ServicePrincipalId', str(s.servicePrincipalId));
  set('ServicePrincipalName', str(s.servicePrincipalName));
  set('Status_dynamic', JSON.stringify(error === 0 ? { errorCode: 0 } : { errorCode: error, failureReason: status.failureReason }));
  set('TokenIssuerType', 'AzureAD');
  set('UserAgent', str(s.userAgent));
  set('UserDisplayName', str(s.userDisplayName));
  set('UserId', str(s.userId));
  set('UserPrincipalName', str(s.userPrincipalName));
  set('AADTenantId', ctx.tenantId);
  set('UserType', s.userType === 'guest' ? 'Guest' : s.userPrincipalName ? 'Member' : '');
  set('ResourceTenantId', str(s.resourceTenantId));
  set('HomeTenantId', str(s.homeTenantId));
  set('Type', 'SigninLogs');
  return csvRow(cells);
}

/** Sentinel SigninLogs as a Log Analytics CSV export. */
export function signInLogsCsvWriter(ctx: WriterContext): RecordWriter {
  return {
    header: () => BOM + csvRow(SIGNIN_LOGS_HEADER),
    write: (r) => (r.table === 'SignIns' ? signInLogsRow(r, ctx) : ''),
    footer: () => '',
  };
}

/** A Graph collection response saved whole: {"@odata.context": ..., "value": [...]}, one item per line. */
export function graphCollectionWriter(table: 'SignIns' | 'DirectoryAudits', entitySet: string): RecordWriter {
  let first = true;
  return {
    header: () => `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/${entitySet}","value":[\n`,
    write: (r) => {
      if (r.table !== table) return '';
      const sep = first ? '' : ',\n';
      first = false;
      return sep + JSON.stringify(r.record);
    },
    footer: () => (first ? ']}\n' : '\n]}\n'),
  };
}

/** Graph items one per line (what paging collectors write). */
export function graphJsonLinesWriter(table: 'SignIns' | 'DirectoryAudits'): RecordWriter {
  return {
    header: () => '',
    write: (r) => (r.table === table ? `${JSON.stringify(r.record)}\n` : ''),
    footer: () => '',
  };
}
