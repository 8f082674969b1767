// A small audit export for the timeline UI test: a FullAccess grant on a mailbox whose display name is
// HTML, a folder permission on a folder whose path is HTML, and mail reads of that mailbox.

export const HOSTILE = '<img src=x onerror=window.__pwned=1>';
export const GRANT_ID = 'timeline-e2e-grant-0001';
export const FOLDER_GRANT_ID = 'timeline-e2e-folder-0001';
export const ADMIN = 'admin@contoso.com';
export const CONTRACTOR = 'contractor@contoso.com';

function exchangeAdmin(id: string, time: string, operation: string, parameters: Record<string, string>): Record<string, unknown> {
  return {
    CreationTime: time, Id: id, Operation: operation, OrganizationId: '64119531-64b4-41f6-bc36-22a67e3da096', RecordType: 1,
    ResultStatus: 'True', UserKey: '100331EDEAA56860', UserType: 2, Version: 1, Workload: 'Exchange', ClientIP: '81.149.52.170:8064',
    ObjectId: parameters.Identity ?? '', UserId: ADMIN, AppId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b', ExternalAccess: false,
    Parameters: Object.entries(parameters).map(([Name, Value]) => ({ Name, Value })),
  };
}

function read(i: number): Record<string, unknown> {
  const minute = String(10 + (i % 40)).padStart(2, '0');
  return {
    CreationTime: `2024-03-04T11:${minute}:00`, Id: `timeline-e2e-read-${String(i).padStart(4, '0')}`, Operation: 'MailItemsAccessed',
    OrganizationId: '64119531-64b4-41f6-bc36-22a67e3da096', RecordType: 50, ResultStatus: 'Succeeded', UserKey: '10032000AAAA',
    UserType: 0, Version: 1, Workload: 'Exchange', ClientIP: '113.161.83.3', UserId: CONTRACTOR, LogonType: 1,
    MailboxOwnerUPN: 'ceo@contoso.com', MailboxGuid: '0ee4a2b2-ae8f-4224-8678-17260b091d36',
    OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'False' }],
    Folders: [{ Path: `\\Inbox\\${HOSTILE}`, FolderItems: [{ InternetMessageId: `<m${i}@contoso.com>`, SizeInBytes: 2048 }] }],
  };
}

/** The export's lines (UAL JSON, one record per line). */
export function timelineExportLines(): string[] {
  const records = [
    exchangeAdmin(GRANT_ID, '2024-03-04T09:38:36', 'Add-MailboxPermission', {
      Identity: HOSTILE, User: CONTRACTOR, AccessRights: 'FullAccess', InheritanceType: 'All', AutoMapping: 'False',
    }),
    {
      CreationTime: '2024-03-04T10:02:00', Id: FOLDER_GRANT_ID, Operation: 'AddFolderPermissions', OrganizationId: '64119531-64b4-41f6-bc36-22a67e3da096',
      RecordType: 2, ResultStatus: 'Succeeded', UserKey: '10032000BBBB', UserType: 0, Version: 1, Workload: 'Exchange', ClientIP: '81.149.52.170',
      UserId: 'ceo@contoso.com', LogonType: 0, MailboxOwnerUPN: 'ceo@contoso.com', MailboxGuid: '0ee4a2b2-ae8f-4224-8678-17260b091d36',
      Item: { Id: 'LgAAAAD', ParentFolder: { Id: 'LgAAAAE', Path: `\\Inbox\\${HOSTILE}`, Name: HOSTILE, MemberUpn: CONTRACTOR, MemberRights: 'ReadItems' } },
    },
    ...Array.from({ length: 60 }, (_, i) => read(i)),
  ];
  return records.map((r) => JSON.stringify(r));
}
