import * as assert from 'node:assert/strict';
import { markAsExpected, parseSuppressions, runFindingsSync, suppressionMatches, type Finding } from '../../../src/core/findings';
import { at, tables } from './support/tables';

function grants() {
  const base = { Operation: 'Add-MailboxPermission', UserId: 'admin@contoso.com', AccessRights: 'FullAccess', Automapping: true };
  return tables({
    AuditLogs: [
      { ...base, Id: 'g1', Time: at('2024-03-05T10:00:00'), TargetMailbox: 'sales@contoso.com', Grantee: 'bob@contoso.com' },
      { ...base, Id: 'g2', Time: at('2024-03-05T11:00:00'), TargetMailbox: 'sales@contoso.com', Grantee: 'ann@contoso.com' },
      { ...base, Id: 'g3', Time: at('2024-03-05T12:00:00'), TargetMailbox: 'cfo@contoso.com', Grantee: 'bob@contoso.com' },
    ],
  });
}

const finding = (over: Partial<Finding>): Finding => ({
  id: 'F-1', ruleId: 'delegation-granted', title: '', severity: 'low', score: 30, baseScore: 30, reasons: [], techniques: [], description: '',
  stage: 'grant', evidence: [], start: 0, end: 0, mailbox: 'sales@contoso.com', actor: 'admin@contoso.com', app: '', grantee: 'bob@contoso.com',
  related: [], remediation: [], references: [], details: {}, ...over,
});

describe('findings suppressions', () => {
  it('validates entries and reports the bad ones without throwing', () => {
    const { file, errors } = parseSuppressions({
      version: 1,
      suppressions: [
        { findingId: 'F-1', reason: 'expected' },
        { ruleId: 'delegation-granted', grantee: 'bob@contoso.com', reason: 'assistant' },
        { ruleId: 'delegation-granted', reason: 'too broad' },
        { findingId: 'F-2' },
        { findingId: 'F-3', reason: 'x', expires: 'soon' },
        'nonsense',
        { findingId: 42, reason: 'x' },
      ],
    });
    assert.equal(file.suppressions.length, 2);
    assert.deepEqual(errors, [
      'entry 2: a ruleId suppression needs at least one of mailbox, actor, app, grantee',
      'entry 3: a reason is required',
      'entry 4: expires is not a date',
      'entry 5: not an object',
      'entry 6: findingId must be a string',
    ]);
    assert.deepEqual(parseSuppressions('{}').errors, ['the file has no "suppressions" array']);
    assert.deepEqual(parseSuppressions(undefined).file.suppressions, []);
  });

  it('matches by finding id, by entity patterns without case, and stops after expiry', () => {
    const f = finding({});
    assert.ok(suppressionMatches({ findingId: 'F-1', reason: 'r' }, f, 0));
    assert.ok(!suppressionMatches({ findingId: 'F-2', reason: 'r' }, f, 0));
    assert.ok(suppressionMatches({ ruleId: 'delegation-granted', grantee: 'BOB@contoso.com', reason: 'r' }, f, 0));
    assert.ok(suppressionMatches({ ruleId: '*', mailbox: '*@contoso.com', reason: 'r' }, f, 0));
    assert.ok(!suppressionMatches({ ruleId: 'audit-tampering', grantee: 'bob@contoso.com', reason: 'r' }, f, 0));
    assert.ok(!suppressionMatches({ ruleId: 'delegation-granted', grantee: 'bob@contoso.com', mailbox: 'cfo@contoso.com', reason: 'r' }, f, 0));
    assert.ok(suppressionMatches({ ruleId: 'delegation-granted', grantee: 'bob@contoso.com', reason: 'r' }, finding({ grantee: 'ann@contoso.com,bob@contoso.com' }), 0));
    const expiring = { findingId: 'F-1', reason: 'r', expires: '2024-03-01T00:00:00Z' };
    assert.ok(suppressionMatches(expiring, f, Date.parse('2024-02-01T00:00:00Z')));
    assert.ok(!suppressionMatches(expiring, f, Date.parse('2024-03-02T00:00:00Z')));
    assert.ok(!suppressionMatches({ ruleId: 'delegation-granted', grantee: 'b.*@contoso.com', reason: 'r' }, f, 0), 'pattern text is not a regular expression');
  });

  it('"Mark as expected" writes a suppression the next run honours', () => {
    const t = grants();
    const first = runFindingsSync(t);
    assert.equal(first.findings.length, 3);
    const target = first.findings.find((f) => f.grantee === 'ann@contoso.com')!;
    const file = markAsExpected(undefined, target, 'Ann covers the sales queue', { createdBy: 'analyst', createdAt: '2024-03-06T09:00:00Z' });
    assert.deepEqual(file, { version: 1, suppressions: [{ reason: 'Ann covers the sales queue', findingId: target.id, ruleId: 'delegation-granted', createdBy: 'analyst', createdAt: '2024-03-06T09:00:00Z' }] });
    const second = runFindingsSync(t, { suppressions: JSON.parse(JSON.stringify(file)) });
    assert.equal(second.findings.length, 2);
    assert.equal(second.suppressed.length, 1);
    assert.equal(second.suppressed[0]!.finding.id, target.id);
    assert.equal(second.suppressed[0]!.suppression.reason, 'Ann covers the sales queue');
    assert.equal(second.tables.Findings.numRows(), 2);
  });

  it('an entity-scoped mark quiets every finding of the rule for that grantee and mailbox', () => {
    const t = grants();
    const target = runFindingsSync(t).findings.find((f) => f.grantee === 'bob@contoso.com' && f.mailbox === 'sales@contoso.com')!;
    const file = markAsExpected(undefined, target, 'Bob runs sales', { scope: 'entities' });
    const res = runFindingsSync(t, { suppressions: file });
    assert.deepEqual(res.findings.map((f) => `${f.grantee} ${f.mailbox}`).sort(), ['ann@contoso.com sales@contoso.com', 'bob@contoso.com cfo@contoso.com']);
    assert.throws(() => markAsExpected(file, target, '  '), /reason is required/);
  });

  it('reports invalid suppression entries in the result', () => {
    const res = runFindingsSync(grants(), { suppressions: { suppressions: [{ findingId: 'x' }] } });
    assert.deepEqual(res.suppressionErrors, ['entry 0: a reason is required']);
    assert.equal(res.findings.length, 3);
  });
});
