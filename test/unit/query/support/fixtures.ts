/**
 * Small fixture tables in the data conventions of loaded tables: datetimes as epoch-ms numbers in a
 * Float64Array, strings '' when missing, numbers/bools null when missing, dynamic values as parsed JSON.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

export const T0 = Date.UTC(2024, 2, 1, 0, 0, 0); // 2024-03-01T00:00:00Z (a Friday)
export const HOUR = 3600000;
export const DAY = 24 * HOUR;
/** The clock the tests run queries at: 2024-03-08T00:00:00Z. */
export const NOW = T0 + 7 * DAY;

/** Six audit records: mailbox reads, a permission grant, a sign-in to Exchange. */
export function auditLogs(): ColumnTable {
  return aq.table({
    Time: Float64Array.from([T0 + 1 * HOUR, T0 + 2 * HOUR + 30 * 60000, T0 + DAY + 5 * HOUR, T0 + DAY + 5 * HOUR + 1000, T0 + 3 * DAY, T0 + 6 * DAY + 23 * HOUR]),
    Id: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'],
    Operation: ['MailItemsAccessed', 'MailItemsAccessed', 'Add-MailboxPermission', 'MailItemsAccessed', 'Set-Mailbox', 'Send'],
    UserId: ['alice@contoso.com', 'Bob@Contoso.com', 'admin@contoso.com', 'alice@contoso.com', 'admin@contoso.com', ''],
    ClientIp: ['10.1.2.3', '203.0.113.7', '192.168.0.10', '203.0.113.7', '', '172.20.1.1'],
    ClientInfoString: ['Client=OWA;Action=ViaProxy', 'Client=REST;Client=RESTSystem', '', 'Client=OWA', '', 'Outlook-iOS/2.0'],
    OperationCount: [3, 1, null, 12, null, 1],
    IsThrottled: [false, false, null, true, null, null],
    Parameters: [
      null, null,
      { Identity: 'ceo@contoso.com', User: 'admin@contoso.com', AccessRights: 'FullAccess', AutoMapping: 'False' },
      null,
      { Identity: 'ceo@contoso.com', AuditEnabled: 'False' },
      null,
    ],
    Folders: [
      [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: '<a@x>', SizeInBytes: 100 }, { InternetMessageId: '<b@x>', SizeInBytes: 50 }] }],
      [{ Path: '\\Sent Items', FolderItems: [] }, { Path: '\\Inbox', FolderItems: [{ InternetMessageId: '<c@x>', SizeInBytes: 10 }] }],
      null,
      [],
      null,
      null,
    ],
  });
}

/** Four sign-ins. */
export function signIns(): ColumnTable {
  return aq.table({
    Time: Float64Array.from([T0 + 30 * 60000, T0 + 2 * HOUR, T0 + DAY + 4 * HOUR, T0 + 4 * DAY]),
    UserPrincipalName: ['alice@contoso.com', 'bob@contoso.com', 'admin@contoso.com', 'eve@fabrikam.com'],
    IpAddress: ['10.1.2.3', '203.0.113.7', '192.168.0.10', '198.51.100.9'],
    City: ['Paris', 'Lagos', 'Paris', ''],
    ErrorCode: [0, 0, 50126, 0],
    AppDisplayName: ['Office 365 Exchange Online', 'Office 365 Exchange Online', 'Azure Portal', 'Office 365 Exchange Online'],
  });
}

export function tables(): Record<string, ColumnTable> {
  return { AuditLogs: auditLogs(), SignIns: signIns() };
}
