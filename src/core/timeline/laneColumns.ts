/**
 * Which columns name a record's actor, mailbox and app, per table (the first non-empty wins).
 * The names are checked against the column catalogue when this module loads.
 */
import type { TimelineGroupBy } from '../../protocol/timeline';
import { findColumn } from '../schema/catalog';
import type { TableName } from '../schema/types';

type LaneColumns = Readonly<Record<TimelineGroupBy, readonly string[]>>;

const laneColumns: Readonly<Record<TableName, LaneColumns>> = {
  AuditLogs: { actor: ['UserId'], mailbox: ['TargetMailbox', 'MailboxOwnerUPN'], app: ['AppId', 'ClientAppId'] },
  SignIns: { actor: ['UserPrincipalName'], mailbox: ['UserPrincipalName'], app: ['AppId'] },
  DirectoryAudits: { actor: ['InitiatedByUser', 'InitiatedByApp'], mailbox: [], app: ['InitiatedByAppId'] },
};

/** Columns that hold a record's Id, its time, its outcome and (for app-permission changes) the app granted to. */
export const columns = {
  id: 'Id',
  time: 'Time',
  operation: 'Operation',
  auditResult: 'ResultStatus',
  signInResult: 'ResultStatus',
  directoryResult: 'Result',
  throttled: 'IsThrottled',
  parameters: 'Parameters',
  accessRights: 'AccessRights',
  grantee: 'Grantee',
  targetMailbox: 'TargetMailbox',
  objectId: 'ObjectId',
  mailboxOwner: 'MailboxOwnerUPN',
  appDisplayName: 'AppDisplayName',
  initiatedByApp: 'InitiatedByApp',
  initiatedByAppId: 'InitiatedByAppId',
  targetName: 'TargetName',
  targetType: 'TargetType',
  modifiedProperties: 'ModifiedProperties',
  additionalDetails: 'AdditionalDetails',
  signInUser: 'UserPrincipalName',
  ipAddress: 'IpAddress',
  country: 'Country',
  sourceFile: 'SourceFile',
  sourceLine: 'SourceLine',
} as const;

const columnTables: Readonly<Record<keyof typeof columns, readonly TableName[]>> = {
  id: ['AuditLogs', 'SignIns', 'DirectoryAudits'],
  time: ['AuditLogs', 'SignIns', 'DirectoryAudits'],
  operation: ['AuditLogs', 'DirectoryAudits'],
  auditResult: ['AuditLogs'],
  signInResult: ['SignIns'],
  directoryResult: ['DirectoryAudits'],
  throttled: ['AuditLogs'],
  parameters: ['AuditLogs'],
  accessRights: ['AuditLogs'],
  grantee: ['AuditLogs'],
  targetMailbox: ['AuditLogs'],
  objectId: ['AuditLogs'],
  mailboxOwner: ['AuditLogs'],
  appDisplayName: ['SignIns'],
  initiatedByApp: ['DirectoryAudits'],
  initiatedByAppId: ['DirectoryAudits'],
  targetName: ['DirectoryAudits'],
  targetType: ['DirectoryAudits'],
  modifiedProperties: ['AuditLogs', 'DirectoryAudits'],
  additionalDetails: ['DirectoryAudits'],
  signInUser: ['SignIns'],
  ipAddress: ['SignIns'],
  country: ['SignIns'],
  sourceFile: ['AuditLogs', 'SignIns', 'DirectoryAudits'],
  sourceLine: ['AuditLogs', 'SignIns', 'DirectoryAudits'],
};

for (const [table, byGroup] of Object.entries(laneColumns) as [TableName, LaneColumns][]) {
  for (const list of Object.values(byGroup)) for (const c of list) requireColumn(table, c);
}
for (const [key, tables] of Object.entries(columnTables) as [keyof typeof columns, readonly TableName[]][]) {
  for (const table of tables) requireColumn(table, columns[key]);
}

function requireColumn(table: TableName, column: string): void {
  if (!findColumn(table, column)) throw new Error(`timeline: ${table} has no column ${column} in the schema catalogue`);
}

export function laneColumnsOf(table: TableName, groupBy: TimelineGroupBy): readonly string[] {
  return laneColumns[table][groupBy];
}
