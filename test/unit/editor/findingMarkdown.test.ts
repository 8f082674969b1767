import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { findingMarkdown, remediationScript, scoreLines } from '../../../src/extension/findings/findingMarkdown';
import { FindingsSnapshot } from '../../../src/extension/findings/findingsSnapshot';
import { syntheticExports } from './syntheticExports';

const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** # head\n- item `code`';

function hostileFinding(): Finding {
  return {
    id: 'F-1', ruleId: 'delegation-granted', title: hostile, severity: 'high', score: 75, baseScore: 40,
    reasons: [{ points: 30, text: hostile }, { points: 10, text: 'night' }, { points: -5, text: 'known admin' }],
    techniques: [{ id: 'T1098.002', name: 'Additional Email Delegate Permissions' }], description: hostile, stage: 'grant',
    evidence: [{ table: 'AuditLogs', ids: ['id-1', hostile], rows: [0, 1] }], start: Date.UTC(2024, 2, 5, 1), end: Date.UTC(2024, 2, 5, 2),
    mailbox: hostile, actor: 'admin@contoso.com', app: '', grantee: hostile, related: [],
    remediation: [{ title: 'Remove it', powershell: 'Remove-MailboxPermission -Identity "x" ```\n# not closing' }],
    references: [], details: { folder: hostile, count: 3, list: ['a', hostile] },
  };
}

describe('finding Markdown (hover and tooltip)', () => {
  it('shows attacker-controlled text as text: no link, no HTML, no heading, no emphasis from the data', () => {
    // Without the remediation: its code block may hold any text (a fence keeps it code).
    const md = findingMarkdown(hostileFinding());
    assert.ok(!md.includes('](command:'), 'no command link');
    assert.ok(!/<img/i.test(md), 'no HTML tag');
    assert.ok(!md.split('\n').some((l) => /^#/.test(l)), 'no heading line');
    assert.ok(!md.includes('**bold**'), 'no emphasis from the data');
    assert.ok(md.includes('&lt;img'), 'the tag shows as text');
  });

  it('says why it scored as it did: the base score and each reason add up to the score', () => {
    const f = hostileFinding();
    const lines = scoreLines(f);
    assert.equal(lines[0], '- +40 base score of the rule');
    assert.ok(lines.includes('- +10 night'));
    assert.ok(lines.includes('- \u22125 known admin'));
    assert.equal(f.baseScore + f.reasons.reduce((n, r) => n + r.points, 0), f.score);
    assert.match(lines[lines.length - 1]!, /score 75 .* high/);
  });

  it('keeps the remediation in a code block its own backticks cannot close', () => {
    const md = findingMarkdown(hostileFinding(), { remediation: true });
    assert.ok(md.includes('````powershell\nRemove-MailboxPermission'));
    assert.equal(remediationScript(hostileFinding()), '# Remove it\nRemove-MailboxPermission -Identity "x" ```\n# not closing');
  });

  it('lists evidence records with file and line, the story, and how many more there are', async function () {
    this.timeout(120_000);
    const { dataset, result } = await syntheticExports();
    const snapshot = new FindingsSnapshot(result, dataset, { maxDiagnosticsPerFinding: 1 });
    const member = result.findings.find((f) => snapshot.storyOf(f.id) && f.evidence.reduce((n, e) => n + e.rows.length, 0) > 3)!;
    assert.ok(member, 'a story member with more than three evidence records');
    const locations = snapshot.locations(member.id);
    const md = findingMarkdown(member, { story: snapshot.storyOf(member.id), evidence: locations, evidenceLimit: 3 });
    const first = locations[0]!;
    assert.ok(md.includes(`:${first.line})`), md);
    assert.ok(md.includes('**Story**'));
    assert.ok(md.includes(`and ${locations.length - 3} more`), md);
  });
});
