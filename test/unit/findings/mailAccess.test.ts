import * as assert from 'node:assert/strict';
import { at, mailAccess, tables } from './support/tables';
import { evidenceIds, findingsOf, points } from './support/run';

const MIN = 60_000;
const outlook = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const rogueApp = '69ee2435-ed5d-4364-a7bc-165f02f2a787';

describe('findings rules: MailItemsAccessed', () => {
  describe('mail-access-burst', () => {
    it('reports a delegate reading 600 items within an hour, evidence = the records in the burst', () => {
      const start = at('2024-03-05T10:00:00');
      const rows = [
        ...mailAccess(3, start - 5 * 3600_000, MIN, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated', ItemCount: 2 }),
        ...mailAccess(60, start, 30_000, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated', ItemCount: 10 }),
      ];
      const t = tables({ AuditLogs: rows });
      const [f, ...rest] = findingsOf('mail-access-burst', t);
      assert.equal(rest.length, 0);
      const ids = t.AuditLogs!.array('Id') as string[];
      assert.deepEqual(evidenceIds(f!), ids.slice(3));
      assert.equal(f!.details.items, 600);
      assert.equal(points(f!, /not theirs/), 15);
      assert.equal(f!.stage, 'collection');
      assert.equal(f!.start, start);
    });

    it('counts a Sync as a whole folder', () => {
      const t = tables({ AuditLogs: mailAccess(6, at('2024-03-05T10:00:00'), MIN, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated', MailAccessType: 'Sync', ItemCount: 0 }) });
      const [f] = findingsOf('mail-access-burst', t);
      assert.equal(f!.details.items, 600);
      assert.equal(points(f!, /folder Sync/), 10);
    });

    it('leaves the owner in their own Outlook alone, reports the owner through an unknown app, and stays quiet below the threshold', () => {
      const owner = mailAccess(10, at('2024-03-05T10:00:00'), MIN, { UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com', AppId: outlook, MailAccessType: 'Sync', ItemCount: 0 });
      const ownerViaApp = mailAccess(10, at('2024-03-05T10:00:00'), MIN, { UserId: 'ann@contoso.com', MailboxOwnerUPN: 'ann@contoso.com', AppId: rogueApp, MailAccessType: 'Sync', ItemCount: 0 });
      const small = mailAccess(40, at('2024-03-05T10:00:00'), MIN, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'ann@contoso.com', LogonType: 'Delegated', ItemCount: 10 });
      const fs = findingsOf('mail-access-burst', tables({ AuditLogs: [...owner, ...ownerViaApp, ...small] }));
      assert.equal(fs.length, 1);
      assert.equal(fs[0]!.actor, 'ann@contoso.com');
      assert.equal(points(fs[0]!, /not in the known-apps allowlist/), 15);
    });

    it('follows the threshold setting', () => {
      const rows = mailAccess(40, at('2024-03-05T10:00:00'), MIN, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'ann@contoso.com', LogonType: 'Delegated', ItemCount: 10 });
      assert.equal(findingsOf('mail-access-burst', tables({ AuditLogs: rows }), { settings: { burst: { itemThreshold: 300 } } }).length, 1);
    });
  });

  describe('mail-access-non-owner', () => {
    it('reports one finding per reader and mailbox with all their records, plus their sign-in from that address', () => {
      const start = at('2024-03-05T22:00:00');
      const t = tables({
        AuditLogs: [
          { Id: 'login', Time: start - 5 * MIN, Operation: 'UserLoggedIn', UserId: 'eve@contoso.com', ClientIp: '203.0.113.7' },
          ...mailAccess(4, start, MIN, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated', ClientIp: '203.0.113.7' }),
          ...mailAccess(3, start, MIN, { UserId: 'EVE@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Admin', ClientIp: '203.0.113.7' }),
          ...mailAccess(5, start, MIN, { UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com', LogonType: 'Owner' }),
          ...mailAccess(2, start, MIN, { UserId: rogueApp, UserType: 'ServicePrincipal', MailboxOwnerUPN: 'bob@contoso.com', AppId: rogueApp }),
        ],
      });
      const fs = findingsOf('mail-access-non-owner', t);
      assert.equal(fs.length, 1);
      const [f] = fs;
      assert.equal(f!.mailbox, 'cfo@contoso.com');
      assert.equal(evidenceIds(f!).length, 8);
      assert.ok(evidenceIds(f!).includes('login'));
      assert.equal(points(f!, /admin logon/), 10);
      assert.equal(points(f!, /outside business hours/), 10);
      assert.equal(f!.stage, 'access');
    });

    it('lowers a standing delegate from the tenant model', () => {
      const t = tables({ AuditLogs: mailAccess(3, at('2024-03-05T10:00:00'), MIN, { UserId: 'pa@contoso.com', MailboxOwnerUPN: 'ceo@contoso.com', LogonType: 'Delegated' }) });
      const tenant = {
        schemaVersion: 1 as const, tenantId: 't', domain: 'contoso.com', asOf: '2024-03-01T00:00:00Z', source: 'snapshot' as const,
        organization: { auditDisabled: false, unifiedAuditLogIngestionEnabled: true },
        users: [], groups: [], mailboxes: [], apps: [], exchangeServicePrincipals: [], managementScopes: [], roleAssignments: [], accessPolicies: [],
        delegations: [{ mailbox: 'ceo@contoso.com', trustee: 'pa@contoso.com', right: 'FullAccess' as const }],
      };
      const [f] = findingsOf('mail-access-non-owner', t, { tenant });
      assert.equal(points(f!, /standing delegate/), -25);
      assert.equal(f!.severity, 'informational');
    });
  });

  describe('mail-access-unlisted-app', () => {
    it('reports an app-only reader of many mailboxes, recorded under each owner\'s name, with its own sign-ins', () => {
      const start = at('2024-03-05T10:00:00');
      const owners = Array.from({ length: 12 }, (_, i) => `user${i}@contoso.com`);
      const t = tables({
        AuditLogs: owners.flatMap((o, i) => mailAccess(2, start + i * MIN, 1000, { UserId: o, MailboxOwnerUPN: o, AppId: rogueApp, ClientAppId: rogueApp })),
        SignIns: [{ Id: 'sp-signin', Time: start - MIN, AppId: rogueApp, AppDisplayName: 'Mail Insights', IpAddress: '198.51.100.9' }],
      });
      const [f, ...rest] = findingsOf('mail-access-unlisted-app', t);
      assert.equal(rest.length, 0);
      assert.equal(f!.app, rogueApp);
      assert.equal(f!.actor, rogueApp);
      assert.equal(f!.details.mailboxCount, 12);
      assert.equal(points(f!, /reads 12 mailboxes/), 15);
      assert.equal(points(f!, /app-only/), 10);
      assert.ok(evidenceIds(f!).includes('sp-signin'));
      assert.equal(f!.severity, 'medium');
    });

    it('ignores Microsoft\'s own clients and apps on the known-apps list', () => {
      const rows = [
        ...mailAccess(3, at('2024-03-05T10:00:00'), MIN, { UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com', AppId: outlook }),
        ...mailAccess(3, at('2024-03-05T10:00:00'), MIN, { UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com', AppId: rogueApp }),
      ];
      assert.equal(findingsOf('mail-access-unlisted-app', tables({ AuditLogs: rows })).length, 1);
      assert.equal(findingsOf('mail-access-unlisted-app', tables({ AuditLogs: rows }), { settings: { knownApps: [rogueApp] } }).length, 0);
    });
  });

  describe('mail-access-throttled', () => {
    it('reports IsThrottled as a 24-hour blind spot', () => {
      const start = at('2024-03-05T10:00:00');
      const rows = [
        ...mailAccess(20, start, MIN, { UserId: rogueApp, MailboxOwnerUPN: 'ceo@contoso.com', AppId: rogueApp, IsThrottled: false }),
        ...mailAccess(2, start + 30 * MIN, MIN, { Id: undefined, UserId: rogueApp, MailboxOwnerUPN: 'ceo@contoso.com', AppId: rogueApp, IsThrottled: true }),
      ];
      const [f] = findingsOf('mail-access-throttled', tables({ AuditLogs: rows }));
      assert.equal(f!.title, 'Audit blind spot: MailItemsAccessed throttled for ceo@contoso.com from 2024-03-05T10:30:00Z');
      assert.equal(f!.end! - f!.start!, 24 * 3600_000);
      assert.equal(evidenceIds(f!).length, 2);
      assert.match(f!.description, /stops writing them for the next 24 hours, until 2024-03-06T10:30:00Z/);
      assert.equal(f!.baseScore, 70);
    });

    it('reports volume near the 1000-record limit, and nothing below it', () => {
      const near = mailAccess(850, at('2024-03-05T00:00:00'), MIN, { UserId: 'x@contoso.com', MailboxOwnerUPN: 'ceo@contoso.com' });
      const fs = findingsOf('mail-access-throttled', tables({ AuditLogs: near }));
      assert.equal(fs.length, 1);
      assert.equal(fs[0]!.details.records, 850);
      const below = mailAccess(700, at('2024-03-05T00:00:00'), MIN, { UserId: 'x@contoso.com', MailboxOwnerUPN: 'ceo@contoso.com' });
      assert.deepEqual(findingsOf('mail-access-throttled', tables({ AuditLogs: below })), []);
    });
  });
});
