import { findUser, fold, mailboxMatches, ownerOfMailbox } from '../identity';
import { modelLookup } from '../lookup';
import type { Delegation, Mailbox, TenantModel } from '../model';

/** Folder permission roles and rights that let the holder read items in the folder. */
const folderReadRoles = new Set(['owner', 'publishingeditor', 'editor', 'publishingauthor', 'author', 'nonEditingauthor', 'noneditingauthor', 'reviewer', 'readitems']);

export function folderRightsCanRead(rights: readonly string[] | undefined): boolean {
  return (rights ?? []).some((r) => folderReadRoles.has(fold(r)));
}

/** Delegations recorded on this mailbox. */
export function delegationsOn(model: Pick<TenantModel, 'delegations'>, m: Mailbox): Delegation[] {
  const lookup = modelLookup(model);
  return lookup.ownerByMailbox.has(m) ? lookup.delegationsByMailbox.get(m) ?? [] : model.delegations.filter((d) => mailboxMatches(m, d.mailbox));
}

/** Whether a delegation's trustee stands for the given user (by UPN or id). */
export function trusteeIsUser(model: Pick<TenantModel, 'users'>, trustee: string, userIdOrUpn: string): boolean {
  if (fold(trustee) === fold(userIdOrUpn)) return true;
  const u = findUser(model, userIdOrUpn);
  if (!u) return false;
  return fold(trustee) === fold(u.userPrincipalName) || fold(trustee) === fold(u.id);
}

export type UserReach = 'owner' | 'fullAccess' | 'folder';

/** How a user can reach a mailbox in their own right: as its owner, through FullAccess, or through folder rights. */
export function userReachesMailbox(model: Pick<TenantModel, 'users' | 'delegations'>, userIdOrUpn: string, m: Mailbox): UserReach | undefined {
  const owner = ownerOfMailbox(model, m);
  if (owner && (fold(owner.id) === fold(userIdOrUpn) || fold(owner.userPrincipalName) === fold(userIdOrUpn))) return 'owner';
  if (!owner && fold(m.userPrincipalName) === fold(userIdOrUpn)) return 'owner';
  const mine = delegationsOn(model, m).filter((d) => trusteeIsUser(model, d.trustee, userIdOrUpn));
  if (mine.some((d) => d.right === 'FullAccess')) return 'fullAccess';
  if (mine.some((d) => d.right === 'FolderPermission' && folderRightsCanRead(d.folderAccessRights))) return 'folder';
  return undefined;
}
