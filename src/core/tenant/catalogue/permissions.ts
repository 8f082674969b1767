import type { MailboxRight } from '../rights';
import { exchangeOnlineAppId, graphAppId } from './resources';

/**
 * Mail-related Entra permissions of Microsoft Graph and Office 365 Exchange
 * Online, by value. Ids are the app role / delegated scope GUIDs as published in
 * each resource's service principal; undefined where no two sources agreed.
 */
export interface PermissionDef {
  readonly resourceAppId: string;
  readonly value: string;
  readonly kind: 'application' | 'delegated';
  readonly id?: string;
  /** Mailbox rights it gives (application: on every mailbox in reach; delegated: on mailboxes the signed-in user can reach). */
  readonly rights: readonly MailboxRight[];
  /** Application access policies can restrict it (seed 001: the Graph mail permissions and EWS full_access_as_app). */
  readonly policyRestrictable: boolean;
  /** How the app reaches a mailbox: directly, or only where its Exchange service principal holds mailbox permissions (IMAP/POP/SMTP). */
  readonly needsExchangeServicePrincipalPermission?: boolean;
  /** Delegated: reaches mailboxes shared with the signed-in user, not only the user's own. */
  readonly sharedMailboxes?: boolean;
  /** Administers Exchange rather than reading mail (Exchange.ManageAsApp): dangerous with an Exchange role. */
  readonly administrative?: boolean;
  readonly meaning: string;
}

const G = graphAppId;
const X = exchangeOnlineAppId;

function app(resourceAppId: string, value: string, id: string | undefined, rights: MailboxRight[], policyRestrictable: boolean, meaning: string,
  extra: Partial<PermissionDef> = {}): PermissionDef {
  return { resourceAppId, value, kind: 'application', id, rights, policyRestrictable, meaning, ...extra };
}
function del(resourceAppId: string, value: string, id: string | undefined, rights: MailboxRight[], meaning: string,
  extra: Partial<PermissionDef> = {}): PermissionDef {
  return { resourceAppId, value, kind: 'delegated', id, rights, policyRestrictable: false, meaning, ...extra };
}

const defs: PermissionDef[] = [
  // Microsoft Graph, application permissions (restrictable by application access policies, seed 001).
  app(G, 'Mail.Read', '810c84a8-4a9e-49e6-bf7d-12d183f40d01', ['read'], true, 'Read mail in all mailboxes.'),
  app(G, 'Mail.ReadBasic', '6be147d2-ea4f-4b5a-a3fa-3eab6f3c140a', ['readBasic'], true, 'Read mail in all mailboxes except body, preview and attachments.'),
  app(G, 'Mail.ReadBasic.All', '693c5e45-0940-467d-9b8a-1022fb9d42ef', ['readBasic'], true, 'Read basic mail properties in all mailboxes.'),
  app(G, 'Mail.ReadWrite', 'e2a3a72e-5f79-4c64-b1b1-878b674786c9', ['read', 'readWrite'], true, 'Read and write mail in all mailboxes (not send).'),
  app(G, 'Mail.Send', 'b633e1c5-b582-4048-a93e-9f11b44c7e96', ['send'], true, 'Send mail as any user.'),
  app(G, 'MailboxSettings.Read', '40f97065-369a-49f4-947c-6a255697ae91', ['settings'], true, 'Read all users\' mailbox settings.'),
  app(G, 'MailboxSettings.ReadWrite', '6931bccd-447a-43d1-b442-00a195474933', ['settings'], true, 'Read and write all users\' mailbox settings.'),
  app(G, 'Calendars.Read', '798ee544-9d2d-430c-a058-570e29e34338', ['calendars'], true, 'Read calendars in all mailboxes.'),
  app(G, 'Calendars.ReadWrite', 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', ['calendars'], true, 'Read and write calendars in all mailboxes.'),
  app(G, 'Contacts.Read', '089fe4d0-434a-44c5-8827-41ba8a0b17f5', ['contacts'], true, 'Read contacts in all mailboxes.'),
  app(G, 'Contacts.ReadWrite', '6918b873-d17a-4dc1-b314-35f528134491', ['contacts'], true, 'Read and write contacts in all mailboxes.'),
  // Not in seed 001's list of permissions an application access policy restricts.
  app(G, 'MailboxItem.Read.All', '7d9f353d-a7bd-4fbb-822a-26d5dd39a3ce', ['read'], false, 'Read all users\' mailbox items (mailbox import/export API).'),
  app(G, 'MailboxItem.ImportExport.All', '76577085-e73d-4f1d-b26a-85fb33892327', ['read', 'readWrite'], false, 'Export and import all mailbox items in full fidelity.'),
  // Microsoft Graph, delegated scopes (act as the signed-in user).
  del(G, 'Mail.Read', '570282fd-fa5c-430d-a7fd-fc8dc98a9dca', ['read'], 'Read the signed-in user\'s mail.'),
  del(G, 'Mail.ReadBasic', 'a4b8392a-d8d1-4954-a029-8e668a39a170', ['readBasic'], 'Read the signed-in user\'s mail except body and attachments.'),
  del(G, 'Mail.ReadWrite', '024d486e-b451-40bb-833d-3e66d98c5c73', ['read', 'readWrite'], 'Read and write the signed-in user\'s mail.'),
  del(G, 'Mail.Send', 'e383f46e-2787-4529-855e-0e479a3ffac0', ['send'], 'Send mail as the signed-in user.'),
  del(G, 'Mail.Read.Shared', '7b9103a5-4610-446b-9670-80643382c1fa', ['read'], 'Read mail the signed-in user can access, including shared mailboxes.', { sharedMailboxes: true }),
  del(G, 'Mail.ReadBasic.Shared', 'b11fa0e7-fdb7-4dc9-b1f1-59facd463480', ['readBasic'], 'Read basic mail the signed-in user can access, including shared mailboxes.', { sharedMailboxes: true }),
  del(G, 'Mail.ReadWrite.Shared', '5df07973-7d5d-46ed-9847-1271055cbd51', ['read', 'readWrite'], 'Read and write mail the signed-in user can access, including shared mailboxes.', { sharedMailboxes: true }),
  del(G, 'Mail.Send.Shared', 'a367ab51-6b49-43bf-a716-a1fb06d2a174', ['send'], 'Send mail as the signed-in user or on behalf of others.', { sharedMailboxes: true }),
  del(G, 'MailboxSettings.Read', '87f447af-9fa4-4c32-9dfa-4a57a73d18ce', ['settings'], 'Read the signed-in user\'s mailbox settings.'),
  del(G, 'MailboxSettings.ReadWrite', '818c620a-27a9-40bd-a6a5-d96f7d610b4b', ['settings'], 'Read and write the signed-in user\'s mailbox settings.'),
  del(G, 'Calendars.Read', '465a38f9-76ea-45b9-9f34-9e8b0d4b0b42', ['calendars'], 'Read the signed-in user\'s calendars.'),
  del(G, 'Calendars.ReadWrite', '1ec239c2-d7c9-4623-a91a-a9775856bb36', ['calendars'], 'Read and write the signed-in user\'s calendars.'),
  del(G, 'Calendars.Read.Shared', '2b9c4092-424d-4249-948d-b43879977640', ['calendars'], 'Read calendars the signed-in user can access.', { sharedMailboxes: true }),
  del(G, 'Calendars.ReadWrite.Shared', '12466101-c9b8-439a-8589-dd09ee67e8e9', ['calendars'], 'Read and write calendars the signed-in user can access.', { sharedMailboxes: true }),
  del(G, 'Contacts.Read', 'ff74d97f-43af-4b68-9f2a-b77ee6968c5d', ['contacts'], 'Read the signed-in user\'s contacts.'),
  del(G, 'Contacts.ReadWrite', 'd56682ec-c09e-4743-aaf4-1a3aac4caa21', ['contacts'], 'Read and write the signed-in user\'s contacts.'),
  del(G, 'Contacts.Read.Shared', '242b9d9e-ed24-4d09-9a52-f43769beb9d4', ['contacts'], 'Read contacts the signed-in user can access.', { sharedMailboxes: true }),
  del(G, 'Contacts.ReadWrite.Shared', 'afb6c84b-06be-49af-80bb-8f3f77004eab', ['contacts'], 'Read and write contacts the signed-in user can access.', { sharedMailboxes: true }),
  del(G, 'MailboxItem.Read', undefined, ['read'], 'Read the signed-in user\'s mailbox items (mailbox import/export API).'),
  del(G, 'MailboxItem.ImportExport', undefined, ['read', 'readWrite'], 'Export and import the signed-in user\'s mailbox items.'),
  del(G, 'EWS.AccessAsUser.All', '9769c687-087d-48ac-9cb3-c37dde652038', ['ewsFullAccess'], 'Exchange Web Services with the signed-in user\'s access, shared mailboxes included.', { sharedMailboxes: true }),
  del(G, 'IMAP.AccessAsUser.All', '652390e4-393a-48de-9484-05f9b1212954', ['imap'], 'IMAP with the signed-in user\'s access.', { sharedMailboxes: true }),
  del(G, 'POP.AccessAsUser.All', 'd7b7f2d9-0f45-4ea1-9d42-e50810c06991', ['pop'], 'POP with the signed-in user\'s access.', { sharedMailboxes: true }),
  del(G, 'SMTP.Send', '258f6531-6087-4cc4-bb90-092c5fb3ed3f', ['send'], 'Send mail with SMTP AUTH as the signed-in user.'),
  // Office 365 Exchange Online, application permissions.
  app(X, 'full_access_as_app', 'dc890d15-9560-4a4c-9b7f-a736ec74ec40', ['ewsFullAccess', 'read', 'readWrite', 'send', 'calendars', 'contacts'], true, 'Exchange Web Services with full access to all mailboxes.'),
  app(X, 'IMAP.AccessAsApp', '5e5addcd-3e8d-4e90-baf5-964efab2b20a', ['imap'], false, 'IMAP access to mailboxes where the app\'s Exchange service principal holds FullAccess.', { needsExchangeServicePrincipalPermission: true }),
  app(X, 'POP.AccessAsApp', 'cb842b43-da6e-4506-86fe-bb12199c656d', ['pop'], false, 'POP access to mailboxes where the app\'s Exchange service principal holds FullAccess.', { needsExchangeServicePrincipalPermission: true }),
  app(X, 'SMTP.SendAsApp', '7146a1f0-8703-45b3-9eae-527a64c00995', ['send'], false, 'SMTP AUTH sending from mailboxes where the app\'s Exchange service principal holds permissions.', { needsExchangeServicePrincipalPermission: true }),
  app(X, 'Exchange.ManageAsApp', 'dc50a0fb-09a3-484d-be87-e023b12c6440', [], false, 'Run Exchange admin cmdlets as the app (with an Exchange role it can grant itself any mailbox access).', { administrative: true }),
  // Legacy Outlook REST roles on the Exchange Online resource (ids shared with Graph where the service principal says so).
  app(X, 'Mail.Read', '810c84a8-4a9e-49e6-bf7d-12d183f40d01', ['read'], false, 'Read mail in all mailboxes (Exchange Online resource).'),
  app(X, 'Mail.ReadWrite', 'e2a3a72e-5f79-4c64-b1b1-878b674786c9', ['read', 'readWrite'], false, 'Read and write mail in all mailboxes (Exchange Online resource).'),
  app(X, 'Mail.Send', 'b633e1c5-b582-4048-a93e-9f11b44c7e96', ['send'], false, 'Send mail as any user (Exchange Online resource).'),
  app(X, 'MailboxSettings.Read', 'd45fa9f8-36e5-4cd2-b601-b063c7cf9ac2', ['settings'], false, 'Read all users\' mailbox settings (Exchange Online resource).'),
  app(X, 'MailboxSettings.ReadWrite', 'f9156939-25cd-4ba8-abfe-7fabcf003749', ['settings'], false, 'Read and write all users\' mailbox settings (Exchange Online resource).'),
  app(X, 'Calendars.Read', '798ee544-9d2d-430c-a058-570e29e34338', ['calendars'], false, 'Read calendars in all mailboxes (Exchange Online resource).'),
  app(X, 'Calendars.ReadWrite.All', 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', ['calendars'], false, 'Read and write calendars in all mailboxes (Exchange Online resource).'),
  app(X, 'Contacts.Read', '089fe4d0-434a-44c5-8827-41ba8a0b17f5', ['contacts'], false, 'Read contacts in all mailboxes (Exchange Online resource).'),
  app(X, 'Contacts.ReadWrite', '6918b873-d17a-4dc1-b314-35f528134491', ['contacts'], false, 'Read and write contacts in all mailboxes (Exchange Online resource).'),
  // Office 365 Exchange Online, delegated scopes.
  del(X, 'EWS.AccessAsUser.All', '3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5', ['ewsFullAccess'], 'Exchange Web Services with the signed-in user\'s access, shared mailboxes included.', { sharedMailboxes: true }),
  del(X, 'Mail.Read', '185758ba-798d-4b72-9e54-429a413a2510', ['read'], 'Read the signed-in user\'s mail (Exchange Online resource).'),
  del(X, 'Mail.Read.All', 'ad13ac2e-ad46-4dc0-b7da-249c94395a6d', ['read'], 'Read mail the signed-in user can access, including shared mail.', { sharedMailboxes: true }),
  del(X, 'Mail.Read.Shared', '1d894596-c906-42b1-8422-9360440c1c0c', ['read'], 'Read mail the signed-in user can access, including shared mail.', { sharedMailboxes: true }),
  del(X, 'Mail.ReadBasic', 'dab085de-3e14-432f-a47f-84b6457059c4', ['readBasic'], 'Read the signed-in user\'s mail except body and attachments.'),
  del(X, 'Mail.ReadWrite', '75767999-c7a8-481e-a6b4-19458e0b30a5', ['read', 'readWrite'], 'Read and write the signed-in user\'s mail.'),
  del(X, 'Mail.ReadWrite.All', '140e747e-90d3-4de0-8618-85a0cc7a1129', ['read', 'readWrite'], 'Read and write mail the signed-in user can access, including shared mail.', { sharedMailboxes: true }),
  del(X, 'Mail.ReadWrite.Shared', 'b09ec548-3f99-4d0a-859c-c9b7ff53b7a9', ['read', 'readWrite'], 'Read and write mail the signed-in user can access, including shared mail.', { sharedMailboxes: true }),
  del(X, 'Mail.Send', '5eb43c10-865a-4259-960a-83946678f8dd', ['send'], 'Send mail as the signed-in user.'),
  del(X, 'MailboxSettings.Read', 'd36ad51d-15a2-458d-9b3a-16dbe4c51c30', ['settings'], 'Read the signed-in user\'s mailbox settings.'),
  del(X, 'MailboxSettings.ReadWrite', '2e83d72d-8895-4b66-9eea-abb43449ab8b', ['settings'], 'Read and write the signed-in user\'s mailbox settings.'),
  del(X, 'IMAP.AccessAsUser.All', '195adc35-e27b-454b-a7ed-1ecdffa1c09f', ['imap'], 'IMAP with the signed-in user\'s access.', { sharedMailboxes: true }),
  del(X, 'POP.AccessAsUser.All', 'fb698133-92fa-453e-a9ed-688e10f2e5ac', ['pop'], 'POP with the signed-in user\'s access.', { sharedMailboxes: true }),
  del(X, 'SMTP.Send', '76faac2a-0f20-42f1-928a-50de5b9dbe52', ['send'], 'Send mail with SMTP AUTH as the signed-in user.'),
  del(X, 'EAS.AccessAsUser.All', '266d2589-20b5-4f91-9a03-89247d1be8da', ['read', 'readWrite', 'send', 'calendars', 'contacts'], 'Exchange ActiveSync with the signed-in user\'s access.'),
];

/** Every catalogued permission. */
export const mailPermissions: readonly PermissionDef[] = defs;

const byKey = new Map(defs.map((d) => [key(d.resourceAppId, d.kind, d.value), d]));
const byId = new Map<string, PermissionDef[]>();
for (const d of defs) if (d.id) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);

function key(resourceAppId: string, kind: string, value: string): string {
  return `${resourceAppId.toLowerCase()}|${kind}|${value.toLowerCase()}`;
}

/** Looks a permission up by resource, kind and value (value case-insensitive). */
export function findPermission(resourceAppId: string, kind: 'application' | 'delegated', value: string): PermissionDef | undefined {
  return byKey.get(key(resourceAppId, kind, value.trim()));
}

/** The permissions with this app role / scope id (Graph and Exchange Online share some app role ids). */
export function findPermissionsById(id: string): readonly PermissionDef[] {
  return byId.get(id.trim().toLowerCase()) ?? [];
}

/** A permission by value alone, preferring Microsoft Graph, when the resource is not known. */
export function findPermissionByValue(kind: 'application' | 'delegated', value: string): PermissionDef | undefined {
  return findPermission(graphAppId, kind, value) ?? findPermission(exchangeOnlineAppId, kind, value);
}
