/**
 * `exo-audit access`: effective access with its explanation, the offline
 * Test-ApplicationAccessPolicy and Test-ServicePrincipalAuthorization, for an
 * app or a person, on one mailbox or all of them.
 */
import {
  accessToMailbox, explainAccess, findApp, findMailbox, findUser, fold, grantSystemLabels, mailboxesReadableByApp,
  testApplicationAccessPolicy, testServicePrincipalAuthorization, allApps,
  type EffectiveAccess, type MailboxAccessEntry, type TenantModel,
} from '../../core/tenant';
import { renderTable } from '../textTable';
import { UsageError } from '../usageError';
import type { Command } from './command';
import { loadTenantFromOptions, tenantSourceOptions, tenantSourceUsage } from './tenant';

function appOrFail(model: TenantModel, identity: string) {
  const app = findApp(model, identity) ?? allApps(model).find((a) => fold(a.appId) === fold(identity) || fold(a.displayName) === fold(identity));
  if (!app) throw new UsageError(`no app '${identity}' in this tenant model (${allApps(model).slice(0, 8).map((a) => a.displayName).join(', ')}${model.apps.length > 8 ? ', …' : ''})`, 1);
  return app;
}

function mailboxOrFail(model: TenantModel, identity: string) {
  const m = findMailbox(model, identity);
  if (!m) throw new UsageError(`no mailbox '${identity}' in this tenant model`, 1);
  return m;
}

function printEffective(ea: EffectiveAccess, model: TenantModel, out: (s: string) => void): void {
  out(`${ea.appDisplayName} (${ea.appId}) on ${ea.mailbox}`);
  out(`  app-only rights: ${ea.rights.join(', ') || 'none'}`);
  out(`  with a signed-in user: ${ea.delegatedRights.join(', ') || 'none'}`);
  out('\nGrants considered');
  for (const g of ea.grants) {
    out(`  [${g.applies ? 'applies' : 'does not apply'}] ${grantSystemLabels[g.system]}: ${g.grant}${g.rights.length ? ` -> ${g.rights.join(', ')}` : ''}${g.tenantWide ? ' (tenant-wide)' : ''}`);
    for (const line of g.explanation) out(`      ${line}`);
  }
  if (ea.grants.length === 0) out('  (none)');
  for (const n of ea.notes) out(`  note: ${n}`);
  const policy = testApplicationAccessPolicy(model, ea.appId, ea.mailbox);
  if (policy) out(`\nTest-ApplicationAccessPolicy: ${policy.accessCheckResult} (${policy.reason})`);
  const rbac = testServicePrincipalAuthorization(model, ea.appId, ea.mailbox);
  out('Test-ServicePrincipalAuthorization:');
  if (rbac.length === 0) out('  no Exchange role assignments for this app');
  else out(renderTable(['assignment', 'role', 'scope', 'in scope', 'reason'], rbac.map((r) => [r.roleAssignment, r.role, r.scope ?? '(organisation)', r.inScope ? 'yes' : 'no', r.reason]), 80));
}

/** Whether an access entry is this person (by UPN or user id), directly. */
function isUser(model: TenantModel, e: MailboxAccessEntry, upn: string): boolean {
  const u = findUser(model, upn);
  return [upn, u?.userPrincipalName, u?.id].some((k) => k && fold(k) === fold(e.principal));
}

export const accessCommand: Command = {
  name: 'access',
  usage: 'access (--app ID | --user UPN) [--mailbox UPN] | --mailbox UPN, with a tenant source',
  summary: `effective access with its explanation: app or person on a mailbox, everything an app can read, or who can read a mailbox; sources: ${tenantSourceUsage}`,
  options: { ...tenantSourceOptions, app: { type: 'string' }, user: { type: 'string' }, mailbox: { type: 'string' } },
  async run(ctx) {
    const { values, json, out } = ctx;
    const app = typeof values.app === 'string' ? values.app : undefined;
    const user = typeof values.user === 'string' ? values.user : undefined;
    const mailbox = typeof values.mailbox === 'string' ? values.mailbox : undefined;
    if (app && user) throw new UsageError('give --app or --user, not both');
    if (!app && !user && !mailbox) throw new UsageError('access needs --app ID, --user UPN or --mailbox UPN');
    const { model, notes } = await loadTenantFromOptions(ctx);
    if (!json) for (const n of notes) out(`# ${n}`);

    if (app && mailbox) {
      const a = appOrFail(model, app);
      const m = mailboxOrFail(model, mailbox);
      const ea = explainAccess(model, a.appId, m.userPrincipalName)!;
      if (json) {
        out(JSON.stringify({ ...ea, testApplicationAccessPolicy: testApplicationAccessPolicy(model, a.appId, m.userPrincipalName), testServicePrincipalAuthorization: testServicePrincipalAuthorization(model, a.appId, m.userPrincipalName) }, null, 2));
      } else printEffective(ea, model, out);
      return;
    }
    if (app) {
      const reach = mailboxesReadableByApp(model, appOrFail(model, app), { includeBasic: true, includeDelegated: true });
      if (json) { out(JSON.stringify(reach, null, 2)); return; }
      out(`${reach.displayName} (${reach.appId}) reaches ${reach.mailboxes.length} of ${model.mailboxes.length} mailboxes${reach.tenantWide ? ', through a tenant-wide grant' : ''}`);
      out(renderTable(['mailbox', 'app-only', 'signed-in user', 'tenant-wide', 'via'],
        reach.mailboxes.map((r) => [r.mailbox, r.rights.join(', '), r.delegatedRights.join(', '), r.tenantWide ? 'yes' : '', r.via.join('; ')]), 90));
      return;
    }
    const mailboxes = mailbox ? [mailboxOrFail(model, mailbox)] : model.mailboxes;
    const rows: Array<{ mailbox: string; kind: 'reads' | 'sends' | 'other'; entry: MailboxAccessEntry }> = [];
    for (const m of mailboxes) {
      const list = accessToMailbox(model, m);
      for (const [kind, entries] of [['reads', list.readers], ['sends', list.senders], ['other', list.other]] as const) {
        for (const entry of entries) if (!user || isUser(model, entry, user)) rows.push({ mailbox: m.userPrincipalName, kind, entry });
      }
    }
    if (json) { out(JSON.stringify(rows, null, 2)); return; }
    out(user ? `${user}: access to ${mailbox ?? 'every mailbox'}` : `who can read or send as ${mailboxes[0]!.userPrincipalName}`);
    out(renderTable(['mailbox', 'kind', 'who', 'via', 'rights', 'granted', 'note'], rows.map(({ mailbox: mb, kind, entry: e }) => [
      mb, kind, e.kind === 'app' ? `${e.displayName} (app)` : e.principal, e.via, e.rights.join(', '),
      e.grantedDateTime ? `${e.grantedDateTime}${e.grantedBy ? ` by ${e.grantedBy}` : ''}` : '',
      [e.tenantWide ? 'tenant-wide' : '', e.requiresSignedInUser ? 'needs a signed-in user' : '', e.automapping === false ? 'automapping off' : '', e.note ?? ''].filter(Boolean).join('; '),
    ]), 70));
    if (rows.length === 0) out('(no access found)');
  },
};
