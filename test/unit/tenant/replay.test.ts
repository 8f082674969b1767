import { strict as assert } from 'node:assert';
import { explainAccess } from '../../../src/core/tenant/access/effectiveAccess';
import { parseConsentPermissions, parseKeyDescriptions } from '../../../src/core/tenant/replay/entra';
import { replay, replayWithLedger } from '../../../src/core/tenant/replay/replay';
import { parseMultiValue, type AuditLogRow, type DirectoryAuditRow } from '../../../src/core/tenant/replay/rows';

const T0 = Date.parse('2024-03-01T00:00:00Z');
const at = (minutes: number) => T0 + minutes * 60_000;
const GRAPH = '00000003-0000-0000-c000-000000000000';
const appA = 'aaaaaaaa-0000-0000-0000-00000000000a';
const appB = 'bbbbbbbb-0000-0000-0000-00000000000b';
const appC = 'cccccccc-0000-0000-0000-00000000000c';
const dn = (leaf: string) => `NAMPR10A011.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/${leaf}`;

function cmdlet(minutes: number, operation: string, parameters: Record<string, string>, extra: Partial<AuditLogRow> = {}): AuditLogRow {
  return { Time: at(minutes), Operation: operation, Id: `rec-${minutes}`, ResultStatus: 'Succeeded', UserId: 'admin@contoso.com', ObjectId: parameters.Identity ?? '', Parameters: parameters, ...extra };
}

/** Hand-written rows in the shapes real UAL / directory audit records have (see shared/corpus). */
function tenantHistory(): { rows: AuditLogRow[]; directoryAudits: DirectoryAuditRow[] } {
  const rows: AuditLogRow[] = [
    {
      Time: at(1), Operation: 'Add user.', Id: 'u1', ResultStatus: 'Success', UserId: 'admin@contoso.com', ObjectId: 'alice@contoso.com',
      ModifiedProperties: [
        { Name: 'AccountEnabled', NewValue: '[\r\n  true\r\n]', OldValue: '[]' },
        { Name: 'Department', NewValue: '[\r\n  "Sales"\r\n]', OldValue: '[]' },
        { Name: 'DisplayName', NewValue: '[\r\n  "Alice Smith"\r\n]', OldValue: '[]' },
        { Name: 'UserPrincipalName', NewValue: '[\r\n  "alice@contoso.com"\r\n]', OldValue: '[]' },
      ],
      Target: [{ ID: 'User_5a1ce000-0000-0000-0000-000000000001', Type: 2 }, { ID: '5a1ce000-0000-0000-0000-000000000001', Type: 2 }, { ID: 'User', Type: 2 }, { ID: 'alice@contoso.com', Type: 5 }],
    },
    cmdlet(2, 'New-Mailbox', { Name: 'Alice Smith', Alias: 'alice', MicrosoftOnlineServicesID: 'alice@contoso.com', PrimarySmtpAddress: 'alice@contoso.com' }),
    cmdlet(3, 'New-Mailbox', { Name: 'Support', Alias: 'support', PrimarySmtpAddress: 'support@contoso.com', Shared: 'True' }),
    {
      Time: at(5), Operation: 'Add app role assignment to service principal.', Id: 'ar1', ResultStatus: 'Success', UserId: 'admin@contoso.com', ObjectId: 'graph-sp-object',
      ModifiedProperties: [
        { Name: 'AppRole.Id', NewValue: '810c84a8-4a9e-49e6-bf7d-12d183f40d01', OldValue: '' },
        { Name: 'AppRole.Value', NewValue: 'Mail.Read', OldValue: '' },
        { Name: 'ServicePrincipal.ObjectID', NewValue: 'sp-a', OldValue: '' },
        { Name: 'ServicePrincipal.DisplayName', NewValue: 'Evil Reader', OldValue: '' },
        { Name: 'ServicePrincipal.AppId', NewValue: appA, OldValue: '' },
        { Name: 'TargetId.ServicePrincipalNames', NewValue: `${GRAPH};https://graph.microsoft.com;https://graph.microsoft.com/`, OldValue: '' },
      ],
      Target: [{ ID: 'ServicePrincipal_graph-sp-object', Type: 2 }, { ID: 'ServicePrincipal', Type: 2 }, { ID: 'Microsoft Graph', Type: 1 }],
    },
    {
      Time: at(6), Operation: 'Consent to application.', Id: 'c1', ResultStatus: 'Success', UserId: 'admin@contoso.com', ObjectId: appB,
      ModifiedProperties: [
        { Name: 'ConsentContext.IsAdminConsent', NewValue: 'True', OldValue: '' },
        { Name: 'ConsentContext.IsAppOnly', NewValue: 'False', OldValue: '' },
        { Name: 'ConsentAction.Permissions', NewValue: '[] => [[Id: x1, ClientId: sp-b, PrincipalId: , ResourceId: graph-sp-object, ConsentType: AllPrincipals, Scope:  Mail.Read.Shared offline_access, CreatedDateTime: , LastModifiedDateTime ]]; ', OldValue: '' },
        { Name: 'TargetId.ServicePrincipalNames', NewValue: appB, OldValue: '' },
      ],
      Target: [{ ID: 'ServicePrincipal_sp-b', Type: 2 }, { ID: 'sp-b', Type: 2 }, { ID: 'ServicePrincipal', Type: 2 }, { ID: 'Shared Reader', Type: 1 }, { ID: appB, Type: 2 }, { ID: appB, Type: 4 }],
    },
    cmdlet(10, 'New-ServicePrincipal', { AppId: appC, ObjectId: 'sp-c', DisplayName: 'RBAC App' }),
    cmdlet(11, 'New-ManagementScope', { Name: 'SalesScope', RecipientRestrictionFilter: "Department -eq 'Sales'" }),
    cmdlet(12, 'New-ManagementRoleAssignment', { App: appC, Role: 'Application Mail.Read', CustomResourceScope: 'SalesScope' }),
    cmdlet(20, 'Add-MailboxPermission', { Identity: dn('support'), User: dn('alice'), AccessRights: 'FullAccess', AutoMapping: 'False' }),
    cmdlet(21, 'Add-MailboxPermission', { Identity: 'ceo@contoso.com', User: 'eve@contoso.com', AccessRights: 'FullAccess' }, { ResultStatus: 'Failed' }),
    cmdlet(22, 'Set-Mailbox', { Identity: 'alice@contoso.com', GrantSendOnBehalfTo: '@{Add="eve@contoso.com","bob@contoso.com"}' }),
    cmdlet(23, 'Set-Mailbox', { Identity: 'alice@contoso.com', GrantSendOnBehalfTo: '@{Remove="bob@contoso.com"}', CustomAttribute3: 'Tier0' }),
    cmdlet(24, 'Set-Mailbox', { Identity: 'support', AuditEnabled: 'False', AuditAdmin: '@{Remove="MailItemsAccessed"}', AuditDelegate: 'Update,Move' }),
    cmdlet(25, 'Set-MailboxAuditBypassAssociation', { Identity: 'alice@contoso.com', AuditBypassEnabled: 'True' }),
    cmdlet(26, 'Set-OrganizationConfig', { AuditDisabled: 'True' }),
    cmdlet(27, 'Add-RecipientPermission', { Identity: 'support@contoso.com', Trustee: 'bob@contoso.com', AccessRights: 'SendAs' }),
    cmdlet(28, 'Add-MailboxFolderPermission', { Identity: 'alice@contoso.com:\\Inbox', User: 'bob@contoso.com', AccessRights: 'Reviewer' }),
    cmdlet(29, 'Set-MailboxFolderPermission', { Identity: 'alice@contoso.com:\\Inbox', User: 'bob@contoso.com', AccessRights: 'Editor' }),
    cmdlet(30, 'New-ApplicationAccessPolicy', { AppId: appA, PolicyScopeGroupId: 'aap@contoso.com', AccessRight: 'RestrictAccess', Description: 'only sales' }),
    cmdlet(31, 'Add-DistributionGroupMember', { Identity: 'aap@contoso.com', Member: 'alice@contoso.com' }),
    cmdlet(39, 'Set-ManagementRoleAssignment', { Identity: `Application Mail.Read-${appC}`, CustomResourceScope: 'Nowhere' }),
    cmdlet(40, 'Set-ManagementRoleAssignment', { Identity: `Application Mail.Read-${appC}`, RecipientRelativeWriteScope: 'Organization' }),
    cmdlet(41, 'New-ServicePrincipal', { AppId: appB, ServiceId: 'sp-b', DisplayName: 'Shared Reader SP' }),
    cmdlet(42, 'Add-MailboxPermission', { Identity: 'support@contoso.com', User: 'sp-b', AccessRights: 'FullAccess' }),
    cmdlet(50, 'Remove-RecipientPermission', { Identity: 'support@contoso.com', Trustee: 'bob@contoso.com', AccessRights: 'SendAs' }),
    cmdlet(51, 'Remove-MailboxFolderPermission', { Identity: 'alice@contoso.com:\\Inbox', User: 'bob@contoso.com' }),
    cmdlet(52, 'Set-ManagementRoleAssignment', { Identity: `Application Mail.Read-${appC}`, Enabled: 'False' }),
    cmdlet(53, 'Remove-ApplicationAccessPolicy', { Identity: `${appA}:aap@contoso.com` }),
    cmdlet(54, 'Remove-ManagementRoleAssignment', { Identity: `Application Mail.Read-${appC}` }),
    cmdlet(55, 'Remove-MailboxPermission', { Identity: 'support@contoso.com', User: 'alice@contoso.com', AccessRights: 'FullAccess' }),
    cmdlet(56, 'New-InboxRule', { Name: 'x', ForwardTo: 'bad@evil.example' }),
  ];
  const directoryAudits: DirectoryAuditRow[] = [
    {
      Time: at(4), Operation: 'Add service principal', Id: 'd1', Result: 'success', InitiatedByUser: 'admin@contoso.com',
      TargetResources: [{ id: 'sp-a', displayName: 'Evil Reader', type: 'ServicePrincipal', modifiedProperties: [
        { displayName: 'AppPrincipalId', oldValue: '[]', newValue: `["${appA}"]` }, { displayName: 'DisplayName', oldValue: '[]', newValue: '["Evil Reader"]' }] }],
    },
    {
      Time: at(7), Operation: 'Update application – Certificates and secrets management ', Id: 'd2', Result: 'success', InitiatedByUser: 'attacker@contoso.com',
      TargetResources: [{ id: 'app-obj-a', displayName: 'Evil Reader', type: 'Application', modifiedProperties: [
        { displayName: 'KeyDescription', oldValue: '[]', newValue: '["[KeyIdentifier=11ca002d-d846-4692-8e1f-501db99f485a,KeyType=Password,KeyUsage=Verify,DisplayName=key 2]"]' }] }],
    },
    {
      Time: at(8), Operation: 'Add service principal', Id: 'd3', Result: 'failure', InitiatedByUser: 'admin@contoso.com',
      TargetResources: [{ id: 'sp-z', displayName: 'Failed App', type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'AppPrincipalId', oldValue: '[]', newValue: '["zzzzzzzz-0000-0000-0000-00000000000z"]' }] }],
    },
  ];
  return { rows, directoryAudits };
}

describe('tenant replay from audit records', () => {
  const { rows, directoryAudits } = tenantHistory();
  const asOf = (minutes: number) => replay(rows, { directoryAudits, asOf: at(minutes) });

  it('creates users, mailboxes and apps as they appear; unknown identities are created as needed', () => {
    const m = asOf(20);
    assert.equal(m.source, 'replay');
    assert.equal(m.asOf, new Date(at(20)).toISOString());
    const alice = m.mailboxes.find((x) => x.userPrincipalName === 'alice@contoso.com')!;
    assert.equal(alice.name, 'Alice Smith');
    assert.equal(alice.userId, '5a1ce000-0000-0000-0000-000000000001');
    assert.equal(m.users[0].department, 'Sales');
    assert.equal(m.mailboxes.find((x) => x.alias === 'support')?.recipientTypeDetails, 'SharedMailbox');
    const evil = m.apps.find((a) => a.appId === appA)!;
    assert.equal(evil.displayName, 'Evil Reader');
    assert.equal(evil.servicePrincipalId, 'sp-a');
    assert.deepEqual(evil.permissions.map((p) => [p.resourceAppId, p.value, p.kind, p.grantedBy]), [[GRAPH, 'Mail.Read', 'application', 'admin@contoso.com']]);
    assert.equal(m.apps.some((a) => a.displayName === 'Failed App'), false, 'failed records change nothing');
  });

  it('reads consent grants (ConsentAction.Permissions) and credentials (KeyDescription)', () => {
    const m = asOf(20);
    const shared = m.apps.find((a) => a.appId === appB)!;
    assert.deepEqual(shared.permissions.map((p) => [p.value, p.kind, p.consentType, p.resourceAppId]).sort(), [
      ['Mail.Read.Shared', 'delegated', 'AllPrincipals', GRAPH], ['offline_access', 'delegated', 'AllPrincipals', GRAPH]]);
    const evil = m.apps.find((a) => a.appId === appA)!;
    assert.deepEqual(evil.credentials, [{ keyId: '11ca002d-d846-4692-8e1f-501db99f485a', type: 'password', displayName: 'key 2', startDateTime: new Date(at(7)).toISOString() }]);
    assert.equal(evil.applicationObjectId, 'app-obj-a');
  });

  it('records delegations with who and when, from DN identities, and ignores failed grants', () => {
    const m = asOf(30);
    const fa = m.delegations.find((d) => d.right === 'FullAccess')!;
    assert.equal(fa.mailbox, 'support@contoso.com');
    assert.equal(fa.trustee, 'alice@contoso.com');
    assert.equal(fa.automapping, false);
    assert.equal(fa.grantedBy, 'admin@contoso.com');
    assert.equal(fa.grantRecordId, 'rec-20');
    assert.equal(m.mailboxes.some((x) => x.userPrincipalName === 'ceo@contoso.com'), false, 'the failed Add-MailboxPermission created nothing');
    const alice = m.mailboxes.find((x) => x.userPrincipalName === 'alice@contoso.com')!;
    assert.deepEqual(alice.grantSendOnBehalfTo, ['eve@contoso.com']);
    assert.deepEqual(m.delegations.filter((d) => d.right === 'SendOnBehalf').map((d) => d.trustee), ['eve@contoso.com']);
    assert.equal(alice.customAttributes['3'], 'Tier0');
    assert.equal(alice.audit.auditBypassEnabled, true);
    const support = m.mailboxes.find((x) => x.userPrincipalName === 'support@contoso.com')!;
    assert.equal(support.audit.auditEnabled, false);
    assert.equal(support.audit.auditAdmin.includes('MailItemsAccessed'), false);
    assert.deepEqual(support.audit.auditDelegate, ['Update', 'Move']);
    assert.equal(m.organization.auditDisabled, true);
    assert.deepEqual(m.delegations.filter((d) => d.right === 'SendAs').map((d) => d.trustee), ['bob@contoso.com']);
    const folder = m.delegations.find((d) => d.right === 'FolderPermission')!;
    assert.deepEqual([folder.mailbox, folder.folder, folder.folderAccessRights], ['alice@contoso.com', 'Inbox', ['Editor']]);
  });

  it('as-of times: the same app reads everything, then only the policy group, then everything again', () => {
    assert.deepEqual(explainAccess(asOf(4), appA, 'support@contoso.com')?.rights ?? [], [], 'before the app role assignment');
    assert.deepEqual(explainAccess(asOf(20), appA, 'support@contoso.com')!.rights, ['read']);
    assert.deepEqual(explainAccess(asOf(31), appA, 'support@contoso.com')!.rights, []);
    assert.deepEqual(explainAccess(asOf(31), appA, 'alice@contoso.com')!.rights, ['read']);
    assert.deepEqual(explainAccess(asOf(53), appA, 'support@contoso.com')!.rights, ['read']);
  });

  it('RBAC: scope, silent widening by Set-ManagementRoleAssignment, disabling and removal', () => {
    assert.deepEqual(explainAccess(asOf(12), appC, 'alice@contoso.com')!.rights, ['read']);
    assert.deepEqual(explainAccess(asOf(12), appC, 'support@contoso.com')!.rights, []);
    assert.deepEqual(explainAccess(asOf(39), appC, 'alice@contoso.com')!.rights, [], 'scope pointed at a scope that does not exist');
    const widened = explainAccess(asOf(40), appC, 'support@contoso.com')!;
    assert.deepEqual(widened.rights, ['read']);
    assert.match(widened.grants[0].explanation[0], /organisation-wide/);
    const disabled = explainAccess(asOf(52), appC, 'alice@contoso.com')!;
    assert.deepEqual(disabled.rights, []);
    assert.ok(disabled.notes.some((n) => n.includes('is disabled: ignored')));
    assert.equal(asOf(54).roleAssignments.length, 0);
  });

  it('delegated consent plus a FullAccess delegate, and the Exchange service principal note', () => {
    const ea = explainAccess(asOf(42), appB, 'support@contoso.com')!;
    assert.deepEqual(ea.delegatedRights, ['read']);
    assert.ok(ea.grants.some((g) => g.explanation.some((l) => l.includes('alice@contoso.com (fullAccess)'))));
    assert.ok(ea.notes.some((n) => n.includes('holds FullAccess on this mailbox, but the app has no IMAP.AccessAsApp')));
    assert.deepEqual(explainAccess(asOf(55), appB, 'support@contoso.com')!.delegatedRights, [], 'FullAccess removed at 55');
  });

  it('removals undo grants', () => {
    const m = asOf(60);
    assert.equal(m.delegations.some((d) => d.right === 'SendAs' || d.right === 'FolderPermission'), false);
    assert.equal(m.accessPolicies.length, 0);
  });

  it('the ledger counts applied, failed, later and unrelated records', () => {
    const { ledger } = replayWithLedger(rows, { directoryAudits, asOf: at(30) });
    assert.equal(ledger.failed, 2);
    assert.equal(ledger.ignored, 1, 'New-InboxRule does not bear on permissions');
    assert.equal(ledger.afterAsOf, 11);
    assert.equal(ledger.applied, rows.length + directoryAudits.length - 2 - 1 - 11);
  });

  it('parses the record formats it relies on', () => {
    assert.deepEqual(parseConsentPermissions('[] => [[Id: a, ClientId: c1, PrincipalId: p1, ResourceId: r1, ConsentType: Principal, Scope:  openid profile Mail.Read, CreatedDateTime: , LastModifiedDateTime ]]; '),
      [{ clientId: 'c1', principalId: 'p1', resourceId: 'r1', consentType: 'Principal', scopes: ['openid', 'profile', 'Mail.Read'] }]);
    assert.deepEqual(parseKeyDescriptions('["[KeyIdentifier=k1,KeyType=AsymmetricX509Cert,KeyUsage=Verify,DisplayName=CN=app, O=x]"]'),
      [{ keyId: 'k1', type: 'certificate', displayName: 'CN=app, O=x' }]);
    assert.deepEqual(parseMultiValue('@{Add="a@x.com","b@x.com"; Remove=\'c@x.com\'}'), { add: ['a@x.com', 'b@x.com'], remove: ['c@x.com'] });
    assert.deepEqual(parseMultiValue('a@x.com, b@x.com'), { replace: ['a@x.com', 'b@x.com'], add: [], remove: [] });
    assert.deepEqual(parseMultiValue('$null'), { replace: [], add: [], remove: [] });
  });
});
