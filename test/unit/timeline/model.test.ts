import { strict as assert } from 'node:assert';
import { TimelineModel } from '../../../src/core/timeline';
import { runQuery } from '../../../src/core/query';
import type { Finding, Story } from '../../../src/core/findings';
import type { WindowRequest } from '../../../src/core/timeline';
import { at, reads, tables } from './support';

const HOUR = 3_600_000;
const T0 = at('2024-03-04T00:00:00');

function request(over: Partial<WindowRequest> = {}): WindowRequest {
  return { requestId: 1, from: T0, to: T0 + 24 * HOUR, buckets: 24, groupBy: 'actor', laneOffset: 0, laneLimit: 50, focusOnly: false, ...over };
}

const HOSTILE = '<img src=x onerror=window.__pwned=1>';

function dataset() {
  return tables({
    AuditLogs: [
      // alice reads her own mailbox: 10 reads between 01:00 and 01:45 (one throttled), 2 more at 05:00
      ...reads(10, T0 + HOUR, 5 * 60_000, { UserId: 'alice@contoso.com', MailboxOwnerUPN: 'alice@contoso.com' }),
      ...reads(2, T0 + 5 * HOUR, 60_000, { UserId: 'ALICE@contoso.com', MailboxOwnerUPN: 'Alice@Contoso.com', IsThrottled: true }),
      // an app reads the CEO mailbox
      ...reads(3, T0 + 2 * HOUR, 60_000, { UserId: 'app-sp', MailboxOwnerUPN: 'ceo@contoso.com', AppId: '11111111-2222-3333-4444-555555555555', LogonType: 'Application' }),
      {
        Id: 'grant-1', Time: T0 + 3 * HOUR, Operation: 'Add-MailboxPermission', UserId: 'admin@contoso.com', RecordType: 'ExchangeAdmin',
        Parameters: { Identity: HOSTILE, User: 'contractor@contoso.com', AccessRights: 'FullAccess', AutoMapping: 'False' },
        TargetMailbox: HOSTILE, Grantee: 'contractor@contoso.com', AccessRights: 'FullAccess', Automapping: false,
        SourceFile: 'exports/ual.jsonl', SourceLine: 42,
      },
      { Id: 'audit-off', Time: T0 + 4 * HOUR, Operation: 'Set-Mailbox', UserId: 'admin@contoso.com', Parameters: { Identity: 'ceo@contoso.com', AuditEnabled: 'False' }, TargetMailbox: 'ceo@contoso.com' },
      { Id: 'forward', Time: T0 + 4 * HOUR, Operation: 'Set-Mailbox', UserId: 'admin@contoso.com', Parameters: { Identity: 'ceo@contoso.com', ForwardingSmtpAddress: 'x@y' }, TargetMailbox: 'ceo@contoso.com' },
      { Id: 'consent-1', Time: T0 + 6 * HOUR, Operation: 'Consent to application.', UserId: 'admin@contoso.com', ObjectId: '11111111-2222-3333-4444-555555555555', Grantee: '11111111-2222-3333-4444-555555555555', AccessRights: 'Mail.Read' },
      { Id: 'send-1', Time: T0 + 6 * HOUR, Operation: 'Send', UserId: 'alice@contoso.com', MailboxOwnerUPN: 'alice@contoso.com' },
      { Id: 'scope-1', Time: T0 + 7 * HOUR, Operation: 'Set-ManagementScope', UserId: 'admin@contoso.com', TargetMailbox: 'IT scope' },
      { Id: 'export-1', Time: T0 + 8 * HOUR, Operation: 'SearchExported', UserId: 'admin@contoso.com' },
    ],
    SignIns: [
      { Id: 'si-1', Time: T0 + 30 * 60_000, UserPrincipalName: 'alice@contoso.com', AppId: 'aaaa', AppDisplayName: 'Outlook Mobile', ResultStatus: 'Succeeded', IpAddress: '1.2.3.4', Country: 'DE' },
      { Id: 'si-2', Time: T0 + 40 * 60_000, UserPrincipalName: 'alice@contoso.com', AppId: 'aaaa', AppDisplayName: 'Outlook Mobile', ResultStatus: 'Failed', ErrorCode: 50126 },
    ],
    DirectoryAudits: [
      { Id: 'da-1', Time: T0 + 6 * HOUR + 1000, Operation: 'Add app role assignment to service principal', InitiatedByUser: 'admin@contoso.com', TargetName: 'Microsoft Graph', TargetType: 'ServicePrincipal', ModifiedProperties: [{ Target: 'Microsoft Graph', Name: 'ServicePrincipal.AppId', NewValue: '"11111111-2222-3333-4444-555555555555"', OldValue: '' }] },
      { Id: 'da-2', Time: T0 + 9 * HOUR, Operation: 'Update user', InitiatedByUser: 'admin@contoso.com', TargetName: 'bob' },
    ],
  });
}

function finding(over: Partial<Finding>): Finding {
  return {
    id: 'F-1', ruleId: 'delegation-granted', title: 'FullAccess granted', severity: 'high', score: 75, baseScore: 60, reasons: [{ points: 15, text: 'AutoMapping off' }],
    techniques: [{ id: 'T1098.002', name: 'Additional Email Delegate Permissions' }], description: 'A FullAccess grant.', stage: 'grant',
    evidence: [], start: null, end: null, mailbox: '', actor: '', app: '', grantee: '', related: [], remediation: [], references: [], details: {}, ...over,
  };
}

describe('timeline model', function () {
  it('classifies markers from the operation catalogue and the record parameters', function () {
    const m = new TimelineModel(dataset());
    const w = m.window(request());
    const byLabel = (re: RegExp) => w.markers.filter((x) => re.test(x.label));
    assert.equal(byLabel(/^Add-MailboxPermission FullAccess → contractor@contoso.com on /)[0]?.kind, 'delegation');
    assert.equal(byLabel(/^Set-Mailbox/).length, 1, 'Set-Mailbox marks only the audit change, not the forwarding change');
    assert.equal(byLabel(/^Set-Mailbox/)[0]!.kind, 'auditTampering');
    assert.equal(byLabel(/^Consent to application/)[0]?.kind, 'consent');
    assert.equal(byLabel(/^Add app role assignment/)[0]?.kind, 'appRole');
    assert.equal(byLabel(/^Set-ManagementScope/)[0]?.kind, 'rbac');
    assert.equal(byLabel(/^SearchExported/)[0]?.kind, 'ediscovery');
    assert.equal(byLabel(/Send|Update user/).length, 0, 'plain mailbox actions and user updates are not markers');
    const signIns = w.markers.filter((x) => x.kind === 'signIn');
    assert.deepEqual(signIns.map((x) => x.failed), [false, true]);
    assert.equal(m.summary().densityEvents, 15);
  });

  it('puts a grant at its time on its actor lane, and every marker id maps back to its record', function () {
    const m = new TimelineModel(dataset());
    const w = m.window(request());
    const grant = w.markers.find((x) => x.kind === 'delegation')!;
    assert.equal(grant.time, T0 + 3 * HOUR);
    assert.equal(w.lanes.find((l) => l.index === grant.lane)!.label, 'admin@contoso.com');
    const rec = m.markerRecord(grant.id)!;
    assert.equal(rec.table, 'AuditLogs');
    assert.equal(dataset().AuditLogs!.get('Id', rec.row), 'grant-1');
  });

  it('bins mail reads per lane and bucket, counting throttled records, with lanes compared as identities', function () {
    const m = new TimelineModel(dataset());
    const w = m.window(request({ groupBy: 'mailbox' }));
    const alice = w.lanes.filter((l) => l.label.toLowerCase() === 'alice@contoso.com');
    assert.equal(alice.length, 1, 'Alice@Contoso.com and alice@contoso.com share one lane');
    const row = w.density.find((d) => d.lane === alice[0]!.index)!;
    // [bucket, count, throttled] triples: hour 1 holds 10 reads, hour 5 two throttled ones.
    assert.deepEqual(row.bins, [1, 10, 0, 5, 2, 2]);
    assert.equal(w.bucketMs, HOUR);
    const total = w.density.reduce((s, d) => s + d.bins.filter((_, i) => i % 3 === 1).reduce((a, b) => a + b, 0), 0);
    assert.equal(total, 15);
    assert.equal(w.maxDensity, 10);
  });

  it('bins only the requested window, at the requested resolution', function () {
    const m = new TimelineModel(dataset());
    const w = m.window(request({ groupBy: 'mailbox', from: T0 + HOUR, to: T0 + HOUR + 30 * 60_000, buckets: 6 }));
    const alice = w.lanes.find((l) => l.label.toLowerCase() === 'alice@contoso.com')!;
    // reads at 01:00, 01:05, ... 01:25 fall in the half hour: one per five-minute bucket
    assert.deepEqual(w.density.find((d) => d.lane === alice.index)!.bins, [0, 1, 0, 1, 1, 0, 2, 1, 0, 3, 1, 0, 4, 1, 0, 5, 1, 0]);
    assert.equal(w.markers.length, 0);
  });

  it('groups by app: app-permission changes sit on the app they granted to, with display names where known', function () {
    const m = new TimelineModel(dataset());
    const w = m.window(request({ groupBy: 'app' }));
    const app = w.lanes.find((l) => l.label.includes('11111111-2222-3333-4444-555555555555'))!;
    const kinds = w.markers.filter((x) => x.lane === app.index).map((x) => x.kind).sort();
    assert.deepEqual(kinds, ['appRole', 'consent']);
    assert.ok(w.density.some((d) => d.lane === app.index), 'the app\'s reads are on its lane');
    assert.ok(w.lanes.some((l) => l.label === 'Outlook Mobile (aaaa)'));
  });

  it('finds bursts of reads and marks throttled ones', function () {
    const t = tables({ AuditLogs: [
      ...reads(150, T0, 10_000, { UserId: 'app', MailboxOwnerUPN: 'ceo@contoso.com' }),
      ...reads(5, T0 + 150 * 10_000, 10_000, { UserId: 'app', MailboxOwnerUPN: 'ceo@contoso.com', IsThrottled: true }),
      ...reads(50, T0 + 10 * HOUR, 60_000, { UserId: 'person', MailboxOwnerUPN: 'ceo@contoso.com' }),
    ] });
    const m = new TimelineModel(t, { burstMinRecords: 100 });
    const w = m.window(request());
    assert.equal(w.bursts.length, 1);
    const burst = w.bursts[0]!;
    assert.equal(w.lanes.find((l) => l.index === burst.lane)!.label, 'app');
    assert.equal(burst.peak, 155);
    assert.ok(burst.throttled);
    assert.ok(burst.from >= T0 && burst.to <= T0 + 155 * 10_000);
  });

  it('merges markers into clusters when a window holds too many, keeping finding evidence single', function () {
    const signIns = Array.from({ length: 400 }, (_, i) => ({ Time: T0 + i * 60_000, UserPrincipalName: 'bob@contoso.com', ResultStatus: i % 2 ? 'Failed' : 'Succeeded' }));
    const t = tables({ SignIns: signIns });
    const m = new TimelineModel(t, {}, {
      findings: [finding({ id: 'F-si', evidence: [{ table: 'SignIns', ids: [], rows: [7] }], start: T0 + 7 * 60_000, end: T0 + 7 * 60_000 })], stories: [],
    });
    const w = m.window(request({ buckets: 100 }), { maxMarkers: 50 });
    assert.ok(w.clustered);
    assert.ok(w.markers.length <= 50 && w.markers.length > 1);
    assert.equal(w.markers.reduce((s, x) => s + x.count, 0), 400, 'clusters account for every marker');
    const evidence = w.markers.find((x) => x.count === 1 && x.time === T0 + 7 * 60_000)!;
    assert.equal(evidence.severity, 'high');
    assert.ok(w.markers.some((x) => x.count > 1 && x.failed && /failed/.test(x.label)));
  });

  it('focuses on an app, a mailbox, a finding or record ids: lanes first, window around them, highlights', function () {
    const t = dataset();
    const grantRow = 15;
    assert.equal(t.AuditLogs!.get('Id', grantRow), 'grant-1');
    const f = finding({ evidence: [{ table: 'AuditLogs', ids: ['grant-1'], rows: [grantRow] }], start: T0 + 3 * HOUR, end: T0 + 3 * HOUR, actor: 'admin@contoso.com' });
    const story: Story = { ...finding({ id: 'S-1', title: 'Story', evidence: f.evidence, start: f.start, end: f.end }), memberIds: ['F-1'], stages: ['grant'] };
    const m = new TimelineModel(t, {}, { findings: [f], stories: [story] });

    const byFinding = m.setFocus({ findingId: 'F-1' })!;
    assert.equal(byFinding.matched, 1);
    assert.ok(byFinding.from! < T0 + 3 * HOUR && byFinding.to! > T0 + 3 * HOUR);
    let w = m.window(request({ focusOnly: true }));
    assert.deepEqual(w.lanes.map((l) => l.label), ['admin@contoso.com']);
    assert.ok(w.markers.find((x) => x.kind === 'delegation')!.highlighted);
    assert.deepEqual(w.findings.map((x) => [x.id, x.highlighted]), [['F-1', true]]);
    assert.deepEqual(w.stories.map((s) => [s.id, s.points.length]), [['S-1', 1]]);

    m.setFocus({ appId: '11111111-2222-3333-4444-555555555555' });
    w = m.window(request({ groupBy: 'app', focusOnly: true }));
    assert.equal(w.totalLanes, 1);
    assert.equal(m.focusView()!.groupBy, 'app');

    m.setFocus({ mailbox: 'CEO@contoso.com' });
    w = m.window(request({ groupBy: 'actor' }));
    assert.deepEqual(w.lanes.filter((l) => l.focused).map((l) => l.label).sort(), ['admin@contoso.com', 'app-sp']);
    assert.ok(w.lanes[0]!.focused && w.lanes[1]!.focused, 'focused lanes come first');

    const byRecords = m.setFocus({ recordIds: ['si-2', 'consent-1', 'nope'] })!;
    assert.equal(byRecords.matched, 2);
    const unknown = m.setFocus({ findingId: 'F-404' })!;
    assert.match(unknown.notes.join(), /F-404 is not among the current findings/);
  });

  it('details: the record\'s columns in catalogue order as text (hostile text untouched), its finding and story', function () {
    const t = dataset();
    const f = finding({ evidence: [{ table: 'AuditLogs', ids: ['grant-1'], rows: [15] }], start: T0 + 3 * HOUR, end: T0 + 3 * HOUR });
    const story: Story = { ...finding({ id: 'S-1', title: 'Contractor story' }), memberIds: ['F-1'], stages: ['grant'] };
    const m = new TimelineModel(t, {}, { findings: [f], stories: [story] });
    const grant = m.window(request()).markers.find((x) => x.kind === 'delegation')!;
    const d = m.details(grant.id, 'mailbox')!;
    assert.equal(d.lane, HOSTILE);
    assert.equal(d.fields.find((x) => x.name === 'TargetMailbox')!.value, HOSTILE);
    assert.equal(d.fields.find((x) => x.name === 'Time')!.value, '2024-03-04T03:00:00.000Z');
    assert.match(d.fields.find((x) => x.name === 'Parameters')!.value, /"Identity":"<img src=x onerror=window.__pwned=1>"/);
    const names = d.fields.map((x) => x.name);
    assert.deepEqual(names.slice(0, 3), ['Time', 'Id', 'RecordType']);
    assert.deepEqual(d.findings.map((x) => [x.id, x.reasons[0]]), [['F-1', '+15 AutoMapping off']]);
    assert.equal(d.story?.title, 'Contractor story');
    assert.equal(m.details(10 ** 6, 'actor'), undefined);
  });

  it('opens a query around a marker that the query language runs and that finds the record', async function () {
    const t = dataset();
    const m = new TimelineModel(t);
    const grant = m.window(request()).markers.find((x) => x.kind === 'delegation')!;
    const text = m.aroundQuery(grant.id)!;
    assert.match(text, /^AuditLogs$/m);
    assert.match(text, /UserId =~ "admin@contoso.com"/);
    const result = await runQuery(text, { tables: t as never }, {});
    assert.ok(result.ok, JSON.stringify(result.diagnostics));
    const ids = result.table!.array('Id') as string[];
    assert.ok(ids.includes('grant-1'));
    assert.deepEqual([...ids].sort(), ['audit-off', 'forward', 'grant-1'], 'admin records from 02:00 to 04:00 only');
    assert.deepEqual(m.treeSubject(grant.id), { mailbox: HOSTILE });
    const consent = m.window(request()).markers.find((x) => x.kind === 'consent')!;
    assert.deepEqual(m.treeSubject(consent.id), { appId: '11111111-2222-3333-4444-555555555555' });
    const signIn = m.window(request()).markers.find((x) => x.kind === 'signIn')!;
    assert.deepEqual(m.treeSubject(signIn.id), {});
  });
});
