import type { TableDef } from './types';

/** DirectoryAudits: Entra ID directory audit events (Graph auditLogs/directoryAudits, Sentinel AuditLogs, Azure Monitor AuditLogs). */
export const directoryAuditsTable: TableDef = {
  name: 'DirectoryAudits',
  description: 'Entra ID directory changes: consents, app role assignments, credentials, users, groups.',
  sentinelTable: 'AuditLogs',
  columns: [
    {
      name: 'Time', type: 'datetime', convert: 'time', sentinel: 'TimeGenerated',
      description: 'When the change happened (UTC).',
      from: { graphDirectoryAudit: ['activityDateTime', 'time'], sentinelAuditLogs: ['ActivityDateTime', 'TimeGenerated', 'TimeGenerated [UTC]', 'ActivityDateTime [UTC]'] },
    },
    {
      name: 'Id', type: 'string', sentinel: 'Id',
      description: 'The directory audit record id.',
      from: { graphDirectoryAudit: ['id'], sentinelAuditLogs: ['Id'] },
    },
    {
      name: 'Operation', type: 'string', convert: 'operation', categorical: true, sentinel: 'OperationName',
      description: 'The activity (Consent to application, Add app role assignment to service principal, Update application – Certificates and secrets management, ...).',
      from: { graphDirectoryAudit: ['activityDisplayName', 'operationName'], sentinelAuditLogs: ['ActivityDisplayName', 'OperationName'] },
    },
    {
      name: 'Category', type: 'string', categorical: true, sentinel: 'Category',
      description: 'Area of the directory: ApplicationManagement, UserManagement, GroupManagement, RoleManagement, ...',
      from: { graphDirectoryAudit: ['category'], sentinelAuditLogs: ['Category'] },
    },
    {
      name: 'Result', type: 'string', convert: 'resultStatus', categorical: true, sentinel: 'Result',
      description: 'Outcome, normalised: Succeeded, Failed, ...',
      from: { graphDirectoryAudit: ['result'], sentinelAuditLogs: ['Result'] },
    },
    {
      name: 'ResultReason', type: 'string', categorical: true, sentinel: 'ResultReason',
      description: 'Why the change failed, when it did.',
      from: { graphDirectoryAudit: ['resultReason'], sentinelAuditLogs: ['ResultReason', 'ResultDescription'] },
    },
    {
      name: 'OperationType', type: 'string', categorical: true, sentinel: 'AADOperationType',
      description: 'Add, Update, Delete, Assign, ...',
      from: { graphDirectoryAudit: ['operationType'], sentinelAuditLogs: ['AADOperationType', 'OperationType'] },
    },
    {
      name: 'LoggedByService', type: 'string', categorical: true, sentinel: 'LoggedByService',
      description: 'The Entra service that logged it (Core Directory, Self-service Password Management, ...).',
      from: { graphDirectoryAudit: ['loggedByService'], sentinelAuditLogs: ['LoggedByService'] },
    },
    {
      name: 'InitiatedByUser', type: 'string', categorical: true,
      sentinel: 'tostring(InitiatedBy.user.userPrincipalName)',
      description: 'The user who made the change (UPN), when a user did.',
      from: { graphDirectoryAudit: ['initiatedBy.user.userPrincipalName'], sentinelAuditLogs: ['InitiatedBy.user.userPrincipalName'] },
    },
    {
      name: 'InitiatedByApp', type: 'string', categorical: true,
      sentinel: 'tostring(InitiatedBy.app.displayName)',
      description: 'The app that made the change (display name), when an app did.',
      from: { graphDirectoryAudit: ['initiatedBy.app.displayName', 'initiatedBy.app.servicePrincipalName'], sentinelAuditLogs: ['InitiatedBy.app.displayName', 'InitiatedBy.app.servicePrincipalName'] },
    },
    {
      name: 'InitiatedByAppId', type: 'string', categorical: true,
      sentinel: 'tostring(InitiatedBy.app.appId)',
      description: 'The application id of the app that made the change.',
      from: { graphDirectoryAudit: ['initiatedBy.app.appId'], sentinelAuditLogs: ['InitiatedBy.app.appId'] },
    },
    {
      name: 'InitiatedByIp', type: 'string', convert: 'ip',
      sentinel: 'tostring(InitiatedBy.user.ipAddress)',
      description: 'The address the change came from.',
      from: { graphDirectoryAudit: ['initiatedBy.user.ipAddress', 'initiatedBy.app.ipAddress'], sentinelAuditLogs: ['InitiatedBy.user.ipAddress', 'InitiatedBy.app.ipAddress'] },
    },
    {
      name: 'TargetResources', type: 'dynamic', convert: 'json', sentinel: 'TargetResources',
      description: 'What was changed: [{id, displayName, type, userPrincipalName, modifiedProperties[]}].',
      from: { graphDirectoryAudit: ['targetResources'], sentinelAuditLogs: ['TargetResources'] },
    },
    {
      name: 'TargetName', type: 'string', categorical: true, derived: 'TargetResources[0].displayName or userPrincipalName',
      sentinel: 'tostring(TargetResources[0].displayName)',
      description: 'The first target\'s display name or UPN.', from: {},
    },
    {
      name: 'TargetId', type: 'string', categorical: true, derived: 'TargetResources[0].id',
      sentinel: 'tostring(TargetResources[0].id)',
      description: 'The first target\'s object id.', from: {},
    },
    {
      name: 'TargetType', type: 'string', categorical: true, derived: 'TargetResources[0].type',
      sentinel: 'tostring(TargetResources[0].type)',
      description: 'The first target\'s type: User, Application, ServicePrincipal, Group, Device, ...', from: {},
    },
    {
      name: 'ModifiedProperties', type: 'dynamic', derived: 'all targets\' modifiedProperties as [{Target, Name, OldValue, NewValue}], JSON-in-string values parsed',
      description: 'Every property change on every target: [{Target, Name, OldValue, NewValue}].', from: {},
    },
    {
      name: 'AdditionalDetails', type: 'dynamic', convert: 'nameValueBag', sentinel: 'AdditionalDetails',
      description: 'Extra details as a key -> value bag (User-Agent, AppId, ...).',
      from: { graphDirectoryAudit: ['additionalDetails'], sentinelAuditLogs: ['AdditionalDetails'] },
    },
    {
      name: 'CorrelationId', type: 'string', sentinel: 'CorrelationId',
      description: 'Correlates the change with other events of the same operation.',
      from: { graphDirectoryAudit: ['correlationId'], sentinelAuditLogs: ['CorrelationId'] },
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
