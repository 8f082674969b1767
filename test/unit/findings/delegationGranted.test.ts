import * as assert from 'node:assert/strict';
import { at, tables } from './support/tables';
import { evidenceIds, findingsOf, points, reasonTexts } from './support/run';

const admin = 'admin@contoso.com';

function grant(fields: Record<string, unknown>): Record<string, unknown> {
  return { Operation: 'Add-MailboxPermission', RecordType: 'ExchangeAdmin', Workload: 'Exchange', ResultStatus: 'Succeeded', UserId: admin, UserType: 'Admin', ...fields };
}

describe('findings rule: delegation-granted', () => {
  it('reports FullAccess with Automapping off to a guest at night, with every reason', () => {
    const t = tables({
      AuditLogs: [
        grant({
          Id: 'g1', Time: at('2024-03-09T02:10:00'), TargetMailbox: 'cfo@contoso.com', Grantee: 'mallory_evil.com#EXT#@contoso.onmicrosoft.com',
          AccessRights: 'FullAccess', Automapping: false, Parameters: { Identity: 'cfo@contoso.com', User: 'mallory_evil.com#EXT#@contoso.onmicrosoft.com', AccessRights: 'FullAccess', AutoMapping: 'False' },
        }),
      ],
    });
    const [f, ...rest] = findingsOf('delegation-granted', t, { settings: { vipMailboxes: ['cfo@contoso.com'] } });
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.deepEqual(evidenceIds(f), ['g1']);
    assert.equal(f.stage, 'grant');
    assert.equal(f.mailbox, 'cfo@contoso.com');
    assert.equal(f.grantee, 'mallory_evil.com#EXT#@contoso.onmicrosoft.com');
    assert.equal(f.actor, admin);
    assert.equal(points(f, /guest account/), 25);
    assert.equal(points(f, /Automapping is off/), 15);
    assert.equal(points(f, /at the weekend/), 10);
    assert.equal(points(f, /VIP mailbox/), 15);
    assert.equal(f.score, 35 + 25 + 15 + 10 + 15);
    assert.equal(f.severity, 'critical');
    assert.equal(f.techniques[0]!.id, 'T1098.002');
    assert.match(f.remediation[0]!.powershell, /^Remove-MailboxPermission -Identity 'cfo@contoso.com' -User 'mallory_evil.com#EXT#@contoso.onmicrosoft.com' -AccessRights 'FullAccess'/);
  });

  it('scores a business-hours grant to an established colleague low', () => {
    const t = tables({
      AuditLogs: [grant({ Time: at('2024-03-05T10:00:00'), TargetMailbox: 'sales@contoso.com', Grantee: 'bob@contoso.com', AccessRights: 'FullAccess', Automapping: true })],
    });
    const [f] = findingsOf('delegation-granted', t);
    assert.equal(f!.severity, 'low');
    assert.equal(f!.score, 35);
    assert.deepEqual(f!.reasons, []);
  });

  it('raises a grantee account created days before, and carries its creation record as evidence', () => {
    const t = tables({
      AuditLogs: [
        { Id: 'u1', Time: at('2024-03-04T21:00:00'), Operation: 'Add user', RecordType: 'AzureActiveDirectory', ResultStatus: 'Succeeded', UserId: admin, ObjectId: 'temp.contractor@contoso.com' },
        grant({ Id: 'g2', Time: at('2024-03-05T11:00:00'), TargetMailbox: 'cfo@contoso.com', Grantee: 'temp.contractor@contoso.com', AccessRights: 'FullAccess', Automapping: true }),
      ],
    });
    const [f] = findingsOf('delegation-granted', t);
    assert.equal(points(f!, /created less than a day before/), 20);
    assert.deepEqual(evidenceIds(f!).sort(), ['g2', 'u1']);
  });

  it('does not raise accounts created in a provisioning batch', () => {
    const users = Array.from({ length: 12 }, (_, i) => ({
      Time: at('2024-03-04T08:00:00') + i * 60_000, Operation: 'Add user', RecordType: 'AzureActiveDirectory', ResultStatus: 'Succeeded', UserId: admin, ObjectId: `user${i}@contoso.com`,
    }));
    const t = tables({ AuditLogs: [...users, grant({ Time: at('2024-03-04T10:00:00'), TargetMailbox: 'sales@contoso.com', Grantee: 'user3@contoso.com', AccessRights: 'FullAccess', Automapping: true })] });
    const [f] = findingsOf('delegation-granted', t);
    assert.equal(points(f!, /created/), 0);
    assert.ok(reasonTexts(f!).some((r) => /provisioning batch of 12 accounts/.test(r)));
  });

  it('excludes Exchange\'s own Discovery Management grant on DiscoverySearchMailbox', () => {
    const dn = 'NAMPR10A011.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com';
    const t = tables({
      AuditLogs: [grant({
        UserId: 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)', UserType: 'DcAdmin', Time: at('2024-03-05T10:00:00'),
        TargetMailbox: `${dn}/DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}`, Grantee: `${dn}/Discovery Management`, AccessRights: 'FullAccess',
      })],
    });
    assert.deepEqual(findingsOf('delegation-granted', t), []);
  });

  it('ignores removals, send-on-behalf removals and group-mailbox placeholders', () => {
    const t = tables({
      AuditLogs: [
        grant({ Operation: 'Remove-MailboxPermission', Time: at('2024-03-05T10:00:00'), TargetMailbox: 'a@contoso.com', Grantee: 'b@contoso.com', AccessRights: 'FullAccess' }),
        grant({ Operation: 'Set-Mailbox', Time: at('2024-03-05T10:01:00'), TargetMailbox: 'a@contoso.com', Grantee: '@{Remove="b@contoso.com"}', AccessRights: 'SendOnBehalf', Parameters: { Identity: 'a@contoso.com', GrantSendOnBehalfTo: '@{Remove="b@contoso.com"}' } }),
        grant({ Operation: 'ModifyFolderPermissions', RecordType: 'ExchangeItem', UserId: 'S-1-5-18', Time: at('2024-03-05T10:02:00'), TargetMailbox: 'team@contoso.com', Grantee: 'Member@local', AccessRights: 'ReadAny', ClientInfoString: 'Client=WebServices;Action=ConfigureGroupMailbox' }),
      ],
    });
    assert.deepEqual(findingsOf('delegation-granted', t), []);
  });

  it('undoes SendOnBehalf and SendAs with their own cmdlets and quotes identities safely', () => {
    const t = tables({
      AuditLogs: [
        grant({ Operation: 'Set-Mailbox', Time: at('2024-03-05T10:00:00'), TargetMailbox: "o'brien@contoso.com", Grantee: "x'; Remove-Mailbox -Identity * #", AccessRights: 'SendOnBehalf', Parameters: { GrantSendOnBehalfTo: "@{Add=\"x'; Remove-Mailbox -Identity * #\"}" } }),
        grant({ Operation: 'Add-RecipientPermission', Time: at('2024-03-05T10:05:00'), TargetMailbox: 'ceo@contoso.com', Grantee: 'eve@contoso.com', AccessRights: 'SendAs' }),
      ],
    });
    const fs = findingsOf('delegation-granted', t);
    const sob = fs.find((f) => f.title.startsWith('SendOnBehalf'))!;
    assert.equal(sob.remediation[0]!.powershell, "Set-Mailbox -Identity 'o''brien@contoso.com' -GrantSendOnBehalfTo @{remove='x''; Remove-Mailbox -Identity * #'}");
    const sendAs = fs.find((f) => f.title.startsWith('SendAs'))!;
    assert.equal(sendAs.remediation[0]!.powershell, "Remove-RecipientPermission -Identity 'ceo@contoso.com' -Trustee 'eve@contoso.com' -AccessRights SendAs -Confirm:$false");
  });

  it('raises a grant to an Exchange service principal (IMAP/POP app access)', () => {
    const appId = '6db1e0bd-8246-437a-bd45-0a5d0d6cafa0';
    const t = tables({
      AuditLogs: [
        grant({ Operation: 'New-ServicePrincipal', Time: at('2024-03-05T09:00:00'), Parameters: { AppId: appId, ObjectId: 'b5f7c9d1-0000-4000-8000-000000000001', DisplayName: 'Scan Relay' } }),
        grant({ Time: at('2024-03-05T09:05:00'), TargetMailbox: 'scans@contoso.com', Grantee: 'b5f7c9d1-0000-4000-8000-000000000001', AccessRights: 'FullAccess', Automapping: true }),
      ],
    });
    const [f] = findingsOf('delegation-granted', t);
    assert.equal(points(f!, /Exchange service principal/), 20);
  });

  it('scores free/busy calendar sharing as informational', () => {
    const t = tables({
      AuditLogs: [grant({ Operation: 'Add-MailboxFolderPermission', Time: at('2024-03-05T10:00:00'), TargetMailbox: 'a@contoso.com', Grantee: 'b@contoso.com', AccessRights: 'AvailabilityOnly', Parameters: { Identity: 'a@contoso.com:\\Calendar', User: 'b@contoso.com', AccessRights: 'AvailabilityOnly' } })],
    });
    const [f] = findingsOf('delegation-granted', t);
    assert.equal(f!.severity, 'informational');
    assert.equal(f!.details.folder, 'Calendar');
    assert.equal(f!.remediation[0]!.powershell, "Remove-MailboxFolderPermission -Identity 'a@contoso.com:\\Calendar' -User 'b@contoso.com' -Confirm:$false");
  });
});
