import { strict as assert } from 'node:assert';
import { explainAccess } from '../../../src/core/tenant/access/effectiveAccess';
import type { MailboxRight } from '../../../src/core/tenant/rights';
import { ids, sampleTenant } from './fixtures';

interface Case {
  name: string;
  app: string;
  mailbox: string;
  rights: MailboxRight[];
  delegatedRights?: MailboxRight[];
  /** Fragments that must appear in the explanation (grants' lines and notes joined). */
  explains: string[];
  tenantWide?: boolean;
}

const cases: Case[] = [
  { name: 'Entra application permission, no policy: tenant-wide', app: ids.graphReader, mailbox: 'bob@contoso.com', rights: ['read'],
    explains: ['Microsoft Graph Mail.Read (application permission, Entra)', 'no application access policy for this app: tenant-wide'], tenantWide: true },
  { name: 'RestrictAccess policy, mailbox in the group', app: ids.restricted, mailbox: 'alice@contoso.com', rights: ['read', 'readWrite'],
    explains: ['application access policy: Granted', 'RestrictAccess policy policy-restrict grants it', 'aap-sales@contoso.com'] },
  { name: 'RestrictAccess policy, mailbox outside the group', app: ids.restricted, mailbox: 'bob@contoso.com', rights: [],
    explains: ['application access policy: Denied', 'restricts the app to aap-sales@contoso.com and the mailbox is not a member'] },
  { name: 'DenyAccess policy, mailbox in the group', app: ids.denied, mailbox: 'ceo@contoso.com', rights: [],
    explains: ['Denied', 'DenyAccess policy policy-deny denies it'] },
  { name: 'DenyAccess policy, mailbox outside the group', app: ids.denied, mailbox: 'alice@contoso.com', rights: ['read'],
    explains: ['Granted', 'not in any DenyAccess group'] },
  { name: 'RBAC scope filter matches (Department from the owning user)', app: ids.rbacScoped, mailbox: 'alice@contoso.com', rights: ['read'],
    explains: ["Exchange RBAC role assignment 'Application Mail.Read-rbac'", "scope 'SalesScope' (Department -eq 'Sales') matched the mailbox"] },
  { name: 'RBAC scope filter does not match', app: ids.rbacScoped, mailbox: 'bob@contoso.com', rights: [],
    explains: ["scope 'SalesScope' (Department -eq 'Sales') did not match the mailbox"] },
  { name: 'both systems add up: Entra restricted away, RBAC org-wide send', app: ids.both, mailbox: 'bob@contoso.com', rights: ['send'],
    explains: ['application access policy: Denied', 'Application Mail.Send', 'no management scope: organisation-wide'] },
  { name: 'both systems add up: Entra granted and RBAC send', app: ids.both, mailbox: 'alice@contoso.com', rights: ['read', 'send'],
    explains: ['application access policy: Granted', 'organisation-wide'] },
  { name: 'disabled role assignment is ignored with a note', app: ids.disabled, mailbox: 'alice@contoso.com', rights: [],
    explains: ["role assignment 'Application Mail.ReadWrite-disabled' is disabled: ignored"] },
  { name: 'IMAP app with service-principal FullAccess', app: ids.imap, mailbox: 'support@contoso.com', rights: ['imap'],
    explains: ['IMAP.AccessAsApp', `holds FullAccess on the mailbox`, 'application access policies do not apply to IMAP/POP/SMTP'] },
  { name: 'IMAP app without FullAccess on the mailbox', app: ids.imap, mailbox: 'alice@contoso.com', rights: [],
    explains: ['the Exchange service principal holds no FullAccess on this mailbox'] },
  { name: 'app with nothing mail-related', app: ids.nothing, mailbox: 'alice@contoso.com', rights: [],
    explains: ['the app holds no mail-related permission in either system'] },
  { name: 'delegated shared scope through a FullAccess delegate', app: ids.delegated, mailbox: 'support@contoso.com', rights: [], delegatedRights: ['read'],
    explains: ['delegated permission, Entra', 'usable on this mailbox when eve@contoso.com (fullAccess) signs in'] },
  { name: 'policies restrict only Entra grants: RBAC still reads', app: ids.rbacDespitePolicy, mailbox: 'alice@contoso.com', rights: ['read'],
    explains: ['application access policies do not restrict RBAC grants', 'matched the mailbox'] },
  { name: 'Exchange.ManageAsApp: no mailbox rights, but a note', app: ids.manage, mailbox: 'alice@contoso.com', rights: [],
    explains: ['with an Exchange admin role the app can grant itself any access'] },
  { name: 'identities resolve case-insensitively by name and alias', app: 'graph reader', mailbox: 'SUPPORT', rights: ['read'],
    explains: ['tenant-wide'] },
];

describe('tenant effective access (table)', () => {
  const model = sampleTenant();
  for (const c of cases) {
    it(c.name, () => {
      const ea = explainAccess(model, c.app, c.mailbox);
      assert.ok(ea, 'app and mailbox resolve');
      assert.deepEqual(ea.rights, c.rights);
      assert.deepEqual(ea.delegatedRights, c.delegatedRights ?? []);
      const text = [...ea.grants.flatMap((g) => g.explanation), ...ea.notes].join('\n');
      for (const f of c.explains) assert.ok(text.includes(f), `explanation lacks "${f}":\n${text}`);
      if (c.tenantWide !== undefined) assert.equal(ea.grants.some((g) => g.applies && g.tenantWide), c.tenantWide);
    });
  }

  it('reports each grant with its system and whether it applies', () => {
    const ea = explainAccess(model, ids.both, 'bob@contoso.com')!;
    const bySystem = Object.fromEntries(ea.grants.map((g) => [g.system, g.applies]));
    assert.deepEqual(bySystem, { entraApplication: false, rbacRoleAssignment: true });
    const entra = ea.grants.find((g) => g.system === 'entraApplication')!;
    assert.deepEqual(entra.policy, [{ policyIdentity: 'policy-both', accessRight: 'RestrictAccess', group: 'aap-sales@contoso.com', mailboxIsMember: false }]);
  });

  it('a scope whose filter cannot be parsed matches nothing and says why', () => {
    const m = sampleTenant();
    m.roleAssignments[0].customResourceScope = 'BrokenScope';
    const ea = explainAccess(m, ids.rbacScoped, 'alice@contoso.com')!;
    assert.deepEqual(ea.rights, []);
    assert.match(ea.grants[0].explanation[0], /cannot be evaluated \(operator -gt is not supported on string property Department/);
  });

  it('a missing scope reaches no mailbox', () => {
    const m = sampleTenant();
    m.roleAssignments[0].customResourceScope = 'Gone';
    const ea = explainAccess(m, ids.rbacScoped, 'alice@contoso.com')!;
    assert.deepEqual(ea.rights, []);
    assert.match(ea.grants[0].explanation[0], /management scope 'Gone' not found/);
  });

  it('unknown app or mailbox gives undefined', () => {
    assert.equal(explainAccess(model, 'no-such-app', 'alice@contoso.com'), undefined);
    assert.equal(explainAccess(model, ids.graphReader, 'nobody@contoso.com'), undefined);
  });
});
