import type { Place } from '../data/places';
import { isoSecondsZ, ualTime } from '../time/format';
import type { RecordContext, Row } from './context';

export type ClientAppUsed = 'Browser' | 'Mobile Apps and Desktop clients' | 'Exchange ActiveSync' | 'IMAP4' | 'Other clients';

/** One interactive user sign-in as decided by the generator. */
export interface SignInSpec {
  /** The request id: Graph signIn id and the Id of its UAL UserLoggedIn copy. */
  readonly id: string;
  readonly time: number;
  readonly user: { readonly id: string; readonly upn: string; readonly displayName: string; readonly userType: 'Member' | 'Guest' };
  readonly app: { readonly appId: string; readonly displayName: string };
  readonly resource: { readonly appId: string; readonly displayName: string };
  readonly ip: string;
  readonly place: Place;
  readonly clientAppUsed: ClientAppUsed;
  readonly userAgent: string;
  readonly deviceOs: string;
  readonly browser: string;
  readonly errorCode: number;
  readonly failureReason?: string;
  readonly correlationId: string;
  readonly sessionId: string;
  readonly conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  readonly mfa: boolean;
  readonly riskLevel: 'none' | 'low' | 'medium' | 'high';
  readonly uniqueTokenIdentifier: string;
}

/** The Graph auditLogs/signIns item (v1.0 shape plus sessionId). */
export function signInRecord(ctx: RecordContext, s: SignInSpec): Row {
  const ok = s.errorCode === 0;
  return {
    id: s.id,
    createdDateTime: isoSecondsZ(s.time),
    userDisplayName: s.user.displayName,
    userPrincipalName: s.user.upn,
    userId: s.user.id,
    appId: s.app.appId,
    appDisplayName: s.app.displayName,
    ipAddress: s.ip,
    clientAppUsed: s.clientAppUsed,
    userAgent: s.userAgent,
    correlationId: s.correlationId,
    sessionId: s.sessionId,
    conditionalAccessStatus: s.conditionalAccessStatus,
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: s.riskLevel,
    riskLevelDuringSignIn: s.riskLevel,
    riskState: s.riskLevel === 'none' ? 'none' : 'atRisk',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: s.resource.displayName,
    resourceId: s.resource.appId,
    resourceTenantId: ctx.tenantId,
    homeTenantId: ctx.tenantId,
    userType: s.user.userType.toLowerCase(),
    authenticationRequirement: s.mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    status: { errorCode: s.errorCode, failureReason: ok ? 'Other.' : (s.failureReason ?? 'Other.'), additionalDetails: null },
    deviceDetail: { deviceId: '', displayName: null, operatingSystem: s.deviceOs, browser: s.browser, isCompliant: null, isManaged: null, trustType: null },
    location: {
      city: s.place.city,
      state: s.place.state,
      countryOrRegion: s.place.country,
      geoCoordinates: { altitude: null, latitude: s.place.latitude, longitude: s.place.longitude },
    },
    appliedConditionalAccessPolicies: [],
    uniqueTokenIdentifier: s.uniqueTokenIdentifier,
  };
}

/** The UAL copy of the sign-in (RecordType 15, UserLoggedIn / UserLoginFailed); same Id as the sign-in. */
export function userLoggedInRecord(ctx: RecordContext, s: SignInSpec): Row {
  const ok = s.errorCode === 0;
  const requestType = s.clientAppUsed === 'Browser' ? 'Login:login' : 'OAuth2:Token';
  const r: Row = {
    CreationTime: ualTime(s.time),
    Id: s.id,
    Operation: ok ? 'UserLoggedIn' : 'UserLoginFailed',
    OrganizationId: ctx.tenantId,
    RecordType: 15,
    ResultStatus: ok ? 'Success' : 'Failed',
    UserKey: s.user.id,
    UserType: 0,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ClientIP: s.ip,
    ObjectId: s.resource.appId,
    UserId: s.user.upn,
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [
      { Name: 'ResultStatusDetail', Value: ok ? 'Success' : 'Failure' },
      { Name: 'UserAgent', Value: s.userAgent },
      { Name: 'UserAuthenticationMethod', Value: '1' },
      { Name: 'RequestType', Value: requestType },
    ],
    ModifiedProperties: [],
    Actor: [{ ID: s.user.id, Type: 0 }, { ID: s.user.upn, Type: 5 }],
    ActorContextId: ctx.tenantId,
    ActorIpAddress: s.ip,
    InterSystemsId: s.correlationId,
    IntraSystemId: s.id,
    SupportTicketId: '',
    Target: [{ ID: s.resource.appId, Type: 0 }],
    TargetContextId: ctx.tenantId,
    ApplicationId: s.app.appId,
    DeviceProperties: [
      { Name: 'OS', Value: s.deviceOs },
      { Name: 'BrowserType', Value: s.browser.split(' ')[0] ?? s.browser },
      { Name: 'IsCompliantAndManaged', Value: 'False' },
      { Name: 'SessionId', Value: s.sessionId },
    ],
    ErrorNumber: String(s.errorCode),
  };
  if (!ok && s.failureReason) r.LogonError = s.errorCode === 50126 ? 'InvalidUserNameOrPassword' : s.failureReason.replace(/[^A-Za-z]/g, '');
  return r;
}

/** A service principal (app-only) sign-in, Graph beta shape. No UAL copy exists for these. */
export interface ServicePrincipalSignInSpec {
  readonly id: string;
  readonly time: number;
  readonly app: { readonly appId: string; readonly displayName: string; readonly servicePrincipalId: string };
  readonly resource: { readonly appId: string; readonly displayName: string };
  readonly ip: string;
  readonly place: Place;
  readonly correlationId: string;
  readonly credentialKeyId: string;
}

export function servicePrincipalSignInRecord(ctx: RecordContext, s: ServicePrincipalSignInSpec): Row {
  return {
    id: s.id,
    createdDateTime: isoSecondsZ(s.time),
    userDisplayName: null,
    userPrincipalName: null,
    userId: '',
    appId: s.app.appId,
    appDisplayName: s.app.displayName,
    ipAddress: s.ip,
    clientAppUsed: '',
    userAgent: '',
    correlationId: s.correlationId,
    conditionalAccessStatus: 'notApplied',
    isInteractive: false,
    signInEventTypes: ['servicePrincipal'],
    servicePrincipalId: s.app.servicePrincipalId,
    servicePrincipalName: s.app.displayName,
    servicePrincipalCredentialKeyId: s.credentialKeyId,
    resourceDisplayName: s.resource.displayName,
    resourceId: s.resource.appId,
    resourceTenantId: ctx.tenantId,
    homeTenantId: ctx.tenantId,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    status: { errorCode: 0, failureReason: 'Other.', additionalDetails: null },
    deviceDetail: { deviceId: '', displayName: null, operatingSystem: '', browser: '', isCompliant: null, isManaged: null, trustType: null },
    location: {
      city: s.place.city, state: s.place.state, countryOrRegion: s.place.country,
      geoCoordinates: { altitude: null, latitude: s.place.latitude, longitude: s.place.longitude },
    },
    appliedConditionalAccessPolicies: [],
  };
}
