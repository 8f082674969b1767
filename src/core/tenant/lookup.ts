import { fold, identityForms, mailboxKeys } from './identity';
import type { Delegation, Group, Mailbox, TenantModel, User } from './model';

/**
 * Lookups the access functions make for every (app, mailbox) pair, built once
 * per model. A model is treated as unchanging while it is queried; the index is
 * rebuilt when a collection is replaced or changes size.
 */
export interface ModelLookup {
  mailboxesByForm: Map<string, Mailbox[]>;
  delegationsByMailbox: Map<Mailbox, Delegation[]>;
  groupsByMailbox: Map<Mailbox, Group[]>;
  ownerByMailbox: Map<Mailbox, User | undefined>;
  usersByForm: Map<string, User[]>;
  groupsByForm: Map<string, Group[]>;
}

type Indexed = Pick<TenantModel, 'users' | 'groups' | 'mailboxes' | 'delegations'>;

const cache = new WeakMap<object, { stamp: unknown[]; lookup: ModelLookup }>();

function stampOf(m: Partial<Indexed>): unknown[] {
  const members = (m.groups ?? []).reduce((n, g) => n + g.members.length, 0);
  return [m.users, m.users?.length, m.groups, m.groups?.length, members, m.mailboxes, m.mailboxes?.length, m.delegations, m.delegations?.length];
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) { if (!list.includes(v)) list.push(v); } else map.set(k, [v]);
}

function resolve<V>(byForm: Map<string, V[]>, raw: string): V[] {
  const out: V[] = [];
  for (const f of identityForms(raw)) for (const v of byForm.get(f) ?? []) if (!out.includes(v)) out.push(v);
  return out;
}

function build(m: Partial<Indexed>): ModelLookup {
  const mailboxesByForm = new Map<string, Mailbox[]>();
  for (const mb of m.mailboxes ?? []) for (const k of mailboxKeys(mb)) if (fold(k)) push(mailboxesByForm, fold(k), mb);
  const usersByForm = new Map<string, User[]>();
  for (const u of m.users ?? []) for (const k of [u.userPrincipalName, u.id, u.displayName]) if (fold(k)) push(usersByForm, fold(k), u);
  const groupsByForm = new Map<string, Group[]>();
  for (const g of m.groups ?? []) for (const k of [g.id, g.displayName, g.mail, g.alias, g.distinguishedName]) if (fold(k)) push(groupsByForm, fold(k), g);
  const delegationsByMailbox = new Map<Mailbox, Delegation[]>();
  for (const d of m.delegations ?? []) for (const mb of resolve(mailboxesByForm, d.mailbox)) push(delegationsByMailbox, mb, d);
  const groupsByMailbox = new Map<Mailbox, Group[]>();
  for (const g of m.groups ?? []) for (const member of g.members) for (const mb of resolve(mailboxesByForm, member)) push(groupsByMailbox, mb, g);
  const ownerByMailbox = new Map<Mailbox, User | undefined>();
  for (const mb of m.mailboxes ?? []) {
    const byId = mb.userId ? (m.users ?? []).find((u) => fold(u.id) === fold(mb.userId)) : undefined;
    ownerByMailbox.set(mb, byId ?? (usersByForm.get(fold(mb.userPrincipalName)) ?? []).find((u) => fold(u.userPrincipalName) === fold(mb.userPrincipalName)));
  }
  return { mailboxesByForm, delegationsByMailbox, groupsByMailbox, ownerByMailbox, usersByForm, groupsByForm };
}

export function modelLookup(m: Partial<Indexed>): ModelLookup {
  const stamp = stampOf(m);
  const hit = cache.get(m);
  if (hit && hit.stamp.length === stamp.length && hit.stamp.every((x, i) => x === stamp[i])) return hit.lookup;
  const lookup = build(m);
  cache.set(m, { stamp, lookup });
  return lookup;
}

export function lookupUsers(m: Partial<Indexed>, raw: string): User[] {
  return resolve(modelLookup(m).usersByForm, raw);
}

export function lookupGroups(m: Partial<Indexed>, raw: string): Group[] {
  return resolve(modelLookup(m).groupsByForm, raw);
}
