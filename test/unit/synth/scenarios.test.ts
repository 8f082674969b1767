import { strict as assert } from 'assert';
import { SCENARIOS } from '../../../src/core/synth';
import { DAY, HOUR, hourClass, localTime } from '../../../src/core/synth/time/calendar';
import { ATTACK_OPTIONS, collect, op, opProp, param } from './fixtures';
import type { SynthRecord } from '../../../src/core/synth';

describe('synth attack scenarios', () => {
  const c = collect(ATTACK_OPTIONS);
  const { tenant, byId } = c;
  const label = (id: string) => {
    const l = tenant.labels.scenarios.find((s) => s.id === id);
    assert.ok(l, `scenario ${id} is labelled`);
    return l;
  };
  const recordsOf = (id: string, table: 'AuditLogs' | 'SignIns' | 'DirectoryAudits'): SynthRecord[] =>
    label(id).records[table].map((rid) => {
      const r = byId.get(rid)?.find((x) => x.table === table);
      assert.ok(r, `${id}: labelled ${table} record ${rid} exists`);
      return r;
    });

  it('labels every scenario, each with records that exist in the tables named', () => {
    assert.deepEqual(tenant.labels.scenarios.map((s) => s.id).sort(), SCENARIOS.map((s) => s.id).sort());
    for (const s of tenant.labels.scenarios) {
      const total = s.records.AuditLogs.length + s.records.SignIns.length + s.records.DirectoryAudits.length;
      assert.ok(total > 0, s.id);
      for (const table of ['AuditLogs', 'SignIns', 'DirectoryAudits'] as const) recordsOf(s.id, table);
      assert.ok(Date.parse(s.start) <= Date.parse(s.end));
    }
    const json = JSON.parse(JSON.stringify(tenant.labels));
    assert.equal(json.scenarios.length, SCENARIOS.length);
  });

  it('stolen credentials: failed then successful sign-ins from a new country, then owner reads from that address', () => {
    const signIns = recordsOf('stolen-credentials', 'SignIns');
    const victimUpn = String(signIns[0]!.record.userPrincipalName);
    const attackCountry = (signIns[0]!.record.location as { countryOrRegion: string }).countryOrRegion;
    assert.ok(signIns.some((s) => (s.record.status as { errorCode: number }).errorCode === 50126));
    assert.ok(signIns.some((s) => (s.record.status as { errorCode: number }).errorCode === 0));
    const ownCountries = new Set(c.byTable.SignIns
      .filter((s) => s.record.userPrincipalName === victimUpn && !label('stolen-credentials').records.SignIns.includes(s.id))
      .map((s) => (s.record.location as { countryOrRegion: string }).countryOrRegion));
    assert.ok(ownCountries.size > 0 && !ownCountries.has(attackCountry), `${attackCountry} vs ${[...ownCountries]}`);
    const ip = String(signIns[0]!.record.ipAddress);
    const reads = recordsOf('stolen-credentials', 'AuditLogs').filter((r) => op(r) === 'MailItemsAccessed');
    assert.ok(reads.length >= 40);
    for (const r of reads) {
      assert.equal(r.record.LogonType, 0);
      assert.equal(String(r.record.MailboxOwnerUPN).toLowerCase(), victimUpn.toLowerCase());
      assert.equal(r.record.ClientIPAddress, ip);
    }
    const sessions = new Set(signIns.map((s) => s.record.sessionId));
    assert.ok(reads.every((r) => sessions.has(r.record.SessionId)), 'reads carry the stolen session id');
    assert.ok(recordsOf('stolen-credentials', 'AuditLogs').some((r) => op(r) === 'UserLoggedIn'), 'UAL copy of the sign-in');
  });

  it('inbox rule: forwards outside, moves to RSS Subscriptions, from the stolen session address', () => {
    const [rule] = recordsOf('inbox-rule', 'AuditLogs');
    assert.equal(op(rule!), 'New-InboxRule');
    assert.match(param(rule!, 'ForwardTo') ?? '', /@.*-billing\.com$/);
    assert.equal(param(rule!, 'MoveToFolder'), 'RSS Subscriptions');
    const ip = String(recordsOf('stolen-credentials', 'SignIns')[0]!.record.ipAddress);
    assert.ok(String(rule!.record.ClientIP).startsWith(`${ip}:`));
  });

  it('contractor delegation: a contractor created that week gets FullAccess with AutoMapping False at night, then reads as Delegated', () => {
    const audit = recordsOf('contractor-delegation', 'AuditLogs');
    const grant = audit.find((r) => op(r) === 'Add-MailboxPermission');
    assert.ok(grant);
    assert.equal(param(grant, 'AccessRights'), 'FullAccess');
    assert.equal(param(grant, 'AutoMapping'), 'False');
    const contractor = param(grant, 'User')!;
    const created = recordsOf('contractor-delegation', 'DirectoryAudits').find((r) => op(r) === 'Add user');
    assert.ok(created);
    const target = (created.record.targetResources as { userPrincipalName: string; modifiedProperties: { displayName: string; newValue: string }[] }[])[0]!;
    assert.equal(target.userPrincipalName, contractor);
    assert.equal(target.modifiedProperties.find((p) => p.displayName === 'JobTitle')?.newValue, '["Contractor"]');
    assert.ok(grant.time - created.time < 7 * DAY && grant.time > created.time);
    assert.equal(hourClass(localTime(grant.time, tenant.tzOffsetMinutes)), 'night');
    const reads = audit.filter((r) => op(r) === 'MailItemsAccessed');
    assert.ok(reads.length >= 50);
    for (const r of reads) {
      assert.equal(r.record.LogonType, 2);
      assert.equal(r.record.UserId, contractor);
      assert.equal(r.record.MailboxOwnerUPN, param(grant, 'Identity'));
      assert.ok(r.time > grant.time);
    }
    const d = tenant.finalModel.delegations.find((x) => x.trustee === contractor && x.right === 'FullAccess');
    assert.equal(d?.automapping, false);
    assert.equal(d?.grantRecordId, grant.id);
    assert.ok(!tenant.modelAt(grant.time - 1000).delegations.some((x) => x.trustee === contractor));
  });

  it('consent app: a secret, admin consent and Graph Mail.Read, then app-only reads of several mailboxes', () => {
    const dir = recordsOf('consent-app-mail-read', 'DirectoryAudits').map(op);
    for (const a of ['Add application', 'Add service principal', 'Add service principal credentials', 'Consent to application', 'Add app role assignment to service principal']) {
      assert.ok(dir.includes(a), a);
    }
    const role = recordsOf('consent-app-mail-read', 'AuditLogs').find((r) => op(r) === 'Add app role assignment to service principal.');
    assert.ok(role);
    const props = role.record.ModifiedProperties as { Name: string; NewValue: string }[];
    assert.equal(props.find((p) => p.Name === 'AppRole.Value')?.NewValue, 'Mail.Read');
    const appId = props.find((p) => p.Name === 'ServicePrincipal.AppId')!.NewValue;
    const reads = recordsOf('consent-app-mail-read', 'AuditLogs').filter((r) => op(r) === 'MailItemsAccessed');
    assert.ok(new Set(reads.map((r) => r.record.MailboxOwnerUPN)).size >= 5);
    assert.ok(reads.every((r) => r.record.AppId === appId && r.record.ClientInfoString === 'Client=REST;Client=RESTSystem;;'));
    const app = tenant.finalModel.apps.find((a) => a.appId === appId);
    assert.ok(app?.permissions.some((p) => p.value === 'Mail.Read' && p.kind === 'application'));
    assert.ok(app?.credentials.some((k) => k.type === 'password'));
    assert.ok(recordsOf('consent-app-mail-read', 'SignIns').some((s) => (s.record.signInEventTypes as string[]).includes('servicePrincipal')));
  });

  it('RBAC app: scoped Application Mail.Read, widened by Set-ManagementScope and Set-ManagementRoleAssignment; Entra shows no mail permission', () => {
    const audit = recordsOf('rbac-app-scope-widened', 'AuditLogs');
    const ops = audit.map(op);
    for (const a of ['New-ServicePrincipal', 'New-ManagementScope', 'New-ManagementRoleAssignment', 'Set-ManagementScope', 'Set-ManagementRoleAssignment']) assert.ok(ops.includes(a), a);
    const assign = audit.find((r) => op(r) === 'New-ManagementRoleAssignment')!;
    assert.equal(param(assign, 'Role'), 'Application Mail.Read');
    const appId = param(assign, 'App')!;
    const scopeName = param(assign, 'CustomResourceScope')!;
    const widen = audit.find((r) => op(r) === 'Set-ManagementScope')!;
    const drop = audit.find((r) => op(r) === 'Set-ManagementRoleAssignment')!;
    assert.equal(param(drop, 'RecipientRelativeWriteScope'), 'Organization');
    const before = tenant.modelAt(widen.time - 1000);
    const after = tenant.modelAt(widen.time);
    assert.equal(before.managementScopes.find((s) => s.name === scopeName)?.recipientRestrictionFilter, "Department -eq 'IT'");
    assert.match(after.managementScopes.find((s) => s.name === scopeName)!.recipientRestrictionFilter, /Executive/);
    assert.equal(tenant.modelAt(drop.time - 1000).roleAssignments.find((r) => r.roleAssignee === appId)?.customResourceScope, scopeName);
    assert.equal(tenant.modelAt(drop.time).roleAssignments.find((r) => r.roleAssignee === appId)?.customResourceScope, undefined);
    const app = tenant.finalModel.apps.find((a) => a.appId === appId);
    assert.ok(app && app.permissions.length === 0, 'no Entra permission');
    const reads = audit.filter((r) => op(r) === 'MailItemsAccessed');
    const executiveReads = reads.filter((r) => r.time > widen.time);
    assert.ok(reads.some((r) => r.time < widen.time) && executiveReads.length > 0);
  });

  it('eDiscovery: search created, started, exported and downloaded (Discovery records and cmdlets)', () => {
    const audit = recordsOf('ediscovery-export', 'AuditLogs');
    const discovery = audit.filter((r) => r.record.RecordType === 24).map(op);
    assert.deepEqual(discovery, ['SearchCreated', 'SearchStarted', 'SearchExported', 'SearchExportDownloaded']);
    assert.ok(audit.some((r) => op(r) === 'New-ComplianceSearch' && r.record.RecordType === 18));
    assert.ok(audit.some((r) => op(r) === 'New-ComplianceSearchAction' && String(r.record.Parameters).includes('-Export')));
    assert.ok(!audit.some((r) => op(r) === 'MailItemsAccessed'));
  });

  it('bulk export: over 1000 MailItemsAccessed on one mailbox within 24 h, the last IsThrottled True, then silence', () => {
    const reads = recordsOf('bulk-export-throttled', 'AuditLogs').filter((r) => op(r) === 'MailItemsAccessed');
    assert.ok(reads.length > 1000);
    const mailbox = reads[0]!.record.MailboxOwnerUPN;
    assert.ok(reads.every((r) => r.record.MailboxOwnerUPN === mailbox));
    assert.ok(reads[reads.length - 1]!.time - reads[0]!.time < 24 * HOUR);
    const throttled = reads.filter((r) => opProp(r, 'IsThrottled') === 'True');
    assert.ok(throttled.length >= 1);
    const lastUnthrottled = Math.max(...reads.filter((r) => opProp(r, 'IsThrottled') === 'False').map((r) => r.time));
    assert.ok(throttled.every((r) => r.time >= lastUnthrottled), 'throttled records come last');
    const end = reads[reads.length - 1]!.time;
    const after = c.byTable.AuditLogs.filter((r) => op(r) === 'MailItemsAccessed' && r.record.MailboxOwnerUPN === mailbox && r.time > end && r.time < end + 24 * HOUR);
    assert.equal(after.length, 0, 'no MailItemsAccessed for the mailbox for 24 h');
    const allThrottled = c.byTable.AuditLogs.filter((r) => opProp(r, 'IsThrottled') === 'True');
    assert.equal(allThrottled.length, throttled.length, 'only the export is throttled');
  });

  it('audit tampering: AuditEnabled False and an audit bypass, after which the contractor\'s reads leave no record', () => {
    const audit = recordsOf('audit-tampering', 'AuditLogs');
    const disable = audit.find((r) => op(r) === 'Set-Mailbox' && param(r, 'AuditEnabled') === 'False');
    const bypass = audit.find((r) => op(r) === 'Set-MailboxAuditBypassAssociation' && param(r, 'AuditBypassEnabled') === 'True');
    assert.ok(disable && bypass);
    const contractor = param(bypass, 'Identity')!;
    const cfo = param(disable, 'Identity')!;
    assert.equal(tenant.modelAt(bypass.time).mailboxes.find((m) => m.userPrincipalName === contractor)?.audit.auditBypassEnabled, true);
    assert.equal(tenant.modelAt(disable.time).mailboxes.find((m) => m.userPrincipalName === cfo)?.audit.auditEnabled, false);
    assert.equal(tenant.modelAt(disable.time - 1000).mailboxes.find((m) => m.userPrincipalName === cfo)?.audit.auditEnabled, true);
    const laterSignIn = c.byTable.SignIns.find((s) => s.record.userPrincipalName === contractor && s.time > bypass.time);
    assert.ok(laterSignIn, 'the contractor still signs in');
    assert.ok(!c.byTable.AuditLogs.some((r) => op(r) === 'MailItemsAccessed' && r.record.UserId === contractor && r.time > bypass.time));
  });

  it('admin takeover: the grants come from the second administrator signed in from the attacker\'s country', () => {
    const signIns = recordsOf('admin-takeover', 'SignIns');
    const admin = tenant.plan.admins[1]!.user.userPrincipalName;
    assert.ok(signIns.every((s) => s.record.userPrincipalName === admin));
    const attackerCountry = (recordsOf('stolen-credentials', 'SignIns')[0]!.record.location as { countryOrRegion: string }).countryOrRegion;
    assert.ok(signIns.every((s) => (s.record.location as { countryOrRegion: string }).countryOrRegion === attackerCountry));
    const grant = recordsOf('contractor-delegation', 'AuditLogs').find((r) => op(r) === 'Add-MailboxPermission')!;
    assert.equal(grant.record.UserId, admin);
  });
});
