import { strict as assert } from 'node:assert';
import { explainAccess } from '../../../src/core/tenant';
import type { FakeTenant } from '../../fakeTenant/server';
import { connectWithSecret, permissionParts, picks, startTenant, synthTenant } from './support';

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
      const p = picks(synth.model);
      // RBAC for Applications: the scope decides.
      const inScope = explainAccess(live, p.scopedApp.displayName, p.inScope)!;
      assert.deepEqual(inScope.rights, ['read']);
      assert.ok(inScope.grants.some((g) => g.system === 'rbacRoleAssignment' && g.applies && g.explanation.join(' ').includes(`scope '${p.scopeName}'`)));
      assert.deepEqual(explainAccess(live, p.scopedApp.displayName, p.outsider)!.rights, []);
      // An application access policy restricts the Entra grant to its group.
      assert.deepEqual(explainAccess(live, p.policyApp.displayName, p.sharedMember)!.rights, ['read']);
      const outsider = explainAccess(live, p.policyApp.displayName, p.outsider)!;
      assert.deepEqual(outsider.rights, []);
      assert.match(outsider.grants.find((g) => g.system === 'entraApplication')!.explanation.join(' '), /RestrictAccess/);
      // IMAP through the Exchange service principal's FullAccess.
      assert.deepEqual(explainAccess(live, p.imapApp.displayName, p.imapMailbox)!.rights, ['imap']);
    } finally {
      conn.close();
    }
  });

  it('maps delegated consent, DenyAccess policies and disabled assignments the same way', async () => {
    const { synth } = synthTenant();
    const model = structuredClone(synth.model);
    const p = picks(model);
    const archivio = model.apps.find((a) => a.permissions.some((x) => x.value === 'Mail.Read') && !model.accessPolicies.some((x) => x.appId === a.appId))!;
    archivio.permissions.push(
      { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceName: 'Microsoft Graph', value: 'Mail.Read', kind: 'delegated', consentType: 'Principal', principalId: p.outsiderUserId },
      { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceName: 'Microsoft Graph', value: 'Mail.ReadWrite.Shared', kind: 'delegated', consentType: 'AllPrincipals' },
    );
    model.accessPolicies.push({ identity: `${model.tenantId}\\${archivio.appId}:deny`, appId: archivio.appId, accessRight: 'DenyAccess', policyScopeGroupId: p.policyGroup.mail! });
    model.roleAssignments.find((r) => r.name === model.roleAssignments.find((x) => x.customResourceScope === p.scopeName)!.name)!.enabled = false;
    fake = await startTenant(model);
    const { conn } = connectWithSecret(fake);
    try {
      const live = await conn.inventory();
      const expected = permissionParts(model);
      const actual = permissionParts(live);
      for (const part of Object.keys(expected)) assert.deepEqual(new Set(actual[part]), new Set(expected[part]), part);
      const denied = explainAccess(live, archivio.appId, p.member)!;
      assert.deepEqual(denied.rights, []);
      assert.match(denied.grants.find((g) => g.system === 'entraApplication')!.explanation.join(' '), /DenyAccess/);
      assert.deepEqual(explainAccess(live, archivio.appId, p.outsider)!.delegatedRights, ['read', 'readWrite']);
      assert.ok(explainAccess(live, p.scopedApp.appId, p.inScope)!.notes.some((n) => n.includes('disabled')));
    } finally {
      conn.close();
    }
  });
});
