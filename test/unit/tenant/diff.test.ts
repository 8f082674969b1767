import { strict as assert } from 'node:assert';
import { diffModels } from '../../../src/core/tenant/diff';
import { graphApp, ids, sampleTenant } from './fixtures';

describe('tenant model diff', () => {
  it('an identical model has no differences (order of members and actions does not matter)', () => {
    const a = sampleTenant();
    const b = sampleTenant();
    b.mailboxes[0].audit.auditAdmin.reverse();
    b.delegations.reverse();
    const d = diffModels(a, b);
    assert.deepEqual([d.added, d.removed, d.changed], [[], [], []]);
  });

  it('reports added, removed and changed elements by kind with field changes', () => {
    const before = sampleTenant();
    const after = sampleTenant();
    after.asOf = '2024-07-01T00:00:00.000Z';
    after.delegations.push({ mailbox: 'ceo@contoso.com', trustee: 'eve@contoso.com', right: 'FullAccess', automapping: false });
    after.delegations = after.delegations.filter((x) => x.right !== 'SendAs');
    after.roleAssignments[0].customResourceScope = undefined;
    after.managementScopes[0].recipientRestrictionFilter = "Department -like '*'";
    after.apps.find((a) => a.appId === ids.nothing)!.permissions.push(graphApp('Mail.ReadWrite'));
    after.apps.find((a) => a.appId === ids.manage)!.credentials = [];
    after.organization.auditDisabled = true;
    after.groups[0].members.push('bob@contoso.com');
    const d = diffModels(before, after);
    assert.equal(d.from, '2024-06-01T00:00:00.000Z');
    assert.equal(d.to, '2024-07-01T00:00:00.000Z');
    assert.deepEqual(d.added.map((e) => `${e.kind}: ${e.label}`).sort(), [
      'appPermission: Harmless: Microsoft Graph Mail.ReadWrite (application)',
      'delegation: eve@contoso.com FullAccess on ceo@contoso.com',
    ]);
    assert.deepEqual(d.removed.map((e) => `${e.kind}: ${e.label}`).sort(), [
      'appCredential: Exchange Manager: password backdoor',
      'delegation: bob@contoso.com SendAs on support@contoso.com',
    ]);
    const changed = Object.fromEntries(d.changed.map((e) => [`${e.kind}: ${e.label}`, e.fields!.map((f) => f.field)]));
    assert.deepEqual(changed, {
      'organization: organization config': ['auditDisabled'],
      'group: AAP Sales': ['members'],
      'managementScope: SalesScope': ['recipientRestrictionFilter'],
      'roleAssignment: Application Mail.Read-rbac (Application Mail.Read)': ['customResourceScope'],
    });
    const scopeChange = d.changed.find((e) => e.kind === 'managementScope')!.fields![0];
    assert.deepEqual([scopeChange.before, scopeChange.after], ["Department -eq 'Sales'", "Department -like '*'"]);
  });

  it('ignores the fields it is told to', () => {
    const a = sampleTenant();
    const b = sampleTenant();
    b.delegations[0].grantedDateTime = '2030-01-01T00:00:00Z';
    assert.equal(diffModels(a, b).changed.length, 1);
    assert.equal(diffModels(a, b, { ignoreFields: ['grantedDateTime'] }).changed.length, 0);
  });
});
