import { fold } from '../identity';
import type { Mailbox, TenantModel } from '../model';
import { psQuote } from './powershell';

/** Seed 000's recommended mailbox audit actions for admin and delegate logons. */
export const recommendedAuditAdmin: readonly string[] = ['Update', 'Copy', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'FolderBind', 'SendAs', 'SendOnBehalf', 'Create'];
export const recommendedAuditDelegate: readonly string[] = ['Update', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'FolderBind', 'SendAs', 'SendOnBehalf', 'Create'];

export interface MailboxAuditGap {
  mailbox: string;
  auditEnabled: boolean;
  auditBypassEnabled: boolean;
  missingAuditAdmin: string[];
  missingAuditDelegate: string[];
  /** One line per problem. */
  problems: string[];
}

export interface AuditCoverage {
  /** Organisation-wide AuditDisabled: no mailbox is audited whatever its settings. */
  organizationAuditDisabled: boolean;
  gaps: MailboxAuditGap[];
  /** Mailboxes whose settings meet the recommendation. */
  covered: string[];
  /** Set-Mailbox / Set-MailboxAuditBypassAssociation / Set-OrganizationConfig lines that close every gap. */
  script: string;
}

function missing(actual: readonly string[], wanted: readonly string[]): string[] {
  const have = new Set(actual.map(fold));
  return wanted.filter((a) => !have.has(fold(a)));
}

export function mailboxAuditGap(m: Mailbox): MailboxAuditGap {
  const missingAuditAdmin = missing(m.audit.auditAdmin, recommendedAuditAdmin);
  const missingAuditDelegate = missing(m.audit.auditDelegate, recommendedAuditDelegate);
  const problems: string[] = [];
  if (!m.audit.auditEnabled) problems.push('AuditEnabled is False');
  if (m.audit.auditBypassEnabled) problems.push('AuditBypassEnabled is True: nothing this account does is audited');
  if (missingAuditAdmin.length) problems.push(`AuditAdmin lacks ${missingAuditAdmin.join(', ')}`);
  if (missingAuditDelegate.length) problems.push(`AuditDelegate lacks ${missingAuditDelegate.join(', ')}`);
  return { mailbox: m.userPrincipalName, auditEnabled: m.audit.auditEnabled, auditBypassEnabled: m.audit.auditBypassEnabled, missingAuditAdmin, missingAuditDelegate, problems };
}

/** Adds only the missing actions (@{Add=...}) so actions already audited, such as MailItemsAccessed, stay. */
export function remediationForGap(g: MailboxAuditGap): string[] {
  const lines: string[] = [];
  const args: string[] = [];
  if (!g.auditEnabled) args.push('-AuditEnabled $true');
  if (g.missingAuditAdmin.length) args.push(`-AuditAdmin @{Add=${g.missingAuditAdmin.map(psQuote).join(',')}}`);
  if (g.missingAuditDelegate.length) args.push(`-AuditDelegate @{Add=${g.missingAuditDelegate.map(psQuote).join(',')}}`);
  if (args.length) lines.push(`Set-Mailbox -Identity ${psQuote(g.mailbox)} ${args.join(' ')}`);
  if (g.auditBypassEnabled) lines.push(`Set-MailboxAuditBypassAssociation -Identity ${psQuote(g.mailbox)} -AuditBypassEnabled $false`);
  return lines;
}

export function auditCoverage(model: TenantModel): AuditCoverage {
  const gaps: MailboxAuditGap[] = [];
  const covered: string[] = [];
  for (const m of model.mailboxes) {
    const g = mailboxAuditGap(m);
    if (g.problems.length) gaps.push(g);
    else covered.push(m.userPrincipalName);
  }
  const lines: string[] = [];
  if (model.organization.auditDisabled) lines.push('Set-OrganizationConfig -AuditDisabled $false');
  for (const g of gaps) lines.push(...remediationForGap(g));
  return { organizationAuditDisabled: model.organization.auditDisabled, gaps, covered, script: lines.join('\n') };
}
