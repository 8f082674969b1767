import { strict as assert } from 'assert';
import { ATTACK_OPTIONS, collect, op } from './fixtures';

describe('synth tenant model', () => {
  const c = collect(ATTACK_OPTIONS);
  const { tenant } = c;
  const initial = tenant.initialModel;

  it('is created in full by the setup phase: people, mailboxes of every kind, groups, apps, RBAC, policy, delegations', () => {
    assert.equal(initial.source, 'synthetic');
    assert.ok(initial.users.some((u) => u.isVip && /Chief/.test(u.jobTitle ?? '')));
    assert.ok(initial.users.some((u) => u.department === 'Finance'));
    assert.ok(initial.users.some((u) => u.isContractor));
    assert.ok(initial.users.some((u) => u.userType === 'Guest' && u.userPrincipalName.includes('#EXT#')));
    const types = new Set(initial.mailboxes.map((m) => m.recipientTypeDetails));
    assert.deepEqual([...types].sort(), ['EquipmentMailbox', 'RoomMailbox', 'SharedMailbox', 'UserMailbox']);
    const group = initial.groups.find((g) => g.mailEnabledSecurity);
    assert.ok(group && group.mail && group.members.length > 0);
    const policy = initial.accessPolicies[0];
    assert.ok(policy && policy.accessRight === 'RestrictAccess' && policy.policyScopeGroupId === group.mail);
    assert.ok(initial.apps.some((a) => a.isMicrosoft && a.appId === '00000003-0000-0000-c000-000000000000'));
    assert.ok(initial.apps.some((a) => !a.isMicrosoft && a.permissions.some((p) => p.value === 'Mail.Read' && p.kind === 'application')));
    const filters = initial.managementScopes.map((s) => s.recipientRestrictionFilter);
    assert.ok(filters.includes("Department -eq 'Sales'"));
    const guidScope = filters.find((f) => f.startsWith('Guid -eq'));
    assert.ok(guidScope && initial.mailboxes.some((m) => guidScope === `Guid -eq '${m.guid}'`));
    assert.ok(initial.roleAssignments.every((r) => r.roleAssigneeType === 'ServicePrincipal' && /^Application /.test(r.role)));
    assert.ok(initial.roleAssignments.every((r) => initial.exchangeServicePrincipals.some((s) => s.appId === r.roleAssignee)));
    const esp = initial.exchangeServicePrincipals.find((s) => initial.delegations.some((d) => d.trustee === s.identity && d.right === 'FullAccess'));
    assert.ok(esp, 'an Exchange service principal with FullAccess (IMAP)');
    for (const right of ['FullAccess', 'SendAs', 'SendOnBehalf', 'FolderPermission'] as const) assert.ok(initial.delegations.some((d) => d.right === right), right);
    const ceo = initial.mailboxes.find((m) => initial.users.find((u) => u.id === m.userId)?.jobTitle === 'Chief Executive Officer')!;
    assert.ok(ceo.grantSendOnBehalfTo.length === 1);
    assert.ok(initial.mailboxes.some((m) => !m.audit.auditOwner.includes('MailItemsAccessed')), 'a weaker owner audit set');
    assert.ok(initial.mailboxes.filter((m) => m.audit.auditOwner.includes('MailItemsAccessed')).length > initial.mailboxes.length / 2, 'mostly defaults');
  });

  it('grows during the window: accounts created later, the attacker\'s apps and grants', () => {
    const final = tenant.finalModel;
    assert.ok(final.users.length > initial.users.length);
    const late = final.users.filter((u) => !initial.users.some((x) => x.id === u.id));
    assert.ok(late.some((u) => u.isContractor) && late.some((u) => !u.isContractor), 'a new hire and the attacker\'s contractor');
    assert.ok(final.apps.length > initial.apps.length);
    assert.deepEqual(tenant.model, final);
    assert.deepEqual(tenant.modelAt(tenant.setupEnd), initial);
    assert.deepEqual(tenant.modelAt(new Date(tenant.options.end).toISOString()), final);
    assert.equal(tenant.modelAt(tenant.options.start).users.length, 0);
  });

  it('follows a department move, which changes a department-scoped app\'s reach', () => {
    const mover = tenant.plan.mover!;
    const change = tenant.changes.find((ch) => ch.change.kind === 'updateMailbox');
    assert.ok(change);
    const upn = mover.person.user.userPrincipalName;
    assert.equal(tenant.modelAt(change.time - 1000).mailboxes.find((m) => m.userPrincipalName === upn)?.department, mover.person.user.department);
    assert.equal(tenant.modelAt(change.time).mailboxes.find((m) => m.userPrincipalName === upn)?.department, 'Sales');
    const crm = tenant.plan.apps.find((a) => a.reach.kind === 'rbac-department')!;
    const crmReads = c.byTable.AuditLogs.filter((r) => r.record.AppId === crm.app.appId && r.record.MailboxOwnerUPN === upn);
    assert.ok(crmReads.length > 0 && crmReads.every((r) => r.time >= change.time), 'the CRM app reads the mover only after the move');
  });

  it('names, for every change, a record of the log that carries it', () => {
    const audit = new Map(c.byTable.AuditLogs.map((r) => [r.id, r]));
    const dir = new Set(c.byTable.DirectoryAudits.map((r) => r.id));
    const expected: Record<string, RegExp> = {
      addUser: /^Add user\.$/, addMailbox: /^(Update user\.|New-Mailbox)$/, addDelegation: /^(Add-MailboxPermission|Add-RecipientPermission|Set-Mailbox|Add-MailboxFolderPermission)$/,
      setSendOnBehalf: /^Set-Mailbox$/, addGroup: /^New-DistributionGroup$/, addGroupMember: /^Add-DistributionGroupMember$/, addApp: /^Add service principal\.$/,
      addAppPermission: /^(Add app role assignment to service principal\.|Consent to application\.)$/, addAppCredential: /^(Add service principal credentials\.|Update application – Certificates and secrets management \.)$/,
      addExchangeServicePrincipal: /^New-ServicePrincipal$/, addManagementScope: /^New-ManagementScope$/, setManagementScopeFilter: /^Set-ManagementScope$/,
      addRoleAssignment: /^New-ManagementRoleAssignment$/, setRoleAssignmentScope: /^Set-ManagementRoleAssignment$/, addAccessPolicy: /^New-ApplicationAccessPolicy$/,
      setMailboxAudit: /^(Set-Mailbox|Set-MailboxAuditBypassAssociation)$/, updateUser: /^Update user\.$/, updateMailbox: /^Update user\.$/,
    };
    for (const ch of tenant.changes) {
      const r = audit.get(ch.recordId);
      assert.ok(r, `${ch.change.kind}: record ${ch.recordId}`);
      assert.equal(r.time, ch.time);
      assert.match(op(r), expected[ch.change.kind] ?? /^$/, ch.change.kind);
      if (ch.directoryAuditId) assert.ok(dir.has(ch.directoryAuditId));
    }
    const grants = c.byTable.AuditLogs.filter((r) => op(r) === 'Add-MailboxPermission');
    assert.ok(grants.every((g) => tenant.changes.some((ch) => ch.recordId === g.id && ch.change.kind === 'addDelegation')));
  });
});
