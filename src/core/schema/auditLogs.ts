import type { TableDef } from './types';

/**
 * AuditLogs: one row per Unified Audit Log record, whatever file it came from.
 * Source keys are matched case-insensitively; the first present wins.
 */
export const auditLogsTable: TableDef = {
  name: 'AuditLogs',
  description: 'Unified Audit Log records (Exchange, Entra ID, SharePoint, eDiscovery, ...), one row per record.',
  sentinelTable: 'OfficeActivity',
  columns: [
    {
      name: 'Time', type: 'datetime', convert: 'time', sentinel: 'TimeGenerated',
      description: 'When the audited action happened (UTC; zone-less source times are read as UTC).',
      from: {
        ual: ['CreationTime'], graphAuditRecord: ['createdDateTime'],
        purviewCsv: ['CreationDate'], officeActivity: ['TimeGenerated', 'TimeGenerated [UTC]', 'CreationTime'],
      },
    },
    {
      name: 'Id', type: 'string', sentinel: 'OfficeId',
      description: 'The audit record Id (unique per record; the same Id in two files is a duplicate).',
      from: { ual: ['Id'], graphAuditRecord: ['id'], purviewCsv: ['RecordId'], officeActivity: ['OfficeId', 'SourceRecordId', 'Id'] },
    },
    {
      name: 'RecordType', type: 'string', convert: 'recordType', categorical: true, sentinel: 'RecordType',
      description: 'The kind of audit record by name (ExchangeAdmin, ExchangeItem, ExchangeItemAggregated, AzureActiveDirectory, Discovery, ...).',
      from: { ual: ['RecordType'], graphAuditRecord: ['auditLogRecordType'], purviewCsv: ['RecordType'], officeActivity: ['RecordType'] },
    },
    {
      name: 'Workload', type: 'string', categorical: true, sentinel: 'OfficeWorkload',
      description: 'The Microsoft 365 service that wrote the record (Exchange, AzureActiveDirectory, SharePoint, ...).',
      from: { ual: ['Workload'], graphAuditRecord: ['service'], officeActivity: ['OfficeWorkload', 'Workload'] },
    },
    {
      name: 'Operation', type: 'string', convert: 'operation', categorical: true, sentinel: 'Operation',
      description: 'What was done: a cmdlet (Add-MailboxPermission), a mailbox action (MailItemsAccessed) or an Entra activity (Consent to application).',
      from: { ual: ['Operation'], graphAuditRecord: ['operation'], purviewCsv: ['Operation', 'Operations'], officeActivity: ['Operation'] },
    },
    {
      name: 'ResultStatus', type: 'string', convert: 'resultStatus', categorical: true, sentinel: 'ResultStatus',
      description: 'Outcome, normalised: Succeeded, Failed, PartiallySucceeded (source spellings True/Success/Successful/... folded), or the source text.',
      from: { ual: ['ResultStatus'], officeActivity: ['ResultStatus'] },
    },
    {
      name: 'UserId', type: 'string', categorical: true, sentinel: 'UserId',
      description: 'Who did it: a UPN, an app, or a system account such as NT AUTHORITY\\SYSTEM.',
      from: { ual: ['UserId'], graphAuditRecord: ['userPrincipalName', 'userId'], purviewCsv: ['UserId', 'UserIds'], officeActivity: ['UserId'] },
    },
    {
      name: 'UserType', type: 'string', convert: 'userType', categorical: true, sentinel: 'UserType',
      description: 'Kind of actor: Regular, Admin, DcAdmin, System, Application, ServicePrincipal, ...',
      from: { ual: ['UserType'], graphAuditRecord: ['userType'], officeActivity: ['UserType'] },
    },
    {
      name: 'ClientIp', type: 'string', convert: 'ip', sentinel: 'ClientIP',
      description: 'Client address without port; ::ffff: mapped IPv4 shown as IPv4, IPv6 without brackets.',
      from: {
        ual: ['ClientIP', 'ClientIPAddress', 'ActorIpAddress'], graphAuditRecord: ['clientIp'],
        officeActivity: ['ClientIP', 'Client_IPAddress', 'ActorIpAddress'],
      },
    },
    {
      name: 'ClientPort', type: 'long',
      derived: 'the port part of the source ClientIP, when it carried one',
      description: 'Client source port, when the source address carried one.',
      from: {},
    },
    {
      name: 'ClientInfoString', type: 'string', categorical: true, sentinel: 'ClientInfoString',
      description: 'The client software that touched the mailbox (Client=OWA, Client=REST;..., Outlook, ActiveSync, ...).',
      from: { ual: ['ClientInfoString', 'ClientInfo'], officeActivity: ['ClientInfoString'] },
    },
    {
      name: 'AppId', type: 'string', categorical: true, sentinel: 'AppId',
      description: 'The Entra application (client) id behind the access, when an app was used.',
      from: { ual: ['AppId', 'ApplicationId'], officeActivity: ['AppId'] },
    },
    {
      name: 'ClientAppId', type: 'string', categorical: true, sentinel: 'ClientAppId',
      description: 'The Entra application id of the calling client (for first-party clients acting through another app).',
      from: { ual: ['ClientAppId'], officeActivity: ['ClientAppId'] },
    },
    {
      name: 'LogonType', type: 'string', convert: 'logonType', categorical: true, sentinel: 'Logon_Type',
      description: 'How the mailbox was opened: Owner, Admin, Delegated, Transport, SystemService, BestAccess, DelegatedAdmin.',
      from: { ual: ['LogonType'], officeActivity: ['Logon_Type', 'LogonType'] },
    },
    {
      name: 'MailboxOwnerUPN', type: 'string', categorical: true, sentinel: 'MailboxOwnerUPN',
      description: 'The mailbox that was accessed (its owner\'s UPN).',
      from: { ual: ['MailboxOwnerUPN'], officeActivity: ['MailboxOwnerUPN'] },
    },
    {
      name: 'MailboxGuid', type: 'string', categorical: true, sentinel: 'MailboxGuid',
      description: 'The Exchange GUID of the accessed mailbox.',
      from: { ual: ['MailboxGuid'], officeActivity: ['MailboxGuid'] },
    },
    {
      name: 'ObjectId', type: 'string', sentinel: 'OfficeObjectId',
      description: 'The object acted on: a mailbox identity, a file URL, an Entra object id.',
      from: { ual: ['ObjectId'], graphAuditRecord: ['objectId'], officeActivity: ['OfficeObjectId', 'ObjectId'] },
    },
    {
      name: 'SessionId', type: 'string', sentinel: 'SessionId',
      description: 'The client or admin session the action belongs to.',
      from: { ual: ['SessionId', 'AppAccessContext.AADSessionId'], officeActivity: ['SessionId'] },
    },
    {
      name: 'MailAccessType', type: 'string', categorical: true,
      derived: 'OperationProperties[Name=MailAccessType].Value',
      description: 'For MailItemsAccessed: Bind (items opened one by one) or Sync (a whole folder synchronised).',
      from: {},
    },
    {
      name: 'IsThrottled', type: 'bool',
      derived: 'OperationProperties[Name=IsThrottled].Value',
      description: 'For MailItemsAccessed: True when Exchange stopped auditing this mailbox for 24 h (over 1000 records in 24 h).',
      from: {},
    },
    {
      name: 'OperationCount', type: 'long', sentinel: 'OperationCount',
      description: 'How many operations an aggregated record stands for.',
      from: { ual: ['OperationCount'], officeActivity: ['OperationCount'] },
    },
    {
      name: 'ItemCount', type: 'long',
      derived: 'the number of FolderItems in Folders (or AffectedItems)',
      description: 'How many mail items the record touched.',
      from: {},
    },
    {
      name: 'Folders', type: 'dynamic', convert: 'json', sentinel: 'Folders',
      description: 'Folders touched, each {Path, FolderItems[{InternetMessageId, SizeInBytes}]}.',
      from: { ual: ['Folders'], officeActivity: ['Folders'] },
    },
    {
      name: 'Parameters', type: 'dynamic', convert: 'nameValueBag', sentinel: 'Parameters',
      description: 'Cmdlet parameters as a name -> value bag (Identity, User, AccessRights, ...); also read from the PowerShell string of Security & Compliance cmdlets (Name, ContentMatchQuery, ...).',
      from: { ual: ['Parameters'], officeActivity: ['Parameters'] },
    },
    {
      name: 'SearchQuery', type: 'string',
      derived: 'Discovery records\' Query; else the ContentMatchQuery of the cmdlet\'s Parameters',
      description: 'For eDiscovery (compliance) searches: what the search looks for, e.g. password OR "wire transfer".',
      from: { ual: ['Query'] },
    },
    {
      name: 'OperationProperties', type: 'dynamic', convert: 'operationProperties', sentinel: 'OperationProperties',
      description: 'Properties of the operation as a name -> value bag, e.g. the rule of an UpdateInboxRules (RuleName, RuleActions, RuleCondition); empty when a record has only MailAccessType and IsThrottled (their own columns).',
      from: { ual: ['OperationProperties'], officeActivity: ['OperationProperties'] },
    },
    {
      name: 'ModifiedProperties', type: 'dynamic', convert: 'json', sentinel: 'ModifiedProperties',
      description: 'Properties changed, each {Name, NewValue, OldValue} (values that are JSON inside strings are parsed).',
      from: { ual: ['ModifiedProperties'], officeActivity: ['ModifiedProperties'] },
    },
    {
      name: 'ExtendedProperties', type: 'dynamic', convert: 'nameValueBag', sentinel: 'ExtendedProperties',
      description: 'Entra audit details as a name -> value bag (ConsentAction.Permissions, ConsentContext.IsAdminConsent, ...).',
      from: { ual: ['ExtendedProperties'], officeActivity: ['ExtendedProperties'] },
    },
    {
      name: 'Target', type: 'dynamic', convert: 'json', sentinel: 'AADTarget',
      description: 'Entra audit targets [{ID, Type}] (the app, service principal or user acted on).',
      from: { ual: ['Target'], officeActivity: ['AADTarget', 'Target'] },
    },
    {
      name: 'Item', type: 'dynamic', convert: 'json', sentinel: 'Item',
      description: 'The mail item acted on (Send, Update, ...): {Id, Subject, ParentFolder, ...}. Attacker-controlled text.',
      from: { ual: ['Item'], officeActivity: ['Item'] },
    },
    {
      name: 'ExternalAccess', type: 'bool', sentinel: 'ExternalAccess',
      description: 'True when the action was done by a Microsoft datacenter administrator or from outside the organisation.',
      from: { ual: ['ExternalAccess'], officeActivity: ['ExternalAccess'] },
    },
    {
      name: 'OrganizationId', type: 'string', categorical: true, sentinel: 'OrganizationId',
      description: 'The tenant id.',
      from: { ual: ['OrganizationId'], graphAuditRecord: ['organizationId'], officeActivity: ['OrganizationId'] },
    },
    {
      name: 'TargetMailbox', type: 'string', categorical: true,
      derived: 'permission cmdlets: -Identity (mailbox or folder owner); Add/ModifyFolderPermissions: MailboxOwnerUPN',
      description: 'For permission changes: the mailbox (or mailbox folder, scope, policy) the grant is on.',
      from: {},
    },
    {
      name: 'Grantee', type: 'string', categorical: true,
      derived: 'permission cmdlets: -User, -Trustee, -GrantSendOnBehalfTo, -App, -Name; folder permission items: the member',
      description: 'For permission changes: who or what received the access (user, group, app id, service principal).',
      from: {},
    },
    {
      name: 'AccessRights', type: 'string', categorical: true,
      derived: 'permission cmdlets: -AccessRights, SendOnBehalf for -GrantSendOnBehalfTo, -Role for role assignments',
      description: 'For permission changes: the rights granted (FullAccess, SendAs, SendOnBehalf, ReadItems, Application Mail.Read, ...).',
      from: {},
    },
    {
      name: 'Automapping', type: 'bool',
      derived: 'Add-MailboxPermission -AutoMapping',
      description: 'For Add-MailboxPermission: False hides the mailbox from the delegate\'s Outlook list (a stealth signal).',
      from: {},
    },
    {
      name: 'SourceFile', type: 'string', categorical: true,
      derived: 'the file the record was read from',
      description: 'The export file this record was read from.',
      from: {},
    },
    {
      name: 'SourceLine', type: 'long',
      derived: 'the line in SourceFile where the record starts',
      description: 'The 1-based line in SourceFile where the record starts.',
      from: {},
    },
  ],
};
