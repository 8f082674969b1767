import { findApp, findGroup, findMailbox, findServicePrincipal, fold, ownerOfMailbox } from '../identity';
import type { App, Mailbox, TenantModel } from '../model';
import { canReadContent, type MailboxRight } from '../rights';
import { delegationsOn, folderRightsCanRead } from './delegates';
import { appAccessContext, effectiveAccessFor } from './effectiveAccess';
import { grantSystemLabels } from './types';

export type PrincipalKind = 'app' | 'person' | 'group' | 'owner' | 'servicePrincipal';

/** Someone or something that holds a right on a mailbox, and through what. */
export interface MailboxAccessEntry {
  kind: PrincipalKind;
  /** App id, UPN, group name or trustee as recorded. */
  principal: string;
  displayName: string;
  /** How: "Entra application permission: Microsoft Graph Mail.Read", "FullAccess", "folder Inbox (Reviewer)", ... */
  via: string;
  rights: MailboxRight[];
  /** Reads message contents (not only metadata). */
  readsContent: boolean;
  tenantWide?: boolean;
  requiresSignedInUser?: boolean;
  automapping?: boolean;
  grantedDateTime?: string;
  grantedBy?: string;
  note?: string;
}

export interface MailboxAccessList {
  mailbox: string;
  /** Who can read items (apps through either system, people through FullAccess or folder rights). */
  readers: MailboxAccessEntry[];
  /** Who can send as / on behalf of the mailbox (not a read right). */
  senders: MailboxAccessEntry[];
  /** Other mailbox permissions (ReadPermission, ChangePermission, ChangeOwner, unusable service-principal FullAccess). */
  other: MailboxAccessEntry[];
}

/** Every app known to the model, including apps seen only as an Exchange service principal. */
export function allApps(model: TenantModel): App[] {
  const apps = [...model.apps];
  for (const sp of model.exchangeServicePrincipals) {
    if (!apps.some((a) => fold(a.appId) === fold(sp.appId))) {
      apps.push({ appId: sp.appId, servicePrincipalId: sp.objectId, displayName: sp.displayName, owners: [], credentials: [], permissions: [] });
    }
  }
  return apps;
}

function trusteeKind(model: TenantModel, trustee: string): { kind: PrincipalKind; displayName: string } {
  const sp = findServicePrincipal(model, trustee);
  if (sp) return { kind: 'servicePrincipal', displayName: sp.displayName };
  const m = findMailbox(model, trustee);
  if (m) return { kind: 'person', displayName: m.displayName };
  const g = findGroup(model, trustee);
  if (g) return { kind: 'group', displayName: g.displayName };
  const app = findApp(model, trustee);
  if (app) return { kind: 'servicePrincipal', displayName: app.displayName };
  return { kind: 'person', displayName: trustee };
}

/** Everyone who can read a mailbox (and who can send as it), through every system. */
export function accessToMailbox(model: TenantModel, m: Mailbox): MailboxAccessList {
  const readers: MailboxAccessEntry[] = [];
  const senders: MailboxAccessEntry[] = [];
  const other: MailboxAccessEntry[] = [];
  if (m.recipientTypeDetails === 'UserMailbox') {
    const owner = ownerOfMailbox(model, m);
    readers.push({ kind: 'owner', principal: m.userPrincipalName, displayName: owner?.displayName ?? m.displayName, via: 'mailbox owner',
      rights: ['read', 'readWrite', 'send', 'settings', 'calendars', 'contacts'], readsContent: true });
  }
  for (const app of allApps(model)) {
    const ea = effectiveAccessFor(model, app, m);
    for (const g of ea.grants) {
      if (!g.applies) continue;
      const entry: MailboxAccessEntry = {
        kind: 'app', principal: app.appId, displayName: app.displayName, via: `${grantSystemLabels[g.system]}: ${g.grant}`,
        rights: g.rights, readsContent: canReadContent(g.rights), tenantWide: g.tenantWide, requiresSignedInUser: g.requiresSignedInUser,
      };
      if (g.rights.some((r) => r !== 'send')) readers.push(entry);
      if (g.rights.includes('send')) senders.push({ ...entry, rights: ['send'], readsContent: false });
    }
  }
  for (const d of delegationsOn(model, m)) {
    const { kind, displayName } = trusteeKind(model, d.trustee);
    const common = { principal: d.trustee, displayName, automapping: d.automapping, grantedDateTime: d.grantedDateTime, grantedBy: d.grantedBy };
    switch (d.right) {
      case 'FullAccess':
        if (kind === 'servicePrincipal') {
          // Usable only with IMAP/POP consent; the app entries above already show it when it is.
          const sp = findServicePrincipal(model, d.trustee);
          const usedByApp = readers.some((r) => r.kind === 'app' && fold(r.principal) === fold(sp?.appId) && r.via.startsWith(grantSystemLabels.exchangeServicePrincipal));
          if (!usedByApp) {
            other.push({ kind, ...common, via: 'FullAccess (Exchange service principal)', rights: [], readsContent: false,
              note: 'usable for IMAP/POP only with IMAP.AccessAsApp or POP.AccessAsApp consent' });
          }
        } else {
          readers.push({ kind, ...common, via: 'FullAccess', rights: ['read', 'readWrite', 'calendars', 'contacts'], readsContent: true });
        }
        break;
      case 'FolderPermission': {
        const rights = d.folderAccessRights ?? [];
        const reads = folderRightsCanRead(rights);
        const entry: MailboxAccessEntry = { kind, ...common, via: `folder ${d.folder ?? '?'} (${rights.join(', ')})`,
          rights: reads ? ['read'] : [], readsContent: reads };
        (reads ? readers : other).push(entry);
        break;
      }
      case 'SendAs':
      case 'SendOnBehalf':
        senders.push({ kind, ...common, via: d.right, rights: ['send'], readsContent: false });
        break;
      default:
        other.push({ kind, ...common, via: d.right, rights: [], readsContent: false,
          note: d.right === 'ReadPermission' ? 'reads the mailbox\'s permission entries, not its items' : undefined });
    }
  }
  for (const t of m.grantSendOnBehalfTo) {
    if (senders.some((s) => s.via === 'SendOnBehalf' && fold(s.principal) === fold(t))) continue;
    const { kind, displayName } = trusteeKind(model, t);
    senders.push({ kind, principal: t, displayName, via: 'SendOnBehalf (GrantSendOnBehalfTo)', rights: ['send'], readsContent: false });
  }
  return { mailbox: m.userPrincipalName, readers, senders, other };
}

export interface AppMailboxReach {
  mailbox: string;
  rights: MailboxRight[];
  delegatedRights: MailboxRight[];
  /** Reached by a grant that covers every mailbox (no scope, no restricting policy). */
  tenantWide: boolean;
  /** The grants that apply, as "system: grant". */
  via: string[];
}

export interface AppReach {
  appId: string;
  displayName: string;
  /** Some grant reaches every mailbox of the tenant. */
  tenantWide: boolean;
  mailboxes: AppMailboxReach[];
}

/** Every mailbox an app can read, with tenant-wide grants marked. Includes metadata-only (readBasic) reach when includeBasic. */
export function mailboxesReadableByApp(model: TenantModel, app: App, options: { includeBasic?: boolean; includeDelegated?: boolean } = {}): AppReach {
  const mailboxes: AppMailboxReach[] = [];
  let tenantWide = false;
  const ctx = appAccessContext(model, app);
  for (const m of model.mailboxes) {
    const ea = effectiveAccessFor(model, app, m, ctx);
    const counted = options.includeDelegated ? [...ea.rights, ...ea.delegatedRights] : ea.rights;
    const reads = canReadContent(counted) || (options.includeBasic === true && counted.includes('readBasic'));
    if (!reads) continue;
    const applying = ea.grants.filter((g) => g.applies && (options.includeDelegated || !g.requiresSignedInUser));
    const wide = applying.some((g) => g.tenantWide);
    tenantWide ||= wide;
    mailboxes.push({
      mailbox: m.userPrincipalName, rights: ea.rights, delegatedRights: options.includeDelegated ? ea.delegatedRights : [],
      tenantWide: wide, via: applying.map((g) => `${grantSystemLabels[g.system]}: ${g.grant}`),
    });
  }
  return { appId: app.appId, displayName: app.displayName, tenantWide, mailboxes };
}

