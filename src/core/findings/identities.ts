/**
 * Identity strings as audit records spell them: UPNs in any case, Exchange
 * distinguished-name paths, system accounts, guest (#EXT#) accounts.
 */

export function fold(s: string | null | undefined): string {
  return (s ?? '').trim().toLowerCase();
}

/** The last segment of an Exchange DN path ("NAMPR.../contoso.onmicrosoft.com/alice" -> "alice"). */
export function identityLeaf(identity: string): string {
  const s = identity.trim();
  const slash = s.lastIndexOf('/');
  return slash >= 0 && slash < s.length - 1 ? s.slice(slash + 1) : s;
}

/** The mailbox part of a folder identity ("alice@x:\Inbox" -> "alice@x"). */
export function mailboxOfFolderIdentity(identity: string): string {
  const at = identity.indexOf(':\\');
  return at > 0 ? identity.slice(0, at) : identity;
}

/** A form of an identity fit for comparing: folded DN leaf, without a folder part. */
export function identityKey(identity: string): string {
  return fold(identityLeaf(mailboxOfFolderIdentity(identity)));
}

export function looksLikeEmail(s: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.trim());
}

/** The domain of a UPN / address, lower case ('' when it is not one). */
export function domainOf(identity: string): string {
  const s = identityLeaf(identity).trim();
  if (!looksLikeEmail(s)) return '';
  return s.slice(s.lastIndexOf('@') + 1).toLowerCase();
}

export function isGuestAccount(identity: string): boolean {
  return /#ext#/i.test(identity);
}

const systemActorPatterns: readonly RegExp[] = [
  /^nt authority\\/i,
  /^s-1-5-18$/i,
  /\(microsoft\.exchange\.[a-z]+\)$/i,
  /^app@sharepoint$/i,
  /^servicehost$/i,
];

/** Accounts of the Exchange service itself, which no tenant user can act as. */
export function isSystemActor(userId: string): boolean {
  const s = userId.trim();
  return systemActorPatterns.some((p) => p.test(s));
}

const systemMailboxPatterns: readonly RegExp[] = [
  /discoverysearchmailbox\{/i,
  /systemmailbox\{/i,
  /^federatedemail\./i,
  /^migration\./i,
  /^searchmailbox/i,
];

/** Exchange's own arbitration, discovery and migration mailboxes. */
export function isSystemMailbox(identity: string): boolean {
  const leaf = identityLeaf(identity);
  return systemMailboxPatterns.some((p) => p.test(leaf));
}

const systemGranteePatterns: readonly RegExp[] = [
  /^discovery management$/i,
  /^(owner|member)@local$/i,
  /^nt authority\\/i,
  /^s-1-5-(10|18)$/i,
  /^default$/i,
  /^anonymous$/i,
];

/** Built-in grantees: the Discovery Management role group, group-mailbox owner/member placeholders. */
export function isSystemGrantee(identity: string): boolean {
  const leaf = identityLeaf(identity).trim();
  return systemGranteePatterns.some((p) => p.test(leaf));
}
