import type { MailboxRight } from '../rights';

/** The permission system a grant lives in. */
export type GrantSystem =
  | 'entraApplication'        // Entra app role (application permission) consented to the app
  | 'entraDelegated'          // Entra delegated scope: only with a signed-in user
  | 'rbacRoleAssignment'      // Exchange RBAC for Applications role assignment (+ management scope)
  | 'exchangeServicePrincipal'; // Exchange service principal holding mailbox permissions (IMAP/POP/SMTP)

export const grantSystemLabels: Readonly<Record<GrantSystem, string>> = {
  entraApplication: 'Entra application permission',
  entraDelegated: 'Entra delegated permission',
  rbacRoleAssignment: 'Exchange RBAC role assignment',
  exchangeServicePrincipal: 'Exchange service principal mailbox permission',
};

export interface PolicyEffect {
  policyIdentity: string;
  accessRight: 'RestrictAccess' | 'DenyAccess';
  group: string;
  mailboxIsMember: boolean;
}

/** One grant considered for an (app, mailbox) pair, whether or not it applies. */
export interface AccessGrant {
  system: GrantSystem;
  /** Short name: "Microsoft Graph Mail.Read", "Application Mail.Read via scope Sales", ... */
  grant: string;
  resourceAppId?: string;
  permission?: string;
  roleAssignment?: string;
  role?: string;
  scope?: string;
  /** Rights this grant gives on the mailbox (empty when it does not apply). */
  rights: MailboxRight[];
  /** Whether it applies to this mailbox. */
  applies: boolean;
  /** Reaches every mailbox of the tenant (no scope, no restricting policy). */
  tenantWide: boolean;
  /** Delegated grants only work while a user is signed in to the app. */
  requiresSignedInUser?: boolean;
  policy?: PolicyEffect[];
  /** Why it applies or not, one clause per line. */
  explanation: string[];
}

export interface EffectiveAccess {
  appId: string;
  appDisplayName: string;
  mailbox: string;
  /** Rights the app has on the mailbox by itself (app-only). */
  rights: MailboxRight[];
  /** Rights it has only while a user who can reach the mailbox is signed in. */
  delegatedRights: MailboxRight[];
  grants: AccessGrant[];
  /** Things the investigator should know (disabled assignments, unknown scopes, ...). */
  notes: string[];
}
