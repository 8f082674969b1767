import { strict as assert } from 'node:assert';
import { columnNames } from '../../../src/core/schema';
import { findPermission, findPermissionsById, mailPermissions } from '../../../src/core/tenant/catalogue/permissions';
import { findRbacApplicationRole, rbacApplicationRoles } from '../../../src/core/tenant/catalogue/rbacRoles';
import { exchangeOnlineAppId, graphAppId } from '../../../src/core/tenant/catalogue/resources';
import { replayAuditLogColumns, replayDirectoryAuditColumns } from '../../../src/core/tenant/replay/rows';

describe('tenant permission catalogue', () => {
  it('application access policies restrict exactly the permissions seed 001 lists', () => {
    const restrictable = mailPermissions.filter((p) => p.policyRestrictable).map((p) => `${p.resourceAppId === graphAppId ? 'G' : 'X'}:${p.value}`).sort();
    assert.deepEqual(restrictable, [
      'G:Calendars.Read', 'G:Calendars.ReadWrite', 'G:Contacts.Read', 'G:Contacts.ReadWrite', 'G:Mail.Read', 'G:Mail.ReadBasic', 'G:Mail.ReadBasic.All',
      'G:Mail.ReadWrite', 'G:Mail.Send', 'G:MailboxSettings.Read', 'G:MailboxSettings.ReadWrite', 'X:full_access_as_app',
    ]);
    assert.ok(mailPermissions.filter((p) => p.policyRestrictable).every((p) => p.kind === 'application'));
  });

  it('ids are GUIDs, unique within a resource and kind, and looked up both ways', () => {
    const seen = new Set<string>();
    for (const p of mailPermissions) {
      if (!p.id) continue;
      assert.match(p.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const key = `${p.resourceAppId}|${p.kind}|${p.id}`;
      assert.ok(!seen.has(key), `duplicate id ${key}`);
      seen.add(key);
      assert.ok(findPermissionsById(p.id).includes(p));
    }
    assert.equal(findPermission(graphAppId, 'application', 'mail.read')?.id, '810c84a8-4a9e-49e6-bf7d-12d183f40d01');
    assert.equal(findPermission(exchangeOnlineAppId, 'application', 'full_access_as_app')?.id, 'dc890d15-9560-4a4c-9b7f-a736ec74ec40');
  });

  it('IMAP/POP/SMTP app permissions need the Exchange service principal\'s mailbox permission', () => {
    for (const v of ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp']) {
      assert.equal(findPermission(exchangeOnlineAppId, 'application', v)?.needsExchangeServicePrincipalPermission, true);
    }
  });

  it('RBAC-for-Applications roles are seed 003\'s table', () => {
    assert.deepEqual(rbacApplicationRoles.map((r) => r.name), [
      'Application Mail.Read', 'Application Mail.ReadBasic', 'Application Mail.ReadWrite', 'Application Mail.Send',
      'Application MailboxSettings.Read', 'Application MailboxSettings.ReadWrite', 'Application Calendars.Read', 'Application Calendars.ReadWrite',
      'Application Contacts.Read', 'Application Contacts.ReadWrite', 'Application Mail Full Access', 'Application Exchange Full Access',
      'Application EWS.AccessAsApp',
    ]);
    assert.deepEqual(findRbacApplicationRole('application exchange full access')?.rights, ['read', 'readWrite', 'send', 'settings', 'calendars', 'contacts']);
    // Each Graph-protocol role's rights are the union of its permissions' rights.
    for (const r of rbacApplicationRoles.filter((x) => x.protocol === 'MS Graph')) {
      const union = new Set(r.permissions.flatMap((v) => findPermission(graphAppId, 'application', v)!.rights));
      assert.deepEqual(new Set(r.rights), union, r.name);
    }
  });

  it('replay reads only columns the schema catalogue defines', () => {
    const audit = new Set(columnNames('AuditLogs'));
    for (const c of replayAuditLogColumns) assert.ok(audit.has(c), `AuditLogs.${c}`);
    const dir = new Set(columnNames('DirectoryAudits'));
    for (const c of replayDirectoryAuditColumns) assert.ok(dir.has(c), `DirectoryAudits.${c}`);
  });
});
