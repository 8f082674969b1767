import type { MailboxRight } from '../rights';

/** An Exchange RBAC-for-Applications role (seed 003) and what it grants on the mailboxes in its scope. */
export interface RbacApplicationRoleDef {
  readonly name: string;
  readonly protocol: 'MS Graph' | 'EWS';
  /** The permissions it is equivalent to. */
  readonly permissions: readonly string[];
  readonly rights: readonly MailboxRight[];
}

const roles: RbacApplicationRoleDef[] = [
  { name: 'Application Mail.Read', protocol: 'MS Graph', permissions: ['Mail.Read'], rights: ['read'] },
  { name: 'Application Mail.ReadBasic', protocol: 'MS Graph', permissions: ['Mail.ReadBasic'], rights: ['readBasic'] },
  { name: 'Application Mail.ReadWrite', protocol: 'MS Graph', permissions: ['Mail.ReadWrite'], rights: ['read', 'readWrite'] },
  { name: 'Application Mail.Send', protocol: 'MS Graph', permissions: ['Mail.Send'], rights: ['send'] },
  { name: 'Application MailboxSettings.Read', protocol: 'MS Graph', permissions: ['MailboxSettings.Read'], rights: ['settings'] },
  { name: 'Application MailboxSettings.ReadWrite', protocol: 'MS Graph', permissions: ['MailboxSettings.ReadWrite'], rights: ['settings'] },
  { name: 'Application Calendars.Read', protocol: 'MS Graph', permissions: ['Calendars.Read'], rights: ['calendars'] },
  { name: 'Application Calendars.ReadWrite', protocol: 'MS Graph', permissions: ['Calendars.ReadWrite'], rights: ['calendars'] },
  { name: 'Application Contacts.Read', protocol: 'MS Graph', permissions: ['Contacts.Read'], rights: ['contacts'] },
  { name: 'Application Contacts.ReadWrite', protocol: 'MS Graph', permissions: ['Contacts.ReadWrite'], rights: ['contacts'] },
  { name: 'Application Mail Full Access', protocol: 'MS Graph', permissions: ['Mail.ReadWrite', 'Mail.Send'], rights: ['read', 'readWrite', 'send'] },
  {
    name: 'Application Exchange Full Access', protocol: 'MS Graph',
    permissions: ['Mail.ReadWrite', 'Mail.Send', 'MailboxSettings.ReadWrite', 'Calendars.ReadWrite', 'Contacts.ReadWrite'],
    rights: ['read', 'readWrite', 'send', 'settings', 'calendars', 'contacts'],
  },
  { name: 'Application EWS.AccessAsApp', protocol: 'EWS', permissions: ['EWS.AccessAsApp'], rights: ['ewsFullAccess', 'read', 'readWrite', 'send', 'calendars', 'contacts'] },
];

export const rbacApplicationRoles: readonly RbacApplicationRoleDef[] = roles;

const byLower = new Map(roles.map((r) => [r.name.toLowerCase(), r]));

/** Looks a role up by name, case-insensitively (Exchange role names are case-insensitive). */
export function findRbacApplicationRole(name: string): RbacApplicationRoleDef | undefined {
  return byLower.get(name.trim().toLowerCase());
}
