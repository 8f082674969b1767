import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { TenantModel } from '../../../src/core/tenant';
import type { FakeTenant } from '../../fakeTenant/server';
import { CLIENT_ID, CLIENT_SECRET, permissionParts, picks, startTenant, synthTenant } from './support';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs the CLI in-process and captures what it prints. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => { stdout += String(chunk); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('cli: exo-audit tenant and access', function () {
  this.timeout(120_000);
  let dir: string;
  let auditFile: string;
  let directoryFile: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-cli-'));
    const { synth } = synthTenant();
    auditFile = path.join(dir, 'audit.jsonl');
    directoryFile = path.join(dir, 'directoryAudits.jsonl');
    writeFileSync(auditFile, [...synth.write('ual-jsonl')].join(''));
    writeFileSync(directoryFile, [...synth.write('graph-directoryaudits-jsonl')].join(''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('tenant --from-audit prints the inventory rebuilt from the log: apps by risk, scopes, policies, delegations, audit coverage', async () => {
    const r = await cli(['tenant', '--from-audit', auditFile, directoryFile]);
    assert.equal(r.code, 0, r.stderr);
    for (const heading of ['Apps by risk', 'Management scopes', 'Application access policies', 'Delegations', 'Audit coverage']) assert.ok(r.stdout.includes(heading), heading);
    assert.match(r.stdout, /replayed from 2 file\(s\)/);
    const p = picks(synthTenant().synth.model);
    assert.ok(r.stdout.includes(p.scopedApp.displayName));
    assert.match(r.stdout, new RegExp(`${esc(p.scopeName)}\\s+${esc(p.scopeFilter)}`));
    assert.ok(r.stdout.includes(`Application Mail.Read @ ${p.scopeName}`));
    assert.ok(r.stdout.includes(p.policyGroup.mail!));
  });

  it('tenant --json prints the model; --as-of rebuilds an earlier state', async () => {
    const { synth } = synthTenant();
    const now = JSON.parse((await cli(['tenant', '--from-audit', auditFile, '--json'])).stdout) as TenantModel;
    const expected = permissionParts(synth.model);
    const actual = permissionParts(now);
    for (const part of ['roleAssignments', 'managementScopes', 'accessPolicies', 'appPermissions', 'exchangeServicePrincipals']) {
      assert.deepEqual(new Set(actual[part]), new Set(expected[part]), part);
    }
    const early = JSON.parse((await cli(['tenant', '--from-audit', auditFile, '--as-of', new Date(synth.setupEnd).toISOString(), '--json'])).stdout) as TenantModel;
    assert.deepEqual(new Set(permissionParts(early).roleAssignments), new Set(permissionParts(synth.initialModel).roleAssignments));
    const bad = await cli(['tenant', '--from-audit', auditFile, '--as-of', 'yesterday-ish']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--as-of: cannot read 'yesterday-ish' as a time/);
  });

  it('access explains an app on a mailbox across both systems, and lists what an app can read', async () => {
    const p = picks(synthTenant().synth.model);
    const r = await cli(['access', '--app', p.scopedApp.displayName, '--mailbox', p.inScope, '--from-audit', auditFile]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /app-only rights: read/);
    assert.ok(r.stdout.includes(`[applies] Exchange RBAC role assignment: Application Mail.Read via scope ${p.scopeName} -> read`));
    assert.ok(r.stdout.includes(`scope '${p.scopeName}' (${p.scopeFilter}) matched the mailbox`));
    assert.match(r.stdout, /Test-ServicePrincipalAuthorization:/);
    const j = JSON.parse((await cli(['access', '--app', p.policyApp.displayName, '--mailbox', p.outsider, '--from-audit', auditFile, '--json'])).stdout) as { rights: string[]; testApplicationAccessPolicy: { accessCheckResult: string } };
    assert.deepEqual(j.rights, []);
    assert.equal(j.testApplicationAccessPolicy.accessCheckResult, 'Denied');
    const reach = await cli(['access', '--app', p.scopedApp.displayName, '--from-audit', auditFile]);
    assert.match(reach.stdout, /reaches \d+ of \d+ mailboxes/);
    assert.ok(reach.stdout.includes(p.inScope) && !reach.stdout.includes(p.outsider));
    const missing = await cli(['access', '--app', 'No Such App', '--mailbox', 'x@y', '--from-audit', auditFile]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no app 'No Such App'/);
  });

  it('saves a snapshot and answers from it: who can read a mailbox, and what a person can reach', async () => {
    const snap = path.join(dir, 'tenant.snapshot.json');
    const saved = await cli(['tenant', '--from-audit', auditFile, '--save-snapshot', snap]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, /snapshot saved to/);
    const p = picks(synthTenant().synth.model);
    const who = await cli(['access', '--mailbox', p.sharedFullAccess.mailbox, '--snapshot', snap]);
    assert.equal(who.code, 0, who.stderr);
    assert.match(who.stdout, /# snapshot .*tenant\.snapshot\.json \(replay/);
    assert.match(who.stdout, new RegExp(`reads\\s+${esc(p.sharedFullAccess.trustee)}\\s+FullAccess`));
    const person = JSON.parse((await cli(['access', '--user', p.delegate.trustee, '--snapshot', snap, '--json'])).stdout) as Array<{ mailbox: string; entry: { via: string } }>;
    assert.ok(person.some((x) => x.mailbox === p.delegate.mailbox && x.entry.via === 'FullAccess'));
    assert.ok(person.some((x) => x.mailbox === p.delegateFolder.mailbox && x.entry.via.startsWith(`folder ${p.delegateFolder.folder}`)));
    const tenant = await cli(['tenant', '--snapshot', snap]);
    assert.match(tenant.stdout, /\[snapshot\]/);
  });

  describe('--connect', () => {
    let fake: FakeTenant;
    afterEach(async () => { await fake?.stop(); });

    it('reads the live tenant with the secret from an environment variable, and saves a snapshot', async () => {
      fake = await startTenant();
      const ca = path.join(dir, 'fake-ca.pem');
      writeFileSync(ca, fake.ca);
      process.env.EXO_AUDIT_TEST_SECRET = CLIENT_SECRET;
      const snap = path.join(dir, 'live.json');
      try {
        const args = ['--connect', '--tenant', fake.tenantId, '--client-id', CLIENT_ID, '--client-secret-env', 'EXO_AUDIT_TEST_SECRET',
          '--authority-host', fake.url, '--graph-url', fake.url, '--exchange-url', fake.url, '--ca-file', ca];
        const r = await cli(['tenant', ...args, '--save-snapshot', snap]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /\[live\]/);
        assert.match(r.stdout, /read live from tenant/);
        const text = readFileSync(snap, 'utf8');
        assert.ok(!text.includes(CLIENT_SECRET) && !r.stdout.includes(CLIENT_SECRET) && !r.stderr.includes(CLIENT_SECRET));
        const p = picks(synthTenant().synth.model);
        const a = await cli(['access', ...args, '--app', p.imapApp.displayName, '--mailbox', p.imapMailbox]);
        assert.match(a.stdout, /app-only rights: imap/);
      } finally {
        delete process.env.EXO_AUDIT_TEST_SECRET;
      }
    });

    it('takes secrets only from the environment or a certificate file', async () => {
      const r = await cli(['tenant', '--connect', '--tenant', 't', '--client-id', 'c', '--client-secret', 'Q~typed-on-the-command-line']);
      assert.equal(r.code, 2);
      assert.ok(!r.stderr.includes('Q~typed-on-the-command-line'), r.stderr);
      const unset = await cli(['tenant', '--connect', '--tenant', 't', '--client-id', 'c', '--client-secret-env', 'EXO_AUDIT_NOT_SET_ANYWHERE']);
      assert.match(unset.stderr, /the environment variable EXO_AUDIT_NOT_SET_ANYWHERE is not set/);
      const two = await cli(['tenant', '--snapshot', 'a.json', '--from-audit', auditFile]);
      assert.match(two.stderr, /say where the tenant comes from, once/);
    });
  });
});
