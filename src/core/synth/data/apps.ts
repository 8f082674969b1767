import { guidFromHash } from '../random/prng';
import { hashString } from '../random/hash';

/** Well-known first-party application ids (the same in every tenant). */
export const MS_APPS = {
  graph: { appId: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph' },
  exchangeOnline: { appId: '00000002-0000-0ff1-ce00-000000000000', displayName: 'Office 365 Exchange Online' },
  office: { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', displayName: 'Microsoft Office' },
  outlookMobile: { appId: '27922004-5251-4030-b22d-91ecd9a37ea4', displayName: 'Outlook Mobile' },
  oneOutlookWeb: { appId: '9199bf20-a13f-4107-85dc-02114787ef48', displayName: 'One Outlook Web' },
  teams: { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', displayName: 'Microsoft Teams' },
  azurePortal: { appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', displayName: 'Azure Portal' },
  exoPowerShell: { appId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b', displayName: 'Microsoft Exchange REST API Based Powershell' },
  officeShell: { appId: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7', displayName: 'Office365 Shell WCSS-Client' },
  complianceCenter: { appId: '80ccca67-54bd-44ab-8625-4b79c4dc7775', displayName: 'Microsoft 365 Security and Compliance Center' },
} as const;

export type MsAppKey = keyof typeof MS_APPS;

/**
 * App role (application permission) ids. Microsoft Graph's mail roles are the
 * published ids; for the others the id is derived from the name (stable, but
 * not Microsoft's value): the generator only needs it to be consistent.
 */
const KNOWN_APP_ROLE_IDS: Record<string, string> = {
  'Microsoft Graph/Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
  'Microsoft Graph/Mail.ReadBasic.All': '693c5e45-0940-467d-9b8a-1022fb9d42ef',
  'Microsoft Graph/Mail.ReadWrite': 'e2a3a72e-5f79-4c64-b1b1-878b674786c9',
  'Microsoft Graph/Mail.Send': 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
  'Microsoft Graph/User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Office 365 Exchange Online/full_access_as_app': 'dc890d15-9560-4a4c-9b7f-a736ec74ec40',
};

export function appRoleId(resourceName: string, value: string): string {
  const key = `${resourceName}/${value}`;
  return KNOWN_APP_ROLE_IDS[key] ?? guidFromHash(hashString(`approle:${key}`));
}

/** Display names of app roles as the consent screens show them. */
export const APP_ROLE_DISPLAY: Record<string, string> = {
  'Mail.Read': 'Read mail in all mailboxes',
  'Mail.ReadWrite': 'Read and write mail in all mailboxes',
  'Mail.Send': 'Send mail as any user',
  'User.Read.All': 'Read all users\' full profiles',
  'IMAP.AccessAsApp': 'IMAP.AccessAsApp',
  'full_access_as_app': 'Use Exchange Web Services with full access to all mailboxes',
  'Calendars.Read': 'Read calendars in all mailboxes',
};

/** The tenant's own sign-in / management addresses seen in Exchange admin records. */
export const EXCHANGE_FOREST = 'NAMPR10A011.PROD.OUTLOOK.COM';

/** Default mailbox audit action sets (Exchange Online defaults). */
export const DEFAULT_AUDIT_OWNER: readonly string[] = [
  'Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'UpdateFolderPermissions', 'UpdateInboxRules',
  'UpdateCalendarDelegation', 'ApplyRecord', 'MailItemsAccessed', 'Send',
];
export const DEFAULT_AUDIT_DELEGATE: readonly string[] = [
  'Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create',
  'UpdateFolderPermissions', 'UpdateInboxRules', 'ApplyRecord', 'MailItemsAccessed',
];
export const DEFAULT_AUDIT_ADMIN: readonly string[] = [
  'Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create',
  'UpdateFolderPermissions', 'UpdateInboxRules', 'UpdateCalendarDelegation', 'ApplyRecord', 'MailItemsAccessed', 'Send',
];
/** A weaker owner action set left by an old script (no MailItemsAccessed). */
export const LEGACY_AUDIT_OWNER: readonly string[] = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete'];
