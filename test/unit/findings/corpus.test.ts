/**
 * The findings a human analyst expects on the real sample exports in ../shared/corpus,
 * loaded with the real loader from file streams; the rest must not crash.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFindings, runFindingsSync, type FindingsResult } from '../../../src/core/findings';
import { DatasetLoader, type Dataset } from '../../../src/core/ingest';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return e.name === 'SOURCE.txt' ? [] : [p];
  }).sort();
}

describe('findings on the shared corpus', function () {
  let ds: Dataset;
  let res: FindingsResult;

  before(async function () {
    if (!fs.existsSync(corpusDir)) {
      console.log(`      (skipped: no shared corpus at ${path.relative(repoRoot, corpusDir)})`);
      this.skip();
    }
    const loader = new DatasetLoader();
    for (const file of filesUnder(corpusDir)) {
      await loader.load({ name: path.relative(corpusDir, file), size: fs.statSync(file).size, open: () => fs.createReadStream(file) });
    }
    ds = loader.finish();
    res = runFindingsSync(ds.tables);
  });

  function rowsOf(file: string, operation: RegExp): { id: string; user: string }[] {
    const t = ds.tables.AuditLogs;
    const files = t.array('SourceFile') as string[];
    const ops = t.array('Operation') as string[];
    const ids = t.array('Id') as string[];
    const users = t.array('UserId') as string[];
    const out: { id: string; user: string }[] = [];
    for (let i = 0; i < files.length; i++) if (files[i] === file && operation.test(ops[i]!)) out.push({ id: ids[i]!, user: users[i]! });
    return out;
  }

  it('finds the Huntress tenant\'s 38 one-letter inbox rules from DebraB as one finding', () => {
    const rules = rowsOf('huntress-ctf2023-purview/purview.csv', /^New-InboxRule$/).filter((r) => /^debrab@/i.test(r.user));
    assert.equal(rules.length, 38);
    const hits = res.findings.filter((f) => f.ruleId === 'suspicious-inbox-rule' && /^debrab@/i.test(f.actor));
    assert.equal(hits.length, 1);
    const [f] = hits;
    assert.deepEqual([...f!.evidence[0]!.ids].sort(), rules.map((r) => r.id).sort());
    assert.deepEqual(f!.details.from, ['flag@ctf.com']);
    assert.ok(f!.reasons.some((r) => /very short or symbol-only rule name/.test(r.text)));
    assert.ok(f!.reasons.some((r) => /Conversation History/.test(r.text)));
    assert.ok(f!.severity === 'high' || f!.severity === 'critical', f!.severity);
  });

  it('reads the rule of an Outlook UpdateInboxRules from OperationProperties: forwarding to four addresses (sekoia-o365/operation_properties_01.json)', () => {
    const [change] = rowsOf('sekoia-o365/operation_properties_01.json', /^UpdateInboxRules$/);
    assert.ok(change);
    const f = res.findings.find((x) => x.ruleId === 'suspicious-inbox-rule' && x.evidence.some((e) => e.ids.includes(change.id)));
    assert.ok(f, 'inbox rule finding');
    assert.deepEqual(f.details.forwardTo, ['john.doe@mail.fr', 'user@email.fr', 'asmithee@mailbox.fr', 'user.name@mail.fr']);
    assert.ok(f.reasons.some((r) => /forwards or redirects mail/.test(r.text)));
  });

  it('finds the end-user consent with offline_access (sekoia-o365/ad_2.json)', () => {
    const [consent] = rowsOf('sekoia-o365/ad_2.json', /^Consent to application$/);
    assert.ok(consent);
    const f = res.findings.find((x) => x.ruleId === 'entra-app-mail-access' && x.evidence.some((e) => e.ids.includes(consent.id)));
    assert.ok(f, 'consent finding');
    assert.equal(f.actor, 'john.doe@example.com');
    assert.equal(f.app, '11111111-1111-1111-1111-111111111111');
    assert.match(f.title, /^User consent to APPNAME/);
    assert.ok(f.reasons.some((r) => /offline_access/.test(r.text)));
  });

  it('finds each "Update application – Certificates and secrets management" of the Sentinel lab', () => {
    const t = ds.tables.DirectoryAudits;
    const files = t.array('SourceFile') as string[];
    const ids = (t.array('Id') as string[]).filter((_, i) => files[i] === 'sentinel-training-lab/AuditLogs_Hunting.csv');
    assert.equal(ids.length, 5);
    const creds = res.findings.filter((f) => f.ruleId === 'entra-app-mail-access' && /^Credential added to/.test(f.title));
    for (const id of ids) assert.ok(creds.some((f) => f.evidence.some((e) => e.table === 'DirectoryAudits' && e.ids.includes(id))), `credential finding for ${id}`);
    const ent1 = creds.find((f) => /EntApp01/.test(f.title))!;
    assert.deepEqual(ent1.details.keys, ['secret 1714a3cf-c8dc-40e6-bc2a-fdfaf55baf42 "PurviewAppAccess"']);
    assert.equal(ent1.remediation[0]!.powershell, "Remove-MgApplicationPassword -ApplicationId 'a05db9f5-91e6-4bba-xxxx-cf38984e89fc' -KeyId '1714a3cf-c8dc-40e6-bc2a-fdfaf55baf42'");
  });

  it('does not report Exchange\'s own FullAccess grant on DiscoverySearchMailbox', () => {
    const [grant] = rowsOf('huntress-ctf2023-purview/purview.csv', /^Add-MailboxPermission$/);
    assert.ok(grant);
    assert.match(grant.user, /^NT AUTHORITY\\SYSTEM/);
    assert.ok(!res.findings.some((f) => f.evidence.some((e) => e.ids.includes(grant.id))));
    assert.ok(!res.findings.some((f) => f.ruleId === 'delegation-granted'));
  });

  it('runs every rule on the rest without an error, the same whether selected by query or by scan', async () => {
    assert.deepEqual(res.errors, []);
    const queried = await runFindings(ds.tables);
    assert.deepEqual(queried.errors, []);
    assert.deepEqual(queried.findings.map((f) => f.id), res.findings.map((f) => f.id));
  });
});
