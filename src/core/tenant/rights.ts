/** What a grant lets its holder do with one mailbox. */
export type MailboxRight =
  | 'read'          // read mail items, bodies and attachments
  | 'readBasic'     // read mail items without body, preview, attachments
  | 'readWrite'     // create, read, update, delete mail items
  | 'send'          // send mail as / on behalf of the mailbox
  | 'settings'      // mailbox settings (automatic replies, rules, locale ...)
  | 'calendars'     // calendar items
  | 'contacts'      // contacts
  | 'ewsFullAccess' // Exchange Web Services with full access to the mailbox
  | 'imap'          // IMAP access to the whole mailbox
  | 'pop';          // POP access to the inbox

export const allRights: readonly MailboxRight[] = [
  'read', 'readBasic', 'readWrite', 'send', 'settings', 'calendars', 'contacts', 'ewsFullAccess', 'imap', 'pop',
];

/** Rights that let the holder read message contents. */
export const contentReadRights: readonly MailboxRight[] = ['read', 'readWrite', 'ewsFullAccess', 'imap', 'pop'];

export function canReadContent(rights: Iterable<MailboxRight>): boolean {
  for (const r of rights) if (contentReadRights.includes(r)) return true;
  return false;
}

/** Sorted, de-duplicated rights in the canonical order of allRights. */
export function normaliseRights(rights: Iterable<MailboxRight>): MailboxRight[] {
  const set = new Set(rights);
  return allRights.filter((r) => set.has(r));
}
