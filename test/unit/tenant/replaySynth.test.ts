import { strict as assert } from 'node:assert';
import { DatasetLoader } from '../../../src/core/ingest';
import { createSyntheticTenant } from '../../../src/core/synth';
import { effectiveAccessFor } from '../../../src/core/tenant/access/effectiveAccess';
import { findApp, findMailbox } from '../../../src/core/tenant/identity';
import type { TenantModel } from '../../../src/core/tenant/model';
import { replay } from '../../../src/core/tenant/replay/replay';
import type { AuditLogRow, DirectoryAuditRow } from '../../../src/core/tenant/replay/rows';

const lc = (s?: string | boolean) => String(s ?? '').toLowerCase();

/** The permission-bearing parts of a model, as comparable sets of text. */
function permissionParts(m: TenantModel): Record<string, string[]> {
  return {
    delegations: m.delegations.map((d) => [d.mailbox, d.trustee, d.right, d.folder, (d.folderAccessRights ?? []).join('+'), d.automapping].map(lc).join('|')),
    roleAssignments: m.roleAssignments.map((r) => [r.name, r.role, r.roleAssignee, r.customResourceScope, r.enabled].map(lc).join('|')),
    managementScopes: m.managementScopes.map((s) => [s.name, s.recipientRestrictionFilter].map(lc).join('|')),
    accessPolicies: m.accessPolicies.map((p) => [p.appId, p.accessRight, p.policyScopeGroupId].map(lc).join('|')),
    appPermissions: m.apps.flatMap((a) => a.permissions.map((p) => [a.appId, p.resourceAppId, p.value, p.kind, p.consentType, p.principalId].map(lc).join('|'))),
    appCredentials: m.apps.flatMap((a) => a.credentials.map((c) => [a.appId, c.keyId, c.type].map(lc).join('|'))),
    exchangeServicePrincipals: m.exchangeServicePrincipals.map((s) => [s.appId, s.objectId].map(lc).join('|')),
    sendOnBehalf: m.mailboxes.flatMap((x) => x.grantSendOnBehalfTo.map((t) => `${lc(x.userPrincipalName)}|${lc(t)}`)),
    mailboxes: m.mailboxes.map((x) => [x.userPrincipalName, x.recipientTypeDetails, x.department].map(lc).join('|')),
    mailboxAudit: m.mailboxes.map((x) => [x.userPrincipalName, x.audit.auditEnabled, x.audit.auditBypassEnabled,
      [...x.audit.auditAdmin].sort().join('+'), [...x.audit.auditDelegate].sort().join('+'), [...x.audit.auditOwner].sort().join('+')].map(lc).join('|')),
    groupMembers: m.groups.map((g) => `${lc(g.mail ?? g.displayName)}|${g.members.map(lc).sort().join('+')}`),
    organization: [`${m.organization.auditDisabled}`],
  };
}

async function load(lines: string[]) {
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const loader = new DatasetLoader();
  await loader.load({ name: 'synth.jsonl', async *open() { yield bytes; } });
  return loader.finish().tables;
}

describe('tenant replay of the synthetic tenant\'s audit log', function () {
  this.timeout(120_000);
  const synth = createSyntheticTenant({ seed: 7, users: 20, days: 4, records: 3000 });
  let auditRows: AuditLogRow[] = [];
  let directoryRows: DirectoryAuditRow[] = [];

  before(async () => {
    const audit: string[] = [];
    const directory: string[] = [];
    for (const r of synth.records()) {
      if (r.table === 'AuditLogs') audit.push(JSON.stringify(r.record));
      else if (r.table === 'DirectoryAudits') directory.push(JSON.stringify(r.record));
    }
    // Through the real loader, as an investigator's exported files would go.
    auditRows = (await load(audit)).AuditLogs.objects() as AuditLogRow[];
    directoryRows = (await load(directory)).DirectoryAudits.objects() as DirectoryAuditRow[];
    assert.ok(auditRows.length > 1000 && directoryRows.length > 10);
  });

  const times = () => {
    const attack = synth.changes.filter((c) => c.scenario).map((c) => c.time);
    const picks = [synth.setupEnd, ...attack.filter((_, i) => i % Math.max(1, Math.floor(attack.length / 4)) === 0).map((t) => t + 1), synth.options.end];
    return [...new Set(picks)];
  };

  it('rebuilds the permission-bearing parts of the generator\'s model at several times', () => {
    const ts = times();
    assert.ok(ts.length >= 3);
    for (const t of ts) {
      const expected = permissionParts(synth.modelAt(t));
      const actual = permissionParts(replay(auditRows, { asOf: t }));
      for (const part of Object.keys(expected)) {
        assert.deepEqual(new Set(actual[part]), new Set(expected[part]), `${part} as of ${new Date(t).toISOString()}`);
      }
    }
  });

  it('knows a mailbox GUID only from mailbox audit records, and then knows it right', () => {
    const s = synth.modelAt(synth.options.end);
    const r = replay(auditRows);
    const known = r.mailboxes.filter((m) => m.guid);
    assert.ok(known.length > s.mailboxes.length / 2, `${known.length} of ${s.mailboxes.length} GUIDs learnt`);
    for (const m of known) assert.equal(m.guid, findMailbox(s, m.userPrincipalName)?.guid, m.userPrincipalName);
  });

  it('gives every app the same effective access to every mailbox as the generator\'s model', () => {
    for (const t of [times()[1] ?? synth.setupEnd, synth.options.end]) {
      const s = synth.modelAt(t);
      const r = replay(auditRows, { asOf: t });
      let compared = 0;
      for (const app of s.apps) {
        for (const mb of s.mailboxes) {
          const e1 = effectiveAccessFor(s, app, mb);
          const app2 = findApp(r, app.appId);
          const mb2 = findMailbox(r, mb.userPrincipalName);
          assert.ok(app2 && mb2, `${app.displayName} and ${mb.userPrincipalName} replayed`);
          const e2 = effectiveAccessFor(r, app2, mb2);
          assert.deepEqual([e2.rights, e2.delegatedRights], [e1.rights, e1.delegatedRights], `${app.displayName} on ${mb.userPrincipalName}`);
          compared++;
        }
      }
      assert.ok(compared > 100);
    }
  });

  it('reads the same Entra changes from DirectoryAudits as from their UAL copies', () => {
    const entraOnly = auditRows.filter((r) => r.Workload !== 'AzureActiveDirectory');
    const viaDirectory = permissionParts(replay(entraOnly, { directoryAudits: directoryRows }));
    const viaUal = permissionParts(replay(auditRows));
    for (const part of ['appPermissions', 'appCredentials', 'mailboxes']) {
      assert.deepEqual(new Set(viaDirectory[part]), new Set(viaUal[part]), part);
    }
  });
});
