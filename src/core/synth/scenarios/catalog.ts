/** The injected attack scenarios and what each one is (seed 003's procedures A-E plus tampering). */
export interface ScenarioDef {
  readonly id: ScenarioId;
  /** TRR0019 procedure (seed 003) or the tactic. */
  readonly procedure: string;
  readonly title: string;
  readonly description: string;
}

export type ScenarioId =
  | 'stolen-credentials'
  | 'inbox-rule'
  | 'admin-takeover'
  | 'contractor-delegation'
  | 'consent-app-mail-read'
  | 'rbac-app-scope-widened'
  | 'ediscovery-export'
  | 'bulk-export-throttled'
  | 'audit-tampering';

export const SCENARIOS: readonly ScenarioDef[] = [
  {
    id: 'stolen-credentials', procedure: 'TRR0019.EXO.A',
    title: 'Stolen credentials: mailbox read from a new country',
    description: 'Failed then successful sign-ins of a finance user from an IP and country never seen for them, followed by owner-logon MailItemsAccessed from that IP in the same session.',
  },
  {
    id: 'inbox-rule', procedure: 'T1564.008',
    title: 'Suspicious inbox rule',
    description: 'In the stolen session, New-InboxRule forwarding payment mail to an outside look-alike address, moving it to RSS Subscriptions and marking it read.',
  },
  {
    id: 'admin-takeover', procedure: 'T1078.004',
    title: 'Administrator account used from attacker infrastructure',
    description: 'Night-time sign-ins of the second Exchange administrator from the attacker\'s country: the account behind the grants below.',
  },
  {
    id: 'contractor-delegation', procedure: 'TRR0019.EXO.D',
    title: 'FullAccess with AutoMapping off to a contractor created that week',
    description: 'A contractor account is created at night, given FullAccess on the CFO mailbox with -AutoMapping $false minutes later, then reads it (Delegated logon) from attacker addresses.',
  },
  {
    id: 'consent-app-mail-read', procedure: 'TRR0019.EXO.B',
    title: 'App granted Mail.Read by admin consent',
    description: 'A new app registration gets a client secret, admin consent and the Microsoft Graph Mail.Read application permission, then reads VIP and finance mailboxes app-only.',
  },
  {
    id: 'rbac-app-scope-widened', procedure: 'TRR0019.EXO.B',
    title: 'RBAC for Applications assignment whose scope is widened',
    description: 'New-ServicePrincipal, a management scope on the IT department and an "Application Mail.Read" assignment; later Set-ManagementScope widens the filter and Set-ManagementRoleAssignment drops the scope (organisation-wide). Entra shows no mail permission for this app.',
  },
  {
    id: 'ediscovery-export', procedure: 'TRR0019.EXO.C',
    title: 'eDiscovery search and export',
    description: 'A compliance search over all mailboxes for credentials and payment terms, exported and downloaded. No MailItemsAccessed is written for this access.',
  },
  {
    id: 'bulk-export-throttled', procedure: 'TRR0019.EXO.E',
    title: 'Bulk export that hits the MailItemsAccessed throttle',
    description: 'The consented app pulls the CEO mailbox: over 1000 MailItemsAccessed records in three hours, the last ones IsThrottled True; the mailbox then writes no MailItemsAccessed for 24 hours.',
  },
  {
    id: 'audit-tampering', procedure: 'T1562.008',
    title: 'Mailbox audit disabled afterwards',
    description: 'Set-Mailbox -AuditEnabled $false on the CFO mailbox and Set-MailboxAuditBypassAssociation -AuditBypassEnabled $true on the contractor: the contractor\'s later reads leave no mailbox audit record (its sign-ins still show).',
  },
];
