import * as assert from 'node:assert/strict';
import { at, tables } from './support/tables';
import { evidenceIds, findingsOf, points } from './support/run';

const appId = '69ee2435-ed5d-4364-a7bc-165f02f2a787';
const spId = '5a1b2c3d-0000-4000-8000-00000000abcd';

function consentUal(id: string, time: string, scope: string, admin: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Id: id, Time: at(time), Operation: 'Consent to application', RecordType: 'AzureActiveDirectory', Workload: 'AzureActiveDirectory',
    ResultStatus: 'Succeeded', UserId: 'alice@contoso.com', ObjectId: appId,
    ModifiedProperties: [
      { Name: 'ConsentContext.IsAdminConsent', NewValue: admin ? 'True' : 'False', OldValue: '' },
      { Name: 'ConsentContext.IsAppOnly', NewValue: 'False', OldValue: '' },
      { Name: 'ConsentContext.OnBehalfOfAll', NewValue: admin ? 'True' : 'False', OldValue: '' },
      { Name: 'ConsentAction.Permissions', NewValue: `[] => [[Id: x, ClientId: ${spId}, PrincipalId: p, ResourceId: r, ConsentType: ${admin ? 'AllPrincipals' : 'Principal'}, Scope:  ${scope}, CreatedDateTime: , LastModifiedDateTime ]]; `, OldValue: '' },
      { Name: 'TargetId.ServicePrincipalNames', NewValue: appId, OldValue: '' },
    ],
    Target: [{ ID: `ServicePrincipal_${spId}`, Type: 2 }, { ID: spId, Type: 2 }, { ID: 'ServicePrincipal', Type: 2 }, { ID: 'Mail Insights', Type: 1 }, { ID: appId, Type: 4 }],
    ...extra,
  };
}

function appRoleDirectory(id: string, time: string, role: string): Record<string, unknown> {
  const props = [
    { Target: 'Microsoft Graph', Name: 'AppRole.Value', OldValue: null, NewValue: role },
    { Target: 'Microsoft Graph', Name: 'ServicePrincipal.AppId', OldValue: null, NewValue: appId },
    { Target: 'Microsoft Graph', Name: 'ServicePrincipal.ObjectID', OldValue: null, NewValue: spId },
    { Target: 'Microsoft Graph', Name: 'ServicePrincipal.DisplayName', OldValue: null, NewValue: 'Mail Insights' },
  ];
  return {
    Id: id, Time: at(time), Operation: 'Add app role assignment to service principal', Category: 'ApplicationManagement', Result: 'Succeeded',
    InitiatedByUser: 'alice@contoso.com', TargetResources: [{ id: 'graph-sp', displayName: 'Microsoft Graph', type: 'ServicePrincipal', modifiedProperties: [] }],
    TargetName: 'Microsoft Graph', TargetType: 'ServicePrincipal', ModifiedProperties: props,
  };
}

function appRoleUal(id: string, time: string, role: string): Record<string, unknown> {
  return {
    Id: id, Time: at(time), Operation: 'Add app role assignment to service principal', RecordType: 'AzureActiveDirectory', ResultStatus: 'Succeeded',
    UserId: 'alice@contoso.com', ObjectId: 'graph-sp',
    ModifiedProperties: [
      { Name: 'AppRole.Value', NewValue: role, OldValue: '' },
      { Name: 'ServicePrincipal.AppId', NewValue: appId, OldValue: '' },
      { Name: 'ServicePrincipal.ObjectID', NewValue: spId, OldValue: '' },
    ],
  };
}

function credentialDirectory(id: string, time: string, before: string[], after: string[]): Record<string, unknown> {
  const key = (k: string) => `[KeyIdentifier=${k},KeyType=Password,KeyUsage=Verify,DisplayName=key ${k}]`;
  return {
    Id: id, Time: at(time), Operation: 'Update application – Certificates and secrets management', Category: 'ApplicationManagement', Result: 'Succeeded',
    InitiatedByUser: 'alice@contoso.com', TargetName: 'Mail Insights', TargetType: 'Application', TargetId: 'app-object-1',
    TargetResources: [{ id: 'app-object-1', displayName: 'Mail Insights', type: 'Application', modifiedProperties: [] }],
    ModifiedProperties: [{ Target: 'Mail Insights', Name: 'KeyDescription', OldValue: before.map(key), NewValue: after.map(key) }],
  };
}

describe('findings rule: entra-app-mail-access', () => {
  it('reports an admin consent to Mail.Read as high, revocable by app id', () => {
    const t = tables({ AuditLogs: [consentUal('c1', '2024-03-05T10:00:00', 'openid Mail.Read offline_access', true)] });
    const [f] = findingsOf('entra-app-mail-access', t);
    assert.ok(f);
    assert.match(f.title, /^Admin consent to Mail Insights \(69ee2435/);
    assert.equal(f.app, appId);
    assert.equal(f.baseScore, 55);
    assert.equal(points(f, /reads message contents/), 10);
    assert.equal(points(f, /offline_access/), 5);
    assert.equal(f.severity, 'high');
    assert.deepEqual(evidenceIds(f), ['c1']);
    assert.match(f.remediation[0]!.powershell, /Get-MgServicePrincipal -Filter 'appId eq ''69ee2435-ed5d-4364-a7bc-165f02f2a787'''/);
  });

  it('reports an end-user consent with offline_access and no mail scope as low', () => {
    const t = tables({ AuditLogs: [consentUal('c2', '2024-03-05T10:00:00', 'openid profile email offline_access', false)] });
    const [f] = findingsOf('entra-app-mail-access', t);
    assert.equal(f!.severity, 'low');
    assert.equal(f!.score, 25);
  });

  it('ignores a consent to sign-in scopes only', () => {
    const t = tables({ AuditLogs: [consentUal('c3', '2024-03-05T10:00:00', 'openid profile User.Read', false)] });
    assert.deepEqual(findingsOf('entra-app-mail-access', t), []);
  });

  it('merges the UAL copy of a directory audit into one finding with both records', () => {
    const t = tables({
      AuditLogs: [appRoleUal('ual-1', '2024-03-05T10:00:01', 'Mail.Read')],
      DirectoryAudits: [appRoleDirectory('dir-1', '2024-03-05T10:00:00.600', 'Mail.Read')],
    });
    const fs = findingsOf('entra-app-mail-access', t);
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.evidence.map((e) => [e.table, e.ids]).sort(), [['AuditLogs', ['ual-1']], ['DirectoryAudits', ['dir-1']]]);
    assert.equal(fs[0]!.baseScore, 60);
    assert.equal(fs[0]!.techniques[0]!.id, 'T1098.003');
  });

  it('lowers an app on the known-apps allowlist', () => {
    const t = tables({ DirectoryAudits: [appRoleDirectory('dir-2', '2024-03-05T10:00:00', 'full_access_as_app')] });
    const [f] = findingsOf('entra-app-mail-access', t, { settings: { knownApps: [appId] } });
    assert.equal(points(f!, /known-apps allowlist/), -30);
    assert.equal(f!.severity, 'low');
  });

  it('raises a credential added to an app that holds mail permissions, and ignores a credential removal', () => {
    const t = tables({
      DirectoryAudits: [
        appRoleDirectory('dir-3', '2024-03-05T10:00:00', 'Mail.Read'),
        credentialDirectory('cred-add', '2024-03-06T10:00:00', ['k1'], ['k1', 'k2']),
        credentialDirectory('cred-del', '2024-03-07T10:00:00', ['k1', 'k2'], ['k1']),
      ],
    });
    const creds = findingsOf('entra-app-mail-access', t).filter((f) => /^Credential/.test(f.title));
    assert.equal(creds.length, 1);
    const [c] = creds;
    assert.deepEqual(evidenceIds(c!), ['cred-add']);
    assert.equal(points(c!, /holds mailbox permissions: Mail.Read/), 30);
    assert.equal(c!.remediation[0]!.powershell, "Remove-MgApplicationPassword -ApplicationId 'app-object-1' -KeyId 'k2'");
    assert.equal(c!.techniques[0]!.id, 'T1098.001');
  });

  it('raises a brand-new app and keeps its creation and the scope-less app-only consent as evidence', () => {
    const t = tables({
      AuditLogs: [
        { Id: 'new-app', Time: at('2024-03-05T09:30:00'), Operation: 'Add application', RecordType: 'AzureActiveDirectory', ResultStatus: 'Succeeded', UserId: 'alice@contoso.com', ObjectId: appId, ModifiedProperties: [{ Name: 'AppId', NewValue: appId, OldValue: '' }, { Name: 'DisplayName', NewValue: 'Mail Insights', OldValue: '' }] },
        consentUal('app-only-consent', '2024-03-05T10:00:00', '', true),
        appRoleUal('role', '2024-03-05T10:00:30', 'Mail.Read'),
      ],
    });
    const fs = findingsOf('entra-app-mail-access', t);
    assert.equal(fs.length, 1);
    assert.equal(points(fs[0]!, /added to the tenant less than an hour before/), 10);
    assert.deepEqual(evidenceIds(fs[0]!).sort(), ['app-only-consent', 'new-app', 'role']);
  });
});
