import { fold } from '../../../core/tenant/identity';
import { recommendedAuditAdmin, recommendedAuditDelegate, remediationForGap } from '../../../core/tenant/inventory/auditCoverage';
import type { TenantService } from '../tenantService';
import type { LoadedTenant } from '../tenantSource';
import { childId, ERROR_COLOR, WARNING_COLOR, type TenantNode } from './tenantNode';

/** Mailboxes whose audit settings miss seed 000's recommendation, audit off or bypassed; then the covered ones. */
export function coverageRoots(_loaded: LoadedTenant, service: TenantService): TenantNode[] {
  const coverage = service.coverage();
  if (!coverage) return [];
  const out: TenantNode[] = [];
  if (coverage.organizationAuditDisabled) {
    out.push({
      id: 'organization', kind: 'organizationAudit', label: 'Mailbox auditing is off for the whole organisation',
      description: 'AuditDisabled True', icon: 'error', iconColor: ERROR_COLOR,
      tooltip: { title: 'Organisation-wide AuditDisabled', lines: [{ text: 'While True, no mailbox is audited whatever its own settings.' }] },
      remediation: () => 'Set-OrganizationConfig -AuditDisabled $false',
    });
  }
  for (const gap of coverage.gaps) {
    const id = `gap:${fold(gap.mailbox)}`;
    const severe = !gap.auditEnabled || gap.auditBypassEnabled;
    out.push({
      id,
      kind: 'auditGap',
      label: gap.mailbox,
      description: gap.problems.map((p) => p.split(':')[0]!.replace(/ lacks .*/, ' incomplete')).join(' · '),
      icon: severe ? 'error' : 'warning',
      iconColor: severe ? ERROR_COLOR : WARNING_COLOR,
      tooltip: {
        title: gap.mailbox,
        lines: [
          ...gap.problems.map((p) => ({ label: 'Problem', text: p })),
          { label: 'Recommended AuditAdmin', text: recommendedAuditAdmin.join(', ') },
          { label: 'Recommended AuditDelegate', text: recommendedAuditDelegate.join(', ') },
        ],
      },
      mailbox: gap.mailbox,
      remediation: () => remediationForGap(gap).join('\n'),
      children: () => gap.problems.map((p, i) => ({ id: childId(id, `problem/${i}`), kind: 'auditProblem' as const, label: p, icon: 'circle-small' })),
    });
  }
  if (coverage.covered.length) {
    out.push({
      id: 'covered', kind: 'section', label: 'Meet the recommendation', description: String(coverage.covered.length), icon: 'pass',
      children: () => coverage.covered.map((upn) => ({ id: childId('covered', fold(upn)), kind: 'mailbox' as const, label: upn, icon: 'mail', mailbox: upn })),
    });
  }
  return out;
}
