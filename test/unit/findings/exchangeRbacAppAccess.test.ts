import * as assert from 'node:assert/strict';
import type { TenantModel } from '../../../src/core/tenant/model';
import { at, tables } from './support/tables';
import { evidenceIds, findingsOf, points } from './support/run';

const appId = '80bd629b-5ea0-40df-b57e-969624089079';

function cmdlet(id: string, time: string, operation: string, parameters: Record<string, string>, derived: Record<string, unknown> = {}): Record<string, unknown> {
  return { Id: id, Time: at(time), Operation: operation, RecordType: 'ExchangeAdmin', ResultStatus: 'Succeeded', UserId: 'admin@contoso.com', Parameters: parameters, ...derived };
}

function mailbox(upn: string, department: string): TenantModel['mailboxes'][number] {
  return {
    guid: `guid-${upn}`, userPrincipalName: upn, primarySmtpAddress: upn, alias: upn.split('@')[0]!, name: upn, displayName: upn,
    recipientTypeDetails: 'UserMailbox', department, customAttributes: {}, grantSendOnBehalfTo: [],
    audit: { auditEnabled: true, auditBypassEnabled: false, auditOwner: [], auditDelegate: [], auditAdmin: [] },
  };
}

function tenant(): TenantModel {
  return {
    schemaVersion: 1, tenantId: 't', domain: 'contoso.com', asOf: '2024-03-01T00:00:00Z', source: 'snapshot',
    organization: { auditDisabled: false, unifiedAuditLogIngestionEnabled: true },
    users: [], groups: [], apps: [], exchangeServicePrincipals: [], managementScopes: [], roleAssignments: [], accessPolicies: [], delegations: [],
    mailboxes: [mailbox('it1@contoso.com', 'IT'), mailbox('it2@contoso.com', 'IT'), mailbox('ceo@contoso.com', 'Executive'), mailbox('cfo@contoso.com', 'Finance')],
  };
}

describe('findings rule: rbac-app-mail-access', () => {
  it('reports an organisation-wide Application Mail.Read assignment as high and a scoped one as medium', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('ra1', '2024-03-05T10:00:00', 'New-ManagementRoleAssignment', { App: appId, Role: 'Application Mail.Read' }, { Grantee: appId, AccessRights: 'Application Mail.Read' }),
        cmdlet('ra2', '2024-03-05T10:05:00', 'New-ManagementRoleAssignment', { App: appId, Role: 'Application Calendars.Read', CustomResourceScope: 'IT' }, { Grantee: appId, AccessRights: 'Application Calendars.Read', TargetMailbox: 'IT' }),
      ],
    });
    const fs = findingsOf('rbac-app-mail-access', t);
    const wide = fs.find((f) => f.title.includes('Mail.Read'))!;
    assert.equal(wide.baseScore, 65);
    assert.equal(points(wide, /reads message contents/), 10);
    assert.equal(wide.severity, 'high');
    assert.equal(wide.app, appId);
    assert.equal(wide.remediation[0]!.powershell, `Get-ManagementRoleAssignment -RoleAssignee '${appId}' -Role 'Application Mail.Read' | Remove-ManagementRoleAssignment -Confirm:$false`);
    const scoped = fs.find((f) => f.title.includes('Calendars.Read'))!;
    assert.equal(scoped.score, 45);
    assert.equal(scoped.severity, 'low');
  });

  it('reports a Set-ManagementRoleAssignment that drops the scope, with the scope to put back', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('ra', '2024-03-05T10:00:00', 'New-ManagementRoleAssignment', { Name: `Application Mail.Read-${appId}`, App: appId, Role: 'Application Mail.Read', CustomResourceScope: 'IT Mailboxes' }),
        cmdlet('drop', '2024-03-08T10:00:00', 'Set-ManagementRoleAssignment', { Identity: `Application Mail.Read-${appId}`, CustomResourceScope: '$null' }),
      ],
    });
    const drop = findingsOf('rbac-app-mail-access', t).find((f) => /lost its scope/.test(f.title))!;
    assert.equal(drop.baseScore, 70);
    assert.deepEqual(evidenceIds(drop), ['drop']);
    assert.equal(drop.app, appId);
    assert.equal(drop.remediation[0]!.powershell, `Set-ManagementRoleAssignment -Identity 'Application Mail.Read-${appId}' -CustomResourceScope 'IT Mailboxes'`);
  });

  it('measures a scope filter change against the tenant model and keeps the earlier filter\'s record', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('scope', '2024-03-05T10:00:00', 'New-ManagementScope', { Name: 'IT Mailboxes', RecipientRestrictionFilter: "Department -eq 'IT'" }),
        cmdlet('widen', '2024-03-06T10:00:00', 'Set-ManagementScope', { Identity: 'IT Mailboxes', RecipientRestrictionFilter: "Department -eq 'IT' -or Department -eq 'Executive'" }),
        cmdlet('narrow', '2024-03-07T10:00:00', 'Set-ManagementScope', { Identity: 'IT Mailboxes', RecipientRestrictionFilter: "Department -eq 'Executive'" }),
      ],
    });
    const fs = findingsOf('rbac-app-mail-access', t, { tenant: tenant() });
    const widen = fs.find((f) => evidenceIds(f).includes('widen'))!;
    assert.equal(widen.baseScore, 60);
    assert.ok(widen.reasons.some((r) => r.text === 'the filter now reaches 3 mailbox(es) instead of 2'));
    assert.deepEqual(evidenceIds(widen), ['scope', 'widen']);
    assert.equal(widen.remediation[0]!.powershell, "Set-ManagementScope -Identity 'IT Mailboxes' -RecipientRestrictionFilter 'Department -eq ''IT'''");
    const narrow = fs.find((f) => evidenceIds(f).includes('narrow'))!;
    assert.equal(narrow.severity, 'informational');
  });

  it('says so when it cannot tell whether a filter widened', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('s1', '2024-03-05T10:00:00', 'New-ManagementScope', { Name: 'Sales', RecipientRestrictionFilter: "Department -eq 'Sales'" }),
        cmdlet('s2', '2024-03-06T10:00:00', 'Set-ManagementScope', { Identity: 'Sales', RecipientRestrictionFilter: "Department -like 'S*'" }),
      ],
    });
    const [f] = findingsOf('rbac-app-mail-access', t);
    assert.equal(f!.baseScore, 50);
    assert.ok(f!.reasons.some((r) => /cannot tell/.test(r.text)));
  });

  it('reports a removed application access policy and a mailbox added to a restricted policy\'s group', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('p', '2024-03-05T10:00:00', 'New-ApplicationAccessPolicy', { AppId: appId, PolicyScopeGroupId: 'finance-reports@contoso.com', AccessRight: 'RestrictAccess', Identity: 'policy-1' }),
        cmdlet('add', '2024-03-06T10:00:00', 'Add-DistributionGroupMember', { Identity: 'finance-reports@contoso.com', Member: 'ceo@contoso.com' }),
        cmdlet('other-group', '2024-03-06T10:05:00', 'Add-DistributionGroupMember', { Identity: 'all-staff@contoso.com', Member: 'bob@contoso.com' }),
        cmdlet('rm', '2024-03-07T10:00:00', 'Remove-ApplicationAccessPolicy', { Identity: 'policy-1' }),
      ],
    });
    const fs = findingsOf('rbac-app-mail-access', t);
    assert.equal(fs.length, 2);
    const added = fs.find((f) => evidenceIds(f).includes('add'))!;
    assert.equal(added.mailbox, 'ceo@contoso.com');
    assert.equal(added.app, appId);
    const removed = fs.find((f) => evidenceIds(f).includes('rm'))!;
    assert.equal(removed.baseScore, 60);
    assert.match(removed.remediation[0]!.powershell, /^New-ApplicationAccessPolicy -AppId '80bd629b-5ea0-40df-b57e-969624089079' -PolicyScopeGroupId 'finance-reports@contoso.com' -AccessRight 'RestrictAccess'/);
  });

  it('ignores human role assignments that do not read mail', () => {
    const t = tables({ AuditLogs: [cmdlet('h', '2024-03-05T10:00:00', 'New-ManagementRoleAssignment', { Role: 'Mail Recipients', User: 'helpdesk@contoso.com' })] });
    assert.deepEqual(findingsOf('rbac-app-mail-access', t), []);
  });
});
