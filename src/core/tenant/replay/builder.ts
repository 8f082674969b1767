import { findApp, findMailbox, findServicePrincipal, fold, groupMatches, identityForms, userMatches } from '../identity';
import type { App, Group, Mailbox, MailboxAuditSettings, TenantModel, User } from '../model';

/**
 * Microsoft's documented default mailbox audit actions (Exchange Online, auditing on by default).
 * A mailbox first seen in the audit log gets these until a Set-Mailbox record says otherwise.
 */
export const defaultMailboxAudit: MailboxAuditSettings = {
  auditEnabled: true,
  auditBypassEnabled: false,
  auditOwner: ['ApplyRecord', 'HardDelete', 'MailItemsAccessed', 'MoveToDeletedItems', 'Send', 'SoftDelete', 'Update', 'UpdateCalendarDelegation', 'UpdateFolderPermissions', 'UpdateInboxRules'],
  auditDelegate: ['ApplyRecord', 'Create', 'HardDelete', 'MailItemsAccessed', 'MoveToDeletedItems', 'SendAs', 'SendOnBehalf', 'SoftDelete', 'Update', 'UpdateFolderPermissions', 'UpdateInboxRules'],
  auditAdmin: ['ApplyRecord', 'Create', 'HardDelete', 'MailItemsAccessed', 'MoveToDeletedItems', 'Send', 'SendAs', 'SendOnBehalf', 'SoftDelete', 'Update', 'UpdateCalendarDelegation', 'UpdateFolderPermissions', 'UpdateInboxRules'],
};

export function emptyModel(tenantId = '', domain = ''): TenantModel {
  return {
    schemaVersion: 1, tenantId, domain, asOf: new Date(0).toISOString(), source: 'replay',
    organization: { auditDisabled: false, unifiedAuditLogIngestionEnabled: true },
    users: [], groups: [], mailboxes: [], apps: [], exchangeServicePrincipals: [], managementScopes: [],
    roleAssignments: [], accessPolicies: [], delegations: [],
  };
}

/** The leaf of an identity as written (original case): the part after the last '/' of a DN path. */
export function identityLeaf(raw: string): string {
  const t = raw.trim();
  const slash = t.lastIndexOf('/');
  return slash >= 0 && slash < t.length - 1 ? t.slice(slash + 1) : t;
}

/**
 * The mutable model replay builds, with "find or create" for every kind of identity.
 * It scans rather than using the cached lookups: identities change while it runs.
 */
export class ModelBuilder {
  readonly model: TenantModel;
  readonly warnings: string[] = [];
  /** Resource service principal object ids learnt from the log (object id -> resource app id). */
  readonly resourceByServicePrincipalId = new Map<string, string>();

  constructor(model: TenantModel, readonly audit: MailboxAuditSettings = defaultMailboxAudit) {
    this.model = model;
  }

  warn(message: string): void {
    if (this.warnings.length < 1000) this.warnings.push(message);
  }

  mailbox(identity: string, create = true): Mailbox | undefined {
    const found = findMailbox(this.model, identity);
    if (found || !create || !identity.trim()) return found;
    const leaf = identityLeaf(identity);
    const isAddress = leaf.includes('@');
    const local = isAddress ? leaf.slice(0, leaf.indexOf('@')) : leaf;
    const m: Mailbox = {
      guid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(leaf) ? leaf : '',
      userPrincipalName: leaf, primarySmtpAddress: isAddress ? leaf : '', alias: local, name: local, displayName: local,
      recipientTypeDetails: 'UserMailbox', customAttributes: {},
      audit: { ...this.audit, auditOwner: [...this.audit.auditOwner], auditDelegate: [...this.audit.auditDelegate], auditAdmin: [...this.audit.auditAdmin] },
      grantSendOnBehalfTo: [],
    };
    const owner = this.model.users.find((u) => userMatches(u, leaf));
    if (owner) {
      m.userId = owner.id;
      if (owner.displayName) m.displayName = owner.displayName;
    }
    this.model.mailboxes.push(m);
    return m;
  }

  user(identity: string, create = true): User | undefined {
    const found = this.model.users.find((u) => userMatches(u, identity));
    if (found || !create || !identity.trim()) return found;
    const leaf = identityLeaf(identity);
    const u: User = { id: leaf, userPrincipalName: leaf, displayName: leaf.split('@')[0], userType: 'Member', createdDateTime: new Date(0).toISOString(), accountEnabled: true };
    this.model.users.push(u);
    return u;
  }

  group(identity: string, create = true, mailEnabledSecurity = false): Group | undefined {
    const found = this.model.groups.find((g) => groupMatches(g, identity));
    if (found) {
      if (mailEnabledSecurity) found.mailEnabledSecurity = true;
      return found;
    }
    if (!create || !identity.trim()) return undefined;
    const leaf = identityLeaf(identity);
    const g: Group = { id: leaf, displayName: leaf, mail: leaf.includes('@') ? leaf : undefined, mailEnabledSecurity, members: [] };
    this.model.groups.push(g);
    return g;
  }

  /** An app by app id (or name / object id); created with what is known. */
  app(keys: { appId?: string; servicePrincipalId?: string; applicationObjectId?: string; displayName?: string }, create = true): App | undefined {
    const tries = [keys.appId, keys.servicePrincipalId, keys.applicationObjectId].filter((x): x is string => !!x && !!x.trim());
    let found: App | undefined;
    for (const t of tries) {
      found = this.model.apps.find((a) => [a.appId, a.servicePrincipalId, a.applicationObjectId].some((k) => k && fold(k) === fold(t)));
      if (found) break;
    }
    if (!found && keys.displayName) {
      // Records about the app registration name it by object id only: join by a unique display name
      // when that does not contradict a key the app already has.
      const named = this.model.apps.filter((a) => fold(a.displayName) === fold(keys.displayName));
      const compatible = named.filter((a) => (!keys.appId || !a.appId) && (!keys.applicationObjectId || !a.applicationObjectId)
        && (!keys.servicePrincipalId || !a.servicePrincipalId));
      if (tries.length === 0) found = findApp(this.model, keys.displayName);
      else if (named.length === 1 && compatible.length === 1) found = compatible[0];
    }
    if (found) {
      if (keys.appId && !found.appId) found.appId = keys.appId;
      if (keys.servicePrincipalId && !found.servicePrincipalId) found.servicePrincipalId = keys.servicePrincipalId;
      if (keys.applicationObjectId && !found.applicationObjectId) found.applicationObjectId = keys.applicationObjectId;
      if (keys.displayName && (!found.displayName || found.displayName === found.appId)) found.displayName = keys.displayName;
      return found;
    }
    if (!create || tries.length + (keys.displayName ? 1 : 0) === 0) return undefined;
    const a: App = {
      appId: keys.appId ?? '', servicePrincipalId: keys.servicePrincipalId ?? '', displayName: keys.displayName || keys.appId || '',
      owners: [], credentials: [], permissions: [],
    };
    if (keys.applicationObjectId) a.applicationObjectId = keys.applicationObjectId;
    this.model.apps.push(a);
    return a;
  }

  /** A trustee as the model records it: a known mailbox by UPN, a known service principal or group as named, else the DN leaf. */
  trustee(raw: string): string {
    const sp = findServicePrincipal(this.model, raw);
    if (sp) return sp.identity;
    const m = findMailbox(this.model, raw);
    if (m) return m.userPrincipalName;
    const g = this.model.groups.find((x) => groupMatches(x, raw));
    if (g) return g.mail ?? g.displayName;
    return identityLeaf(raw);
  }

  sameIdentity(a: string, b: string): boolean {
    const fb = identityForms(b);
    return identityForms(a).some((f) => fb.includes(f));
  }
}
