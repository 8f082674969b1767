import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DatasetLoader } from '../../../src/core/ingest';
import { MsalAppTokenProvider } from '../../../src/connect/auth/msal';
import { createSyntheticTenant } from '../../../src/core/synth';
import { assignmentIsForApp } from '../../../src/core/tenant/access/rbac';
import { allApps } from '../../../src/core/tenant/access/whoCanRead';
import { fold } from '../../../src/core/tenant/identity';
import { matchMailboxes } from '../../../src/core/tenant/opath/evaluate';
import { replayTables } from '../../../src/core/tenant/replay/fromTables';
import { downloadAuditToFolder, downloadRoot } from '../../../src/extension/tenant/sources/auditDownload';
import { readTenantSettings, secretKey, TenantSettingsError } from '../../../src/extension/tenant/sources/liveSettings';
import { liveSource } from '../../../src/extension/tenant/sources/liveSource';
import { TenantService } from '../../../src/extension/tenant/tenantService';
import { tenantViews } from '../../../src/extension/tenant/tenantViews';
import { TenantTreeProvider } from '../../../src/extension/tenant/tree/tenantTreeProvider';
import { startFakeTenant, type FakeTenant } from '../../fakeTenant/server';

const CLIENT_ID = '0b9a3c55-3f0e-4c1e-9d53-2f6a1c7e8d10';
const CLIENT_SECRET = 'Q~host-test-secret-4c1e9d532f6a';

function config(values: Record<string, string>): vscode.WorkspaceConfiguration {
  return { get: (key: string) => values[key] } as unknown as vscode.WorkspaceConfiguration;
}

describe('tenant model read live (fake tenant over HTTPS, real msal-node and Graph client)', function () {
  this.timeout(60_000);
  const synth = createSyntheticTenant({ seed: 11, users: 20, days: 2, records: 2000 });
  let fake: FakeTenant;
  let tokens: MsalAppTokenProvider;
  let service: TenantService;

  before(async () => {
    fake = await startFakeTenant({ model: synth.model, records: synth.records() });
    fake.identity.register({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
    tokens = new MsalAppTokenProvider({ tenantId: fake.tenantId, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, authorityHost: fake.url, ca: fake.ca });
    service = new TenantService();
  });

  after(async () => {
    service?.dispose();
    await fake?.stop();
  });

  const source = () => liveSource({
    tenantId: fake.tenantId, signIn: 'client secret', tokens,
    connection: { graphBaseUrl: fake.url, exchangeBaseUrl: fake.url, ca: fake.ca, timeoutMs: 10_000 },
  });

  it('loads the live inventory into the views: app -> RBAC role assignment -> scope -> mailboxes', async () => {
    const progress: string[] = [];
    const loaded = await service.load(source(), new vscode.CancellationTokenSource().token, (m) => progress.push(m));
    assert.equal(loaded.model.source, 'live');
    assert.match(loaded.source.description, /^tenant .+ \(live, client secret\)$/);
    assert.ok(progress.some((p) => p.startsWith('mailbox permissions')), progress.join('\n'));

    const model = loaded.model;
    const ra = model.roleAssignments.find((r) => r.enabled && r.customResourceScope)!;
    const app = allApps(model).find((a) => assignmentIsForApp(model, ra, a))!;
    const filter = model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope))!.recipientRestrictionFilter;
    const apps = new TenantTreeProvider(service, tenantViews['exoAudit.tenant.apps']!);
    const appNode = apps.getChildren().find((n) => n.appId === app.appId)!;
    const rbac = apps.getChildren(appNode).find((n) => n.label === 'Exchange RBAC role assignments')!;
    const assignment = apps.getChildren(rbac).find((n) => n.label === ra.role)!;
    const scope = apps.getChildren(assignment).find((n) => n.kind === 'scope')!;
    assert.deepEqual(apps.getChildren(scope).map((n) => n.mailbox).sort(), matchMailboxes(filter, model).matched.map((m) => m.userPrincipalName).sort());
    apps.dispose();
  });

  it('refreshes without signing in again, and stops on cancellation', async () => {
    const tokenRequests = () => fake.requests.filter((r) => r.path.includes('/oauth2/v2.0/token')).length;
    const before = tokenRequests();
    await service.refresh(new vscode.CancellationTokenSource().token);
    assert.equal(tokenRequests(), before, 'tokens came from the cache');

    const cancel = new vscode.CancellationTokenSource();
    const loading = service.load(source(), cancel.token, () => cancel.cancel());
    await assert.rejects(loading, (e: unknown) => e instanceof vscode.CancellationError);
  });

  it('downloads the audit log into a folder, and the download rebuilds the same role assignments', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-download-'));
    try {
      const progress: string[] = [];
      const { manifest, files } = await downloadAuditToFolder({
        tenantId: fake.tenantId, tokens, outDir, start: synth.options.start, end: synth.options.end,
        connection: { graphBaseUrl: fake.url, exchangeBaseUrl: fake.url, ca: fake.ca, timeoutMs: 10_000 },
        download: { pollIntervalMs: 1, sleep: async () => undefined },
      }, new vscode.CancellationTokenSource().token, (m) => progress.push(m));
      assert.equal(manifest.totals.AuditLogs, synth.counts.AuditLogs);
      assert.equal(manifest.totals.DirectoryAudits, synth.counts.DirectoryAudits);
      assert.ok(progress.length > 0);
      const loader = new DatasetLoader();
      for (const file of files) await loader.load({ name: path.basename(file), open: async function* () { yield readFileSync(file); } });
      const { model } = replayTables(loader.finish().tables);
      const names = (m: typeof model) => m.roleAssignments.map((r) => `${r.name}|${r.customResourceScope ?? ''}`.toLowerCase()).sort();
      assert.deepEqual(names(model), names(synth.finalModel));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('keeps downloads inside the workspace folder', () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    assert.equal(downloadRoot('audit-downloads'), path.join(folder, 'audit-downloads'));
    assert.throws(() => downloadRoot('../elsewhere'), /outside the workspace/);
    assert.throws(() => downloadRoot(path.join(os.tmpdir(), 'x')), /outside the workspace/);
  });

  it('reads the connection settings and names the one to fix', () => {
    assert.deepEqual(readTenantSettings(config({ tenantId: 'contoso.onmicrosoft.com', clientId: CLIENT_ID, signIn: 'clientSecret' })),
      { tenantId: 'contoso.onmicrosoft.com', clientId: CLIENT_ID, signIn: 'clientSecret' });
    assert.throws(() => readTenantSettings(config({ tenantId: '', signIn: 'deviceCode' })), (e: unknown) => e instanceof TenantSettingsError && e.setting === 'exoAudit.tenant.tenantId');
    assert.throws(() => readTenantSettings(config({ tenantId: fake.tenantId, clientId: 'x', signIn: 'certificate' })), (e: unknown) => e instanceof TenantSettingsError && e.setting === 'exoAudit.tenant.clientId');
    assert.equal(readTenantSettings(config({ tenantId: fake.tenantId, signIn: 'vscode' })).clientId, '');
    const key = secretKey({ tenantId: 'Contoso.onmicrosoft.com', clientId: CLIENT_ID.toUpperCase(), signIn: 'clientSecret' });
    assert.equal(key, `exoAudit.tenant/clientSecret/contoso.onmicrosoft.com/${CLIENT_ID}`);
  });
});
