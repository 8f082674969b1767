import * as assert from 'node:assert/strict';
import { DatasetLoader } from '../../../src/core/ingest';
import { at, mailAccess, tables } from './support/tables';
import { evidenceIds, findingsOf, points } from './support/run';

const MIN = 60_000;
const DAY = 24 * 3600_000;
const user = 'elena@contoso.com';

/** Two sign-ins a day for `days` days from the office address in the US. */
function history(days: number, start: number): Record<string, unknown>[] {
  return Array.from({ length: days * 2 }, (_, i) => ({
    Time: start + Math.floor(i / 2) * DAY + (i % 2) * 4 * 3600_000, UserPrincipalName: user, IpAddress: '192.0.2.10', Country: 'US',
    ClientAppUsed: 'Browser', AppDisplayName: 'One Outlook Web', ErrorCode: 0, ResultStatus: 'Succeeded',
  }));
}

describe('findings rule: signin-context', () => {
  it('joins a sign-in from a new country and address to the mail read from it, across sessions', () => {
    const start = at('2024-03-01T09:00:00');
    const t0 = start + 6 * DAY;
    const t = tables({
      SignIns: [
        ...history(6, start),
        { Id: 'fail', Time: t0 - 3 * MIN, UserPrincipalName: user, IpAddress: '113.161.128.196', Country: 'VN', ClientAppUsed: 'Browser', ErrorCode: 50126, ResultStatus: 'Failed' },
        { Id: 'ok', Time: t0, UserPrincipalName: user, IpAddress: '113.161.128.196', Country: 'VN', ClientAppUsed: 'Browser', ErrorCode: 0, RiskLevel: 'medium' },
      ],
      AuditLogs: [
        ...mailAccess(5, t0 + MIN, MIN, { Id: undefined, UserId: user, MailboxOwnerUPN: user, ClientIp: '113.161.128.196', ItemCount: 30, AppId: '00000002-0000-0ff1-ce00-000000000000' }),
        ...mailAccess(2, t0 + 2 * DAY, MIN, { UserId: user, MailboxOwnerUPN: user, ClientIp: '113.161.128.196' }),
        ...mailAccess(4, t0 + MIN, MIN, { UserId: user, MailboxOwnerUPN: user, ClientIp: '192.0.2.10' }),
      ],
    });
    const [f, ...rest] = findingsOf('signin-context', t);
    assert.equal(rest.length, 0);
    assert.equal(f!.actor, user);
    assert.equal(points(f!, /new country: VN/), 20);
    assert.equal(points(f!, /risk medium/), 15);
    assert.equal(points(f!, /1 failed sign-in/), 10);
    assert.equal(points(f!, /hundred items/), 5);
    assert.equal(f!.details.sessions, 2);
    assert.deepEqual(f!.evidence.map((e) => [e.table, e.ids.length]), [['SignIns', 2], ['AuditLogs', 7]]);
    assert.ok(evidenceIds(f!).includes('fail') && evidenceIds(f!).includes('ok'));
    assert.equal(f!.score, 80);
    assert.equal(f!.severity, 'high');
  });

  it('needs history before calling an address new, and ignores private addresses and app access', () => {
    const start = at('2024-03-01T09:00:00');
    const t = tables({
      SignIns: [
        { Time: start, UserPrincipalName: 'new@contoso.com', IpAddress: '198.51.100.1', Country: 'FR', ErrorCode: 0 },
        ...history(6, start),
        { Time: start + 7 * DAY, UserPrincipalName: user, IpAddress: '10.1.2.3', Country: 'US', ErrorCode: 0 },
      ],
      AuditLogs: [
        ...mailAccess(3, start + MIN, MIN, { UserId: 'new@contoso.com', MailboxOwnerUPN: 'new@contoso.com', ClientIp: '198.51.100.1' }),
        ...mailAccess(3, start + 7 * DAY + MIN, MIN, { UserId: user, MailboxOwnerUPN: user, ClientIp: '10.1.2.3' }),
        ...mailAccess(3, start + 7 * DAY + MIN, MIN, { UserId: user, MailboxOwnerUPN: user, ClientIp: '203.0.113.50', AppId: '69ee2435-ed5d-4364-a7bc-165f02f2a787' }),
      ],
    });
    assert.deepEqual(findingsOf('signin-context', t), []);
  });

  it('reports a mailbox client from a new address even with no mail access in the data', () => {
    const start = at('2024-03-01T09:00:00');
    const t = tables({
      SignIns: [...history(6, start), { Id: 'imap', Time: start + 6 * DAY + 3600_000, UserPrincipalName: user, IpAddress: '203.0.113.9', Country: 'US', ClientAppUsed: 'IMAP4', ErrorCode: 0 }],
    });
    const [f] = findingsOf('signin-context', t);
    assert.equal(points(f!, /mailbox or legacy client: IMAP4/), 15);
    assert.deepEqual(evidenceIds(f!), ['imap']);
  });
});

describe('findings rule: suspicious-inbox-rule', () => {
  function rule(id: string, time: number, actor: string, parameters: Record<string, string>): Record<string, unknown> {
    return { Id: id, Time: time, Operation: 'New-InboxRule', RecordType: 'ExchangeAdmin', ResultStatus: 'Succeeded', UserId: actor, Parameters: parameters, ObjectId: `EURPR07/contoso.onmicrosoft.com/guid\\${parameters.Name ?? ''}` };
  }

  it('groups one actor\'s short-named rules into one finding with every record and a removal per rule name', () => {
    const start = at('2024-09-26T01:40:00');
    const names = ['f', 'l', 'a', 'g', '{', 'f'];
    const t = tables({ AuditLogs: names.map((n, i) => rule(`r${i}`, start + i * 30_000, 'DebraB@contoso.OnMicrosoft.com', { Name: n, From: 'flag@ctf.com', MoveToFolder: 'Conversation History', MarkAsRead: 'True', StopProcessingRules: 'True' })) });
    const [f, ...rest] = findingsOf('suspicious-inbox-rule', t);
    assert.equal(rest.length, 0);
    assert.deepEqual(evidenceIds(f!), ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    assert.equal(points(f!, /short or symbol-only/), 15);
    assert.equal(points(f!, /Conversation History/), 15);
    assert.equal(points(f!, /6 rule changes/), 10);
    assert.deepEqual(f!.details.from, ['flag@ctf.com']);
    assert.equal(f!.remediation.filter((r) => r.powershell.startsWith('Remove-InboxRule')).length, 5);
    assert.equal(f!.techniques[0]!.id, 'T1564.008');
  });

  it('raises forwarding outside the tenant and quotes the rule name for removal', () => {
    const t = tables({
      AuditLogs: [
        mailAccess(1, at('2024-03-05T10:00:00'), 1, { UserId: 'ann@contoso.com', MailboxOwnerUPN: 'ann@contoso.com' })[0]!,
        rule('fwd', at('2024-03-05T10:05:00'), 'ann@contoso.com', { Name: "Ann's invoices", ForwardTo: 'accounts.payable@contoso-billing.co', SubjectContainsWords: 'invoice' }),
      ],
    });
    const [f] = findingsOf('suspicious-inbox-rule', t);
    assert.equal(points(f!, /outside the tenant/), 30);
    assert.equal(points(f!, /invoice/), 10);
    assert.equal(f!.techniques[0]!.id, 'T1114.003');
    assert.equal(f!.remediation[0]!.powershell, "Remove-InboxRule -Mailbox 'ann@contoso.com' -Identity 'Ann''s invoices' -Confirm:$false");
  });

  it('ignores an ordinary filing rule, and an owner\'s own UpdateInboxRules', () => {
    const t = tables({
      AuditLogs: [
        rule('ok', at('2024-03-05T10:00:00'), 'bob@contoso.com', { Name: 'Newsletters', From: 'news@industry-weekly.com', MoveToFolder: 'Newsletters' }),
        { Operation: 'UpdateInboxRules', Time: at('2024-03-05T10:00:00'), UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com', LogonType: 'Owner' },
      ],
    });
    assert.deepEqual(findingsOf('suspicious-inbox-rule', t), []);
  });

  it('reports inbox rules changed by someone else', () => {
    const t = tables({ AuditLogs: [{ Id: 'u', Operation: 'UpdateInboxRules', Time: at('2024-03-05T10:00:00'), UserId: 'eve@contoso.com', MailboxOwnerUPN: 'cfo@contoso.com', LogonType: 'Delegated' }] });
    const [f] = findingsOf('suspicious-inbox-rule', t);
    assert.equal(f!.mailbox, 'cfo@contoso.com');
    assert.equal(points(f!, /changed rules of another mailbox/), 15);
  });
});

describe('findings rule: suspicious-inbox-rule reads Outlook rule changes', () => {
  it('judges an UpdateInboxRules by the rule in its OperationProperties, as loaded', async () => {
    const record = (id: string, name: string, actions: unknown[], condition: string): string => JSON.stringify({
      CreationTime: '2024-03-05T22:10:00', Id: id, Operation: 'UpdateInboxRules', RecordType: 2, ResultStatus: 'Succeeded', Workload: 'Exchange',
      UserId: 'pat@contoso.com', MailboxOwnerUPN: 'pat@contoso.com', LogonType: 0, ClientIP: '203.0.113.7',
      OperationProperties: [
        { Name: 'RuleOperation', Value: 'AddMailboxRule' }, { Name: 'RuleName', Value: name }, { Name: 'RuleCondition', Value: condition },
        { Name: 'RuleActions', Value: JSON.stringify(actions) },
      ],
    });
    const loader = new DatasetLoader();
    const lines = [
      record('u1', '.', [{ ActionType: 'Forward', Recipients: ['drop@evil.example'], ForwardFlags: 'None' }, { ActionType: 'Delete' }], '{(SubString IgnoreCase(SubjectProperty)=invoice)}'),
      record('u2', 'Newsletters', [{ ActionType: 'Tag' }], '{(Exists(ItemClass))}'),
    ];
    await loader.load({ name: 'outlook-rules.jsonl', async *open() { yield Buffer.from(lines.join('\n')); } });
    const fs = findingsOf('suspicious-inbox-rule', loader.finish().tables);
    assert.equal(fs.length, 1);
    const [f] = fs;
    assert.deepEqual(evidenceIds(f!), ['u1']);
    assert.deepEqual(f!.details.forwardTo, ['drop@evil.example']);
    assert.deepEqual(f!.details.names, ['.']);
    assert.ok(f!.reasons.some((r) => /deletes the matching mail/.test(r.text)));
    assert.ok(f!.reasons.some((r) => /invoice/.test(r.text)));
  });
});
