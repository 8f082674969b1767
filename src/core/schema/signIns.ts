import type { TableDef } from './types';

/** SignIns: Entra ID sign-in events (Graph auditLogs/signIns, Sentinel SigninLogs, Azure Monitor SignInLogs). */
export const signInsTable: TableDef = {
  name: 'SignIns',
  description: 'Entra ID sign-ins: who signed in to what, from where, with which client, and whether it worked.',
  sentinelTable: 'SigninLogs',
  columns: [
    {
      name: 'Time', type: 'datetime', convert: 'time', sentinel: 'TimeGenerated',
      description: 'When the sign-in happened (UTC).',
      from: { graphSignIn: ['createdDateTime', 'time'], sentinelSignIn: ['CreatedDateTime', 'CreatedDateTime [UTC]', 'TimeGenerated', 'TimeGenerated [UTC]'] },
    },
    {
      name: 'Id', type: 'string', sentinel: 'Id',
      description: 'The sign-in request id.',
      from: { graphSignIn: ['id'], sentinelSignIn: ['Id', 'OriginalRequestId'] },
    },
    {
      name: 'UserPrincipalName', type: 'string', categorical: true, sentinel: 'UserPrincipalName',
      description: 'The account that signed in (UPN).',
      from: { graphSignIn: ['userPrincipalName'], sentinelSignIn: ['UserPrincipalName'] },
    },
    {
      name: 'UserDisplayName', type: 'string', categorical: true, sentinel: 'UserDisplayName',
      description: 'The display name of the account.',
      from: { graphSignIn: ['userDisplayName'], sentinelSignIn: ['UserDisplayName', 'Identity'] },
    },
    {
      name: 'UserId', type: 'string', categorical: true, sentinel: 'UserId',
      description: 'The Entra object id of the account.',
      from: { graphSignIn: ['userId'], sentinelSignIn: ['UserId'] },
    },
    {
      name: 'AppId', type: 'string', categorical: true, sentinel: 'AppId',
      description: 'The application (client) id signed in to.',
      from: { graphSignIn: ['appId'], sentinelSignIn: ['AppId'] },
    },
    {
      name: 'AppDisplayName', type: 'string', categorical: true, sentinel: 'AppDisplayName',
      description: 'The application signed in to (Office 365 Exchange Online, Azure Portal, ...).',
      from: { graphSignIn: ['appDisplayName'], sentinelSignIn: ['AppDisplayName'] },
    },
    {
      name: 'ClientAppUsed', type: 'string', categorical: true, sentinel: 'ClientAppUsed',
      description: 'The client protocol: Browser, Mobile Apps and Desktop clients, Exchange ActiveSync, IMAP4, POP3, Authenticated SMTP, Other clients (legacy auth).',
      from: { graphSignIn: ['clientAppUsed'], sentinelSignIn: ['ClientAppUsed'] },
    },
    {
      name: 'IpAddress', type: 'string', convert: 'ip', sentinel: 'IPAddress',
      description: 'The client address the sign-in came from.',
      from: { graphSignIn: ['ipAddress', 'callerIpAddress'], sentinelSignIn: ['IPAddress'] },
    },
    {
      name: 'City', type: 'string', categorical: true,
      sentinel: 'tostring(LocationDetails.city)',
      description: 'City of the sign-in, as Entra geolocated it.',
      from: { graphSignIn: ['location.city'], sentinelSignIn: ['LocationDetails.city', 'LocationDetails_dynamic.city'] },
    },
    {
      name: 'State', type: 'string', categorical: true,
      sentinel: 'tostring(LocationDetails.state)',
      description: 'State or region of the sign-in.',
      from: { graphSignIn: ['location.state'], sentinelSignIn: ['LocationDetails.state', 'LocationDetails_dynamic.state'] },
    },
    {
      name: 'Country', type: 'string', categorical: true, sentinel: 'Location',
      description: 'Country or region code of the sign-in (two letters).',
      from: { graphSignIn: ['location.countryOrRegion'], sentinelSignIn: ['LocationDetails.countryOrRegion', 'LocationDetails_dynamic.countryOrRegion', 'Location'] },
    },
    {
      name: 'Latitude', type: 'real',
      sentinel: 'todouble(LocationDetails.geoCoordinates.latitude)',
      description: 'Latitude of the geolocated sign-in.',
      from: { graphSignIn: ['location.geoCoordinates.latitude'], sentinelSignIn: ['LocationDetails.geoCoordinates.latitude', 'LocationDetails_dynamic.geoCoordinates.latitude'] },
    },
    {
      name: 'Longitude', type: 'real',
      sentinel: 'todouble(LocationDetails.geoCoordinates.longitude)',
      description: 'Longitude of the geolocated sign-in.',
      from: { graphSignIn: ['location.geoCoordinates.longitude'], sentinelSignIn: ['LocationDetails.geoCoordinates.longitude', 'LocationDetails_dynamic.geoCoordinates.longitude'] },
    },
    {
      name: 'ErrorCode', type: 'long', sentinel: 'toint(ResultType)',
      description: 'Entra error code: 0 is success (50126 bad password, 50074 MFA required, 53003 blocked by Conditional Access, ...).',
      from: { graphSignIn: ['status.errorCode'], sentinelSignIn: ['Status.errorCode', 'Status_dynamic.errorCode', 'ResultType'] },
    },
    {
      name: 'FailureReason', type: 'string', categorical: true, sentinel: 'ResultDescription',
      description: 'Why the sign-in failed, when it did.',
      from: { graphSignIn: ['status.failureReason'], sentinelSignIn: ['Status.failureReason', 'Status_dynamic.failureReason', 'ResultDescription'] },
    },
    {
      name: 'ResultStatus', type: 'string', categorical: true,
      derived: 'Succeeded when ErrorCode is 0, Failed otherwise',
      sentinel: "iff(ResultType == '0', 'Succeeded', 'Failed')",
      description: 'Succeeded or Failed (from ErrorCode).',
      from: {},
    },
    {
      name: 'ConditionalAccessStatus', type: 'string', categorical: true, sentinel: 'ConditionalAccessStatus',
      description: 'Conditional Access outcome: success, failure, notApplied.',
      from: { graphSignIn: ['conditionalAccessStatus'], sentinelSignIn: ['ConditionalAccessStatus'] },
    },
    {
      name: 'IsInteractive', type: 'bool', sentinel: 'IsInteractive',
      description: 'True for an interactive (user present) sign-in.',
      from: { graphSignIn: ['isInteractive'], sentinelSignIn: ['IsInteractive'] },
    },
    {
      name: 'ResourceDisplayName', type: 'string', categorical: true, sentinel: 'ResourceDisplayName',
      description: 'The resource the token was for (Office 365 Exchange Online, Microsoft Graph, ...).',
      from: { graphSignIn: ['resourceDisplayName'], sentinelSignIn: ['ResourceDisplayName'] },
    },
    {
      name: 'ResourceId', type: 'string', categorical: true, sentinel: 'ResourceIdentity',
      description: 'The resource application id.',
      from: { graphSignIn: ['resourceId'], sentinelSignIn: ['ResourceIdentity', 'ResourceId'] },
    },
    {
      name: 'UserAgent', type: 'string', categorical: true, sentinel: 'UserAgent',
      description: 'The client user agent.',
      from: { graphSignIn: ['userAgent'], sentinelSignIn: ['UserAgent'] },
    },
    {
      name: 'DeviceOS', type: 'string', categorical: true, sentinel: 'tostring(DeviceDetail.operatingSystem)',
      description: 'Operating system of the signing-in device.',
      from: { graphSignIn: ['deviceDetail.operatingSystem'], sentinelSignIn: ['DeviceDetail.operatingSystem', 'DeviceDetail_dynamic.operatingSystem'] },
    },
    {
      name: 'Browser', type: 'string', categorical: true, sentinel: 'tostring(DeviceDetail.browser)',
      description: 'Browser of the signing-in device.',
      from: { graphSignIn: ['deviceDetail.browser'], sentinelSignIn: ['DeviceDetail.browser', 'DeviceDetail_dynamic.browser'] },
    },
    {
      name: 'AuthenticationRequirement', type: 'string', categorical: true, sentinel: 'AuthenticationRequirement',
      description: 'singleFactorAuthentication or multiFactorAuthentication.',
      from: { graphSignIn: ['authenticationRequirement'], sentinelSignIn: ['AuthenticationRequirement'] },
    },
    {
      name: 'RiskLevel', type: 'string', categorical: true, sentinel: 'RiskLevelDuringSignIn',
      description: 'Entra ID Protection risk during the sign-in: none, low, medium, high.',
      from: { graphSignIn: ['riskLevelDuringSignIn'], sentinelSignIn: ['RiskLevelDuringSignIn'] },
    },
    {
      name: 'ServicePrincipalId', type: 'string', categorical: true, sentinel: 'ServicePrincipalId',
      description: 'For service principal (app-only) sign-ins: the service principal object id.',
      from: { graphSignIn: ['servicePrincipalId'], sentinelSignIn: ['ServicePrincipalId'] },
    },
    {
      name: 'Category', type: 'string', categorical: true, sentinel: 'Category',
      description: 'Which sign-in log: SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs, ...',
      from: { graphSignIn: ['category'], sentinelSignIn: ['Category'] },
    },
    {
      name: 'CorrelationId', type: 'string', sentinel: 'CorrelationId',
      description: 'Correlates the sign-in with other events of the same flow.',
      from: { graphSignIn: ['correlationId'], sentinelSignIn: ['CorrelationId'] },
    },
    {
      name: 'SourceFile', type: 'string', categorical: true, derived: 'the file the record was read from',
      description: 'The export file this record was read from.', from: {},
    },
    {
      name: 'SourceLine', type: 'long', derived: 'the line in SourceFile where the record starts',
      description: 'The 1-based line in SourceFile where the record starts.', from: {},
    },
  ],
};
