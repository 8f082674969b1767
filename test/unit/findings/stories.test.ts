import * as assert from 'node:assert/strict';
import { runFindingsSync } from '../../../src/core/findings';
import { at, mailAccess, tables } from './support/tables';

const MIN = 60_000;

function attack() {
  const t0 = at('2024-03-05T22:00:00');
  return tables({
    AuditLogs: [
      { Id: 'grant', Time: t0, Operation: 'Add-MailboxPermission', UserId: 'admin2@contoso.com', TargetMailbox: 'cfo@contoso.com', Grantee: 'eve@contoso.com', AccessRights: 'FullAccess', Automapping: false },
      ...mailAccess(60, t0 + 30 * MIN, 20_000, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated', ItemCount: 12 }),
      { Id: 'tamper', Time: t0 + 3 * 3600_000, Operation: 'Set-Mailbox', UserId: 'admin2@contoso.com', Parameters: { Identity: 'cfo@contoso.com', AuditEnabled: 'False' } },
      { Id: 'benign', Time: at('2024-03-05T10:00:00'), Operation: 'Add-MailboxPermission', UserId: 'admin@contoso.com', TargetMailbox: 'sales@contoso.com', Grantee: 'bob@contoso.com', AccessRights: 'FullAccess', Automapping: true },
    ],
  });
}

describe('findings stories', () => {
  it('chains grant -> first access -> burst -> tampering into one story with its members, span and evidence', () => {
    const res = runFindingsSync(attack());
    assert.equal(res.stories.length, 1);
    const [s] = res.stories;
    assert.deepEqual(s!.stages, ['grant', 'access', 'collection', 'tampering']);
    const members = s!.memberIds.map((id) => res.findings.find((f) => f.id === id)!);
    assert.deepEqual(members.map((m) => m.ruleId).sort(), ['audit-tampering', 'delegation-granted', 'mail-access-burst', 'mail-access-non-owner']);
    assert.ok(!members.some((m) => m.evidence[0]!.ids.includes('benign')));
    assert.equal(s!.start, at('2024-03-05T22:00:00'));
    assert.equal(s!.end, at('2024-03-06T01:00:00'));
    assert.equal(s!.actor, 'eve@contoso.com');
    assert.equal(s!.mailbox, 'cfo@contoso.com');
    const ids = s!.evidence.flatMap((e) => e.ids);
    assert.equal(ids.length, 62);
    assert.ok(ids.includes('grant') && ids.includes('tamper'));
    const top = Math.max(...members.map((m) => m.score));
    assert.equal(s!.score, Math.min(100, top + 15));
    assert.equal(s!.ruleId, 'story');
    const storyCol = res.tables.Findings.array('StoryId') as string[];
    assert.equal(storyCol.filter((x) => x === s!.id).length, 4);
  });

  it('does not chain unrelated findings, or findings further apart than the window', () => {
    const t0 = at('2024-03-01T10:00:00');
    const t = tables({
      AuditLogs: [
        { Id: 'grant', Time: t0, Operation: 'Add-MailboxPermission', UserId: 'admin@contoso.com', TargetMailbox: 'cfo@contoso.com', Grantee: 'eve@contoso.com', AccessRights: 'FullAccess' },
        ...mailAccess(3, t0 + 20 * 24 * 3600_000, MIN, { UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated' }),
        ...mailAccess(3, t0 + 3600_000, MIN, { UserId: 'mallory@contoso.com', MailboxOwnerUPN: 'ceo@contoso.com', LogonType: 'Delegated' }),
      ],
    });
    const res = runFindingsSync(t);
    assert.equal(res.findings.length, 3);
    assert.deepEqual(res.stories, []);
    assert.equal(runFindingsSync(t, { settings: { storyWindowDays: 30 } }).stories.length, 1);
  });

  it('keeps the same ids on every run of the same data', () => {
    const data = attack();
    const a = runFindingsSync(data);
    const b = runFindingsSync(data);
    assert.deepEqual(a.findings.map((f) => f.id), b.findings.map((f) => f.id));
    assert.deepEqual(a.stories.map((s) => s.id), b.stories.map((s) => s.id));
    assert.ok(a.findings.every((f) => /^F-[0-9a-f]{16}$/.test(f.id)));
  });
});
