import { strict as assert } from 'node:assert';
import { testApplicationAccessPolicy } from '../../../src/core/tenant/access/policy';
import { testServicePrincipalAuthorization } from '../../../src/core/tenant/access/rbac';
import { ids, sampleTenant } from './fixtures';

describe('tenant offline Test-ApplicationAccessPolicy / Test-ServicePrincipalAuthorization', () => {
  const model = sampleTenant();

  it('RestrictAccess: members Granted, others Denied', () => {
    assert.equal(testApplicationAccessPolicy(model, ids.restricted, 'alice@contoso.com')?.accessCheckResult, 'Granted');
    const bob = testApplicationAccessPolicy(model, ids.restricted, 'bob@contoso.com')!;
    assert.equal(bob.accessCheckResult, 'Denied');
    assert.match(bob.reason, /not a member/);
  });

  it('DenyAccess: members Denied, others Granted; no policy: Granted', () => {
    assert.equal(testApplicationAccessPolicy(model, ids.denied, 'ceo@contoso.com')?.accessCheckResult, 'Denied');
    assert.equal(testApplicationAccessPolicy(model, ids.denied, 'bob@contoso.com')?.accessCheckResult, 'Granted');
    const none = testApplicationAccessPolicy(model, ids.graphReader, 'bob@contoso.com')!;
    assert.equal(none.accessCheckResult, 'Granted');
    assert.equal(none.reason, 'no application access policy applies to this app');
  });

  it('DenyAccess wins over RestrictAccess for a mailbox in both groups', () => {
    const m = sampleTenant();
    m.accessPolicies.push({ identity: 'deny-too', appId: ids.restricted, accessRight: 'DenyAccess', policyScopeGroupId: 'g-deny-alice' });
    const r = testApplicationAccessPolicy(m, ids.restricted, 'alice@contoso.com')!;
    assert.equal(r.accessCheckResult, 'Denied');
    assert.match(r.reason, /DenyAccess policy deny-too/);
  });

  it('a policy whose group is unknown denies and says the group was not found', () => {
    const m = sampleTenant();
    m.accessPolicies[0].policyScopeGroupId = 'ghost@contoso.com';
    const r = testApplicationAccessPolicy(m, ids.restricted, 'alice@contoso.com')!;
    assert.equal(r.accessCheckResult, 'Denied');
    assert.match(r.reason, /group 'ghost@contoso.com' not found/);
  });

  it('Test-ServicePrincipalAuthorization lists assignments and whether the mailbox is in scope', () => {
    const rows = testServicePrincipalAuthorization(model, ids.rbacScoped, 'alice@contoso.com');
    assert.deepEqual(rows.map((r) => [r.roleAssignment, r.inScope, r.grantedRights]), [['Application Mail.Read-rbac', true, ['read']]]);
    assert.equal(testServicePrincipalAuthorization(model, ids.rbacScoped, 'bob@contoso.com')[0].inScope, false);
    const bySp = testServicePrincipalAuthorization(model, 'Both SP');
    assert.deepEqual(bySp.map((r) => [r.role, r.scope, r.inScope]), [['Application Mail.Send', undefined, undefined]]);
    const disabled = testServicePrincipalAuthorization(model, ids.disabled, 'alice@contoso.com');
    assert.equal(disabled[0].inScope, false);
    assert.match(disabled[0].reason, /disabled/);
  });
});
