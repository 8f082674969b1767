import { strict as assert } from 'assert';
import { DAY, hourClass, localTime } from '../../../src/core/synth/time/calendar';
import { ATTACK_OPTIONS, BASELINE_OPTIONS, collect, op, opProp, param } from './fixtures';

describe('synth benign baseline (attacks: false)', () => {
  const base = collect(BASELINE_OPTIONS);
  const attacked = collect(ATTACK_OPTIONS);

  it('has no labels and none of the attack records', () => {
    assert.deepEqual(base.tenant.labels.scenarios, []);
    const attackIds = new Set(attacked.tenant.labels.scenarios.flatMap((s) => [...s.records.AuditLogs, ...s.records.SignIns, ...s.records.DirectoryAudits]));
    assert.ok(attackIds.size > 1000);
    assert.ok(!base.all.some((r) => attackIds.has(r.id)));
  });

  it('shows none of the attack patterns', () => {
    const ops = new Set(base.byTable.AuditLogs.map(op));
    for (const o of ['Set-ManagementScope', 'Set-ManagementRoleAssignment', 'Set-MailboxAuditBypassAssociation', 'SearchCreated', 'SearchExported', 'New-ComplianceSearch', 'Add service principal credentials.']) {
      assert.ok(!ops.has(o), o);
    }
    assert.ok(!base.byTable.AuditLogs.some((r) => opProp(r, 'IsThrottled') === 'True'), 'no throttling');
    assert.ok(!base.byTable.AuditLogs.some((r) => param(r, 'AutoMapping') === 'False'), 'no hidden delegation');
    assert.ok(!base.byTable.AuditLogs.some((r) => r.time > base.tenant.setupEnd && param(r, 'AuditEnabled') === 'False'), 'no audit switched off after setup');
    assert.ok(!base.byTable.AuditLogs.some((r) => op(r) === 'New-InboxRule' && (param(r, 'ForwardTo') || param(r, 'RedirectTo'))), 'no forwarding rules');
  });

  it('signs people in only from the tenant\'s own countries', () => {
    const countries = new Set(base.tenant.plan.people.map((p) => p.place.country));
    for (const s of base.byTable.SignIns) {
      if (!s.record.userPrincipalName) continue;
      const c = (s.record.location as { countryOrRegion: string }).countryOrRegion;
      assert.ok(countries.has(c), `${s.record.userPrincipalName} from ${c}`);
    }
  });

  it('grants no mailbox access to contractors, guests, new accounts or executives after setup', () => {
    const people = new Map(base.tenant.plan.people.map((p) => [p.user.userPrincipalName.toLowerCase(), p]));
    const vip = new Set(base.tenant.plan.people.filter((p) => p.user.isVip).map((p) => p.user.userPrincipalName.toLowerCase()));
    let grants = 0;
    for (const r of base.byTable.AuditLogs) {
      if (r.time <= base.tenant.setupEnd) continue;
      if (op(r) !== 'Add-MailboxPermission' && op(r) !== 'Add-RecipientPermission') continue;
      grants++;
      const trustee = (param(r, 'User') ?? param(r, 'Trustee') ?? '').toLowerCase();
      const p = people.get(trustee);
      assert.ok(p, `grant to a known person: ${trustee}`);
      assert.equal(p.role, 'staff', trustee);
      assert.ok(r.time - p.createdAt >= 7 * DAY, `${trustee} is established`);
      assert.ok(!vip.has((param(r, 'Identity') ?? '').toLowerCase()), 'not on an executive mailbox');
    }
    assert.ok(grants > 0, 'the baseline does have routine grants');
  });

  it('keeps every benign mailbox under the MailItemsAccessed throttle (1000 records per 24 h)', () => {
    const perMailboxDay = new Map<string, number>();
    for (const r of base.byTable.AuditLogs) {
      if (op(r) !== 'MailItemsAccessed') continue;
      const k = `${r.record.MailboxOwnerUPN}|${Math.floor(r.time / DAY)}`;
      perMailboxDay.set(k, (perMailboxDay.get(k) ?? 0) + 1);
    }
    assert.ok(Math.max(...perMailboxDay.values()) < 1000);
  });

  it('reads mail mostly in working hours', () => {
    const tz = base.tenant.tzOffsetMinutes;
    const counts = { business: 0, night: 0, other: 0 };
    for (const r of base.byTable.AuditLogs) {
      if (op(r) !== 'MailItemsAccessed' || r.record.ClientInfoString === 'Client=REST;Client=RESTSystem;;' || String(r.record.ClientInfoString).startsWith('Client=IMAP4')) continue;
      counts[hourClass(localTime(r.time, tz))]++;
    }
    assert.ok(counts.business > 3 * (counts.night + counts.other), JSON.stringify(counts));
  });
});
