import type { Mailbox, ManagementScope } from '../model';
import { psQuote } from './powershell';
import { setManagementScopeScript } from './remediation';

/**
 * An OPATH filter that keeps what `filter` selects except one mailbox. The mailbox is named by its
 * GUID when known (stable), else by primary SMTP address. OPATH quotes like PowerShell ('' inside '...'),
 * so psQuote makes the inner literal; the whole filter is quoted again for the command line.
 */
export function filterExcludingMailbox(filter: string, m: Pick<Mailbox, 'guid' | 'primarySmtpAddress' | 'userPrincipalName'>): string {
  const guid = (m.guid ?? '').replace(/^\{|\}$/g, '');
  const clause = guid ? `Guid -ne ${psQuote(guid)}` : `PrimarySmtpAddress -ne ${psQuote(m.primarySmtpAddress || m.userPrincipalName)}`;
  return `(${filter}) -and (${clause})`;
}

/** Set-ManagementScope narrowing the scope so it no longer selects the mailbox (every assignment using it follows). */
export function excludeMailboxFromScopeScript(scope: Pick<ManagementScope, 'name' | 'recipientRestrictionFilter'>, m: Pick<Mailbox, 'guid' | 'primarySmtpAddress' | 'userPrincipalName'>): string {
  return setManagementScopeScript(scope, filterExcludingMailbox(scope.recipientRestrictionFilter, m));
}
