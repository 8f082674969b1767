import { strict as assert } from 'node:assert';
import { accessToMailbox, mailboxesReadableByApp } from '../../../src/core/tenant/access/whoCanRead';
import { findApp, findMailbox } from '../../../src/core/tenant/identity';
import { ids, sampleTenant } from './fixtures';

describe('tenant who can read', () => {
  const model = sampleTenant();

  it('lists apps through both systems, people, and send rights apart', () => {
    const list = accessToMailbox(model, findMailbox(model, 'support@contoso.com')!);
    const readers = list.readers.map((r) => `${r.kind}:${r.displayName}:${r.via}`).sort();
    assert.deepEqual(readers, [
      'app:Graph Reader:Entra application permission: Microsoft Graph Mail.Read',
      'app:Denied Exec Reader:Entra application permission: Microsoft Graph Mail.Read',
      'app:IMAP Poller:Exchange service principal mailbox permission: Office 365 Exchange Online IMAP.AccessAsApp',
      'app:Shared Mail Client:Entra delegated permission: Microsoft Graph Mail.Read.Shared',
      'person:eve@contoso.com:FullAccess',
    ].sort());
    assert.deepEqual(list.senders.map((s) => `${s.displayName}:${s.via}`), [
      'Both Systems:Exchange RBAC role assignment: Application Mail.Send (organisation-wide)', 'Bob:SendAs']);
    assert.equal(list.readers.find((r) => r.displayName === 'Graph Reader')?.tenantWide, true);
    assert.equal(list.readers.find((r) => r.displayName === 'Shared Mail Client')?.requiresSignedInUser, true);
  });

  it('shows FullAccess with automapping and grant metadata, folder readers, SendOnBehalf, and ReadPermission apart', () => {
    const ceo = accessToMailbox(model, findMailbox(model, 'ceo@contoso.com')!);
    const bob = ceo.readers.find((r) => r.principal === 'bob@contoso.com')!;
    assert.equal(bob.via, 'FullAccess');
    assert.equal(bob.automapping, false);
    assert.equal(bob.grantedBy, 'admin@contoso.com');
    assert.deepEqual(ceo.senders.map((s) => s.via), ['Exchange RBAC role assignment: Application Mail.Send (organisation-wide)', 'SendOnBehalf (GrantSendOnBehalfTo)']);
    assert.ok(!ceo.readers.some((r) => r.displayName === 'Denied Exec Reader'), 'DenyAccess keeps the app out');
    const alice = accessToMailbox(model, findMailbox(model, 'alice@contoso.com')!);
    assert.ok(alice.readers.some((r) => r.via === 'folder Inbox (Reviewer)' && r.principal === 'bob@contoso.com'));
    const rp = alice.other.find((o) => o.via === 'ReadPermission')!;
    assert.match(rp.note ?? '', /not its items/);
  });

  it('every mailbox an app can read, tenant-wide marked', () => {
    const wide = mailboxesReadableByApp(model, findApp(model, ids.graphReader)!);
    assert.equal(wide.tenantWide, true);
    assert.equal(wide.mailboxes.length, 4);
    const scoped = mailboxesReadableByApp(model, findApp(model, ids.rbacScoped)!);
    assert.equal(scoped.tenantWide, false);
    assert.deepEqual(scoped.mailboxes.map((m) => m.mailbox), ['alice@contoso.com']);
    assert.deepEqual(scoped.mailboxes[0].via, ['Exchange RBAC role assignment: Application Mail.Read via scope SalesScope']);
    const delegated = mailboxesReadableByApp(model, findApp(model, ids.delegated)!);
    assert.equal(delegated.mailboxes.length, 0, 'delegated reach is not counted unless asked');
    const withDelegated = mailboxesReadableByApp(model, findApp(model, ids.delegated)!, { includeDelegated: true });
    assert.ok(withDelegated.mailboxes.some((m) => m.mailbox === 'support@contoso.com'));
  });
});
