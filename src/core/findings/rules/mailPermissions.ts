/** Which Entra permissions (and Exchange application roles) reach mailbox contents. */

const mailPermission = /^(mail\.|mailboxsettings\.|mailboxitem\.|full_access_as_app$|ews\.accessas|imap\.accessas|pop\.accessas|eas\.accessas|exchange\.manageasapp$)/i;
/** Permissions that read message contents (not only send, settings or headers). */
const contentPermission = /^(mail\.read(?!basic)|mail\.readwrite|mailboxitem\.|full_access_as_app$|ews\.accessas|imap\.accessas|pop\.accessas|eas\.accessas)/i;

export function isMailPermission(value: string): boolean {
  return mailPermission.test(value.trim());
}

export function readsContent(value: string): boolean {
  return contentPermission.test(value.trim());
}

export function isAdministrative(value: string): boolean {
  return /^exchange\.manageasapp$/i.test(value.trim());
}

/** Exchange RBAC-for-Applications roles ("Application Mail.Read", "Application EWS.AccessAsApp", ...) that read mail. */
export function roleReadsContent(role: string): boolean {
  return /^application\s+(mail\.read(?!basic)|mail\.readwrite|mail full access|exchange full access|ews\.accessasapp)/i.test(role.trim());
}

export function isApplicationRole(role: string): boolean {
  return /^application\s+\S/i.test(role.trim());
}
