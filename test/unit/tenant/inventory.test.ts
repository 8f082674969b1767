import { strict as assert } from 'node:assert';
import { auditCoverage, recommendedAuditAdmin } from '../../../src/core/tenant/inventory/auditCoverage';
import { appsByRisk } from '../../../src/core/tenant/inventory/risk';
import { managementScopeViews } from '../../../src/core/tenant/inventory/scopes';
import { ids, sampleTenant } from './fixtures';

describe('tenant inventory view-model', () => {
  it('sorts apps by risk: tenant-wide readers first, harmless last, recent credentials noted', () => {
    const ranked = appsByRisk(sampleTenant());
    const order = ranked.map((r) => r.app.displayName);
    assert.equal(order[0], 'Graph Reader');
    assert.ok(order.indexOf('Graph Reader') < order.indexOf('RBAC Sales Reader'), 'tenant-wide before scoped');
    assert.ok(order.indexOf('RBAC Sales Reader') < order.indexOf('Harmless'));
    const harmless = ranked.find((r) => r.app.appId === ids.nothing)!;
    assert.equal(harmless.score, 0);
    const manager = ranked.find((r) => r.app.appId === ids.manage)!;
    assert.ok(manager.reasons.some((r) => r.startsWith('recent credential: password backdoor added 2024-05-30')));
    assert.ok(manager.reasons.some((r) => r.includes('Exchange.ManageAsApp')));
    const rbac = ranked.find((r) => r.app.appId === ids.rbacScoped)!;
    assert.equal(rbac.tenantWide, false);
    assert.equal(rbac.readableMailboxes, 1);
    assert.deepEqual(rbac.roleAssignments, ['Application Mail.Read @ SalesScope']);
    const disabled = ranked.find((r) => r.app.appId === ids.disabled)!;
    assert.deepEqual(disabled.roleAssignments, ['Application Mail.ReadWrite (disabled)']);
  });

  it('a credential outside the recent window is not recent', () => {
    const ranked = appsByRisk(sampleTenant(), { recentCredentialDays: 1 });
    assert.deepEqual(ranked.find((r) => r.app.appId === ids.manage)!.recentCredentials, []);
  });

  it('management scopes with matched mailboxes, their assignments, and filter errors', () => {
    const views = managementScopeViews(sampleTenant());
    const sales = views.find((v) => v.scope.name === 'SalesScope')!;
    assert.deepEqual(sales.matchedMailboxes, ['alice@contoso.com']);
    assert.deepEqual(sales.roleAssignments.map((r) => r.name), ['Application Mail.Read-rbac', 'Application Mail.Read-despite']);
    const broken = views.find((v) => v.scope.name === 'BrokenScope')!;
    assert.deepEqual(broken.matchedMailboxes, []);
    assert.equal(broken.error?.position, 11);
  });

  it('audit coverage: gaps against seed 000 and a Set-Mailbox script that adds only what is missing', () => {
    const m = sampleTenant();
    assert.deepEqual(auditCoverage(m).gaps, [], 'fixture mailboxes meet the recommendation');
    m.mailboxes[0].audit.auditAdmin = ['Update', 'MailItemsAccessed'];
    m.mailboxes[1].audit.auditEnabled = false;
    m.mailboxes[2].audit.auditBypassEnabled = true;
    m.mailboxes[3].audit.auditDelegate = m.mailboxes[3].audit.auditDelegate.filter((a) => a !== 'FolderBind' && a !== 'SendAs');
    m.organization.auditDisabled = true;
    const cov = auditCoverage(m);
    assert.equal(cov.organizationAuditDisabled, true);
    assert.deepEqual(cov.gaps.map((g) => g.mailbox), ['alice@contoso.com', 'bob@contoso.com', 'ceo@contoso.com', 'support@contoso.com']);
    assert.deepEqual(cov.gaps[0].missingAuditAdmin, recommendedAuditAdmin.filter((a) => a !== 'Update'));
    assert.deepEqual(cov.script.split('\n'), [
      'Set-OrganizationConfig -AuditDisabled $false',
      "Set-Mailbox -Identity 'alice@contoso.com' -AuditAdmin @{Add='Copy','Move','MoveToDeletedItems','SoftDelete','HardDelete','FolderBind','SendAs','SendOnBehalf','Create'}",
      "Set-Mailbox -Identity 'bob@contoso.com' -AuditEnabled $true",
      "Set-MailboxAuditBypassAssociation -Identity 'ceo@contoso.com' -AuditBypassEnabled $false",
      "Set-Mailbox -Identity 'support@contoso.com' -AuditDelegate @{Add='FolderBind','SendAs'}",
    ]);
    assert.ok(cov.gaps[2].problems[0].includes('AuditBypassEnabled is True'));
  });
});
