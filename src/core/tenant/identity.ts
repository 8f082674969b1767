import { lookupGroups, lookupUsers, modelLookup } from './lookup';
import type { App, ExchangeServicePrincipal, Group, Mailbox, TenantModel, User } from './model';

/**
 * Identity matching the way Exchange resolves -Identity / -User values:
 * case-insensitive, against UPN, SMTP address, alias, name, display name, GUID,
 * and the last segment of a distinguished-name path such as
 * "NAMPR10A011.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/alice".
 */

export function fold(s: string | undefined | null): string {
  return (s ?? '').trim().toLowerCase();
}

/** The candidate names one identity string stands for (itself, its DN leaf, its CN=, a GUID without braces). */
export function identityForms(raw: string): string[] {
  const s = fold(raw);
  if (!s) return [];
  const forms = new Set<string>([s]);
  const slash = s.lastIndexOf('/');
  if (slash >= 0 && slash < s.length - 1) forms.add(s.slice(slash + 1));
  const cn = /^cn=((?:\\,|[^,])+)/.exec(s);
  if (cn) forms.add(cn[1].replace(/\\,/g, ','));
  const braced = /^\{([0-9a-f-]{36})\}$/.exec(s);
  if (braced) forms.add(braced[1]);
  for (const f of [...forms]) {
    // Exchange folder identities "mailbox:\Folder" name the mailbox before the colon.
    const colon = f.indexOf(':\\');
    if (colon > 0) forms.add(f.slice(0, colon));
  }
  return [...forms];
}

function anyMatch(raw: string, keys: Array<string | undefined>): boolean {
  const forms = identityForms(raw);
  if (forms.length === 0) return false;
  for (const k of keys) {
    const fk = fold(k);
    if (fk && forms.includes(fk)) return true;
  }
  return false;
}

export function mailboxKeys(m: Mailbox): Array<string | undefined> {
  return [m.userPrincipalName, m.primarySmtpAddress, m.alias, m.name, m.displayName, m.guid, m.exchangeGuid, m.userId];
}

export function mailboxMatches(m: Mailbox, identity: string): boolean {
  return anyMatch(identity, mailboxKeys(m));
}

export function findMailbox(model: Pick<TenantModel, 'mailboxes'>, identity: string): Mailbox | undefined {
  // Prefer an exact UPN / SMTP match over a looser name match.
  const forms = identityForms(identity);
  const exact = model.mailboxes.find((m) => forms.includes(fold(m.userPrincipalName)) || forms.includes(fold(m.primarySmtpAddress)));
  return exact ?? model.mailboxes.find((m) => mailboxMatches(m, identity));
}

export function userMatches(u: User, identity: string): boolean {
  return anyMatch(identity, [u.userPrincipalName, u.id, u.displayName]);
}

export function findUser(model: Pick<TenantModel, 'users'>, identity: string): User | undefined {
  return lookupUsers(model, identity)[0];
}

export function groupMatches(g: Group, identity: string): boolean {
  return anyMatch(identity, [g.id, g.displayName, g.mail, g.alias, g.distinguishedName]);
}

export function findGroup(model: Pick<TenantModel, 'groups'>, identity: string): Group | undefined {
  return lookupGroups(model, identity)[0];
}

export function servicePrincipalMatches(sp: ExchangeServicePrincipal, identity: string): boolean {
  return anyMatch(identity, [sp.identity, sp.appId, sp.objectId, sp.displayName]);
}

export function findServicePrincipal(model: Pick<TenantModel, 'exchangeServicePrincipals'>, identity: string): ExchangeServicePrincipal | undefined {
  return model.exchangeServicePrincipals.find((sp) => servicePrincipalMatches(sp, identity));
}

export function appMatches(a: App, identity: string): boolean {
  return anyMatch(identity, [a.appId, a.servicePrincipalId, a.applicationObjectId, a.displayName]);
}

export function findApp(model: Pick<TenantModel, 'apps'>, identity: string): App | undefined {
  const forms = identityForms(identity);
  return model.apps.find((a) => forms.includes(fold(a.appId))) ?? model.apps.find((a) => appMatches(a, identity));
}

/** Whether a member entry of a group (UPN, user id, address, name) stands for this mailbox. */
export function memberIsMailbox(member: string, m: Mailbox): boolean {
  return mailboxMatches(m, member);
}

/** Groups the mailbox is a direct member of. */
export function groupsOfMailbox(model: Pick<TenantModel, 'groups'>, m: Mailbox): Group[] {
  const lookup = modelLookup(model);
  return lookup.ownerByMailbox.has(m) ? lookup.groupsByMailbox.get(m) ?? [] : model.groups.filter((g) => g.members.some((member) => memberIsMailbox(member, m)));
}

/** The Entra user that owns a mailbox (by userId, else by UPN). */
export function ownerOfMailbox(model: Pick<TenantModel, 'users'>, m: Mailbox): User | undefined {
  const lookup = modelLookup(model);
  if (lookup.ownerByMailbox.has(m)) return lookup.ownerByMailbox.get(m);
  if (m.userId) {
    const byId = model.users.find((u) => fold(u.id) === fold(m.userId));
    if (byId) return byId;
  }
  return model.users.find((u) => fold(u.userPrincipalName) === fold(m.userPrincipalName));
}
