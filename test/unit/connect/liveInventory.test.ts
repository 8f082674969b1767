import { strict as assert } from 'node:assert';
import { explainAccess } from '../../../src/core/tenant';
import type { FakeTenant } from '../../fakeTenant/server';
import { connectWithSecret, permissionParts, startTenant, synthTenant } from './support';

describe('connect: live inventory from the fake tenant', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  afterEach(async () => { await fake?.stop(); });

  it('reads the synthetic tenant through Graph and Exchange into the same permission model', async () => {
    const { synth } = synthTenant();
    fake = await startTenant();
    const { conn } = connectWithSecret(fake);
    const progress: string[] = [];
    try {
      const live = await conn.inventory({ onProgress: (p) => progress.push(p.step) });
      assert.equal(live.source, 'live');
      assert.equal(live.tenantId, synth.model.tenantId);
      assert.equal(live.domain, synth.model.domain);
      const expected = permissionParts(synth.model);
      const actual = permissionParts(live);
      for (const part of Object.keys(expected)) assert.deepEqual(new Set(actual[part]), new Set(expected[part]), part);
      assert.ok(progress.includes('mailbox permissions') && progress.includes('app role assignments'));
      // Paging was exercised on both APIs.
      assert.ok(fake.requests.some((r) => r.path.includes('$skiptoken') && r.path.startsWith('/v1.0/')));
      assert.ok(fake.requests.some((r) => r.path.includes('/InvokeCommand?$skiptoken=')));
    } finally {
      conn.close();
    }
  });
});

describe('connect: effective access from the live inventory', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  afterEach(async () => { await fake?.stop(); });

  it('gives every app the same rights on every mailbox as the synthetic model, with explanations from both systems', async () => {
    const { synth } = synthTenant();
    fake = await startTenant();
    const { conn } = connectWithSecret(fake);
    try {
      const live = await conn.inventory();
      let compared = 0;
      for (const app of synth.model.apps) {
        for (const m of synth.model.mailboxes) {
          const want = explainAccess(synth.model, app.appId, m.userPrincipalName)!;
          const got = explainAccess(live, app.appId, m.userPrincipalName);
          assert.ok(got, `${app.displayName} / ${m.userPrincipalName}`);
          assert.deepEqual([got.rights, got.delegatedRights], [want.rights, want.delegatedRights], `${app.displayName} on ${m.userPrincipalName}`);
          compared++;
        }
      }
      assert.ok(compared > 300);
      // RBAC for Applications: the scope decides.
      const sales = explainAccess(live, 'Dynamo CRM Mail Sync', 'allan.walker@fourthcoffee.com')!;
      assert.deepEqual(sales.rights, ['read']);
      assert.ok(sales.grants.some((g) => g.system === 'rbacRoleAssignment' && g.applies && g.explanation.join(' ').includes("scope 'Sales Mailboxes'")));
      const notSales = explainAccess(live, 'Dynamo CRM Mail Sync', 'theo.garcia@fourthcoffee.com')!;
      assert.deepEqual(notSales.rights, []);
      // An application access policy restricts the Entra grant to its group.
      const member = explainAccess(live, 'Expense Reporter', 'ap@fourthcoffee.com')!;
      const outsider = explainAccess(live, 'Expense Reporter', 'theo.garcia@fourthcoffee.com')!;
      assert.deepEqual(member.rights, ['read']);
      assert.deepEqual(outsider.rights, []);
      assert.match(outsider.grants.find((g) => g.system === 'entraApplication')!.explanation.join(' '), /RestrictAccess/);
      // IMAP through the Exchange service principal's FullAccess.
      assert.deepEqual(explainAccess(live, 'Scan Relay', 'scans@fourthcoffee.com')!.rights, ['imap']);
    } finally {
      conn.close();
    }
  });

  it('maps delegated consent, DenyAccess policies and disabled assignments the same way', async () => {
    const { synth } = synthTenant();
    const model = structuredClone(synth.model);
    const theo = model.users.find((u) => u.userPrincipalName === 'theo.garcia@fourthcoffee.com')!;
    const archivio = model.apps.find((a) => a.displayName === 'Archivio Cloud Backup')!;
    archivio.permissions.push(
      { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceName: 'Microsoft Graph', value: 'Mail.Read', kind: 'delegated', consentType: 'Principal', principalId: theo.id },
      { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceName: 'Microsoft Graph', value: 'Mail.ReadWrite.Shared', kind: 'delegated', consentType: 'AllPrincipals' },
    );
    model.accessPolicies.push({ identity: `${model.tenantId}\\${archivio.appId}:deny`, appId: archivio.appId, accessRight: 'DenyAccess', policyScopeGroupId: 'app-access-finance@fourthcoffee.com' });
    model.roleAssignments[0]!.enabled = false;
    fake = await startTenant(model);
    const { conn } = connectWithSecret(fake);
    try {
      const live = await conn.inventory();
      const expected = permissionParts(model);
      const actual = permissionParts(live);
      for (const part of Object.keys(expected)) assert.deepEqual(new Set(actual[part]), new Set(expected[part]), part);
      const denied = explainAccess(live, archivio.appId, 'arjun.chen@fourthcoffee.com')!;
      assert.deepEqual(denied.rights, []);
      assert.match(denied.grants.find((g) => g.system === 'entraApplication')!.explanation.join(' '), /DenyAccess/);
      assert.deepEqual(explainAccess(live, archivio.appId, 'theo.garcia@fourthcoffee.com')!.delegatedRights, ['read', 'readWrite']);
      assert.ok(explainAccess(live, 'Dynamo CRM Mail Sync', 'allan.walker@fourthcoffee.com')!.notes.some((n) => n.includes('disabled')));
    } finally {
      conn.close();
    }
  });
});
