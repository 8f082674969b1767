import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { exchangeOnlineAppId } from '../../../src/core/tenant/catalogue/resources';
import { replay } from '../../../src/core/tenant/replay/replay';
import type { AuditLogRow, DirectoryAuditRow } from '../../../src/core/tenant/replay/rows';

const corpus = path.resolve(__dirname, '../../..', '..', 'shared', 'corpus');

/** A UAL AuditData object as an AuditLogs row (the catalogue's column names; Parameters as a bag). */
function ualRow(a: Record<string, unknown>): AuditLogRow {
  const bag: Record<string, string> = {};
  if (Array.isArray(a.Parameters)) for (const p of a.Parameters as Array<{ Name: string; Value: string }>) bag[p.Name] = p.Value;
  return {
    Time: Date.parse(`${String(a.CreationTime)}Z`), Operation: String(a.Operation), Id: String(a.Id ?? ''), ResultStatus: String(a.ResultStatus ?? ''),
    UserId: String(a.UserId ?? ''), ObjectId: String(a.ObjectId ?? ''), Parameters: bag, ModifiedProperties: a.ModifiedProperties, Target: a.Target,
  };
}

/** A Graph / Azure Monitor directory audit as a DirectoryAudits row. */
function directoryRow(p: Record<string, unknown>): DirectoryAuditRow {
  return {
    Time: Date.parse(String(p.activityDateTime)), Operation: String(p.activityDisplayName), Id: String(p.id ?? ''), Result: String(p.result ?? ''),
    InitiatedByUser: String((p.initiatedBy as { user?: { userPrincipalName?: string } })?.user?.userPrincipalName ?? ''),
    TargetResources: p.targetResources,
  };
}

function readJson(rel: string): Record<string, unknown> | undefined {
  const file = path.join(corpus, rel);
  if (!fs.existsSync(file)) return undefined;
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { input: { message: string } };
  return JSON.parse(doc.input.message) as Record<string, unknown>;
}

describe('tenant replay of real records from shared/corpus', function () {
  before(function () {
    if (!fs.existsSync(corpus)) {
      console.log(`  (skipped: ${corpus} is absent)`);
      this.skip();
    }
  });

  it('Add app role assignment to service principal (directory audit): SMTP.SendAsApp on Exchange Online', () => {
    const rec = readJson('sekoia-azuread-eventhub/app_role.json');
    assert.ok(rec);
    const model = replay([], { directoryAudits: [directoryRow(rec.properties as Record<string, unknown>)] });
    const app = model.apps.find((a) => a.appId === '77777777-7777-7777-7777-777777777777');
    assert.ok(app, 'the client app is created from ServicePrincipal.AppId');
    assert.equal(app.displayName, 'Apps_Test_SOC');
    assert.deepEqual(app.permissions.map((p) => [p.resourceAppId, p.value, p.kind, p.grantedBy]),
      [[exchangeOnlineAppId, 'SMTP.SendAsApp', 'application', 'JDOE-AAD@example.onmicrosoft.com']]);
  });

  it('Consent to application (UAL): ConsentAction.Permissions becomes delegated grants for the consenting user', () => {
    const rec = readJson('sekoia-o365/ad_2.json');
    assert.ok(rec);
    const model = replay([ualRow(rec)]);
    const app = model.apps.find((a) => a.appId === '11111111-1111-1111-1111-111111111111');
    assert.ok(app);
    assert.equal(app.displayName, 'APPNAME');
    assert.equal(app.servicePrincipalId, '33333333-3333-3333-3333-333333333333');
    assert.deepEqual(app.permissions.map((p) => `${p.value}/${p.consentType}/${p.principalId}`).sort(),
      ['email', 'offline_access', 'openid', 'profile'].map((s) => `${s}/Principal/55555555-5555-5555-5555-555555555555`));
  });

  it('Add-MailboxPermission from a Purview export: DN identities become a mailbox and a trustee', () => {
    const file = path.join(corpus, 'huntress-ctf2023-purview', 'purview.csv');
    assert.ok(fs.existsSync(file));
    const rows = (parseCsv(fs.readFileSync(file), { columns: true, bom: true }) as Array<Record<string, string>>)
      .map((r) => ualRow(JSON.parse(r.AuditData) as Record<string, unknown>));
    const model = replay(rows);
    const d = model.delegations.find((x) => x.right === 'FullAccess');
    assert.ok(d);
    assert.equal(d.mailbox, 'DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}');
    assert.equal(d.trustee, 'Discovery Management');
    assert.equal(d.grantedBy, 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)');
  });

  it('Update application – Certificates and secrets management (Sentinel AuditLogs): the added key', () => {
    const file = path.join(corpus, 'sentinel-training-lab', 'AuditLogs_Hunting.csv');
    assert.ok(fs.existsSync(file));
    const rows = (parseCsv(fs.readFileSync(file), { columns: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>)
      .filter((r) => (r.OperationName ?? '').startsWith('Update application'))
      .map((r, i): DirectoryAuditRow => ({
        Time: Date.parse('2021-08-01T00:00:00Z') + i, Operation: r.OperationName, Id: r.Id, Result: r.Result,
        TargetResources: JSON.parse(r.TargetResources),
      }));
    assert.ok(rows.length > 0);
    const model = replay([], { directoryAudits: rows });
    const app = model.apps.find((a) => a.displayName === 'purview-spn-user099');
    assert.ok(app);
    assert.ok(app.credentials.some((c) => c.keyId === '11ca002d-d846-4692-8e1f-501db99f485a' && c.type === 'password' && c.displayName === 'key 2'));
  });
});
