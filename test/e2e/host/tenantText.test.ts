import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DatasetLoader } from '../../../src/core/ingest';
import { lex, parseDocument } from '../../../src/core/query';
import { createSyntheticTenant } from '../../../src/core/synth';
import { explainAccess } from '../../../src/core/tenant/access/effectiveAccess';
import { assignmentIsForApp } from '../../../src/core/tenant/access/rbac';
import { allApps } from '../../../src/core/tenant/access/whoCanRead';
import { diffModels } from '../../../src/core/tenant/diff';
import { fold } from '../../../src/core/tenant/identity';
import { appMailboxRemediationScript, appRemediationScript } from '../../../src/core/tenant/inventory/accessRemediation';
import { excludeMailboxFromScopeScript } from '../../../src/core/tenant/inventory/scopeNarrowing';
import type { TenantModel } from '../../../src/core/tenant/model';
import { matchMailboxes } from '../../../src/core/tenant/opath/evaluate';
import { appActivityQuery } from '../../../src/extension/tenant/documents/appActivityQuery';
import { diffMarkdown } from '../../../src/extension/tenant/documents/diffMarkdown';
import { explainAccessMarkdown } from '../../../src/extension/tenant/documents/explainAccessMarkdown';
import { mdCodeBlock, mdText } from '../../../src/extension/tenant/documents/markdownText';
import { replaySource } from '../../../src/extension/tenant/sources/replaySource';
import type { LoadedDataset } from '../../../src/extension/dataset/loadedDataset';

const quoteChars = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/** The value of the PowerShell single-quoted literal after `-Name ` in a command line, read as PowerShell reads it. */
function psArgument(command: string, name: string): string {
  let i = command.indexOf(`-${name} `);
  assert.ok(i >= 0, `no -${name} in ${command}`);
  i += name.length + 2;
  assert.ok(quoteChars.has(command[i]!), `-${name} is not a quoted literal in ${command}`);
  let value = '';
  for (i++; i < command.length; i++) {
    const c = command[i]!;
    if (quoteChars.has(c)) {
      if (quoteChars.has(command[i + 1] ?? '')) { value += c; i++; continue; }
      return value;
    }
    value += c;
  }
  throw new Error(`unterminated literal in ${command}`);
}

describe('tenant documents and remediation text', function () {
  this.timeout(60_000);
  const synth = createSyntheticTenant({ seed: 5, users: 20, days: 3, records: 2500 });
  const model: TenantModel = structuredClone(synth.model);
  const ra = model.roleAssignments.find((r) => r.enabled && r.customResourceScope)!;
  const scope = model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope))!;
  const app = allApps(model).find((a) => assignmentIsForApp(model, ra, a))!;
  const inScope = matchMailboxes(scope.recipientRestrictionFilter, model).matched;
  const outOfScope = model.mailboxes.find((m) => !inScope.includes(m))!;

  it('explains effective access: the RBAC grant, its scope, and the rights', () => {
    assert.ok(ra && app && inScope.length > 0 && outOfScope, 'the synthetic tenant has a scoped RBAC app');
    const ea = explainAccess(model, app.appId, inScope[0]!.userPrincipalName)!;
    const text = explainAccessMarkdown(ea, 'snapshot test.json');
    assert.ok(text.startsWith(`# Effective access: ${mdText(app.displayName)} → ${mdText(inScope[0]!.userPrincipalName)}`), text);
    assert.ok(text.includes('## Grants that apply'), text);
    assert.ok(text.includes(`### Exchange RBAC role assignment: ${mdText(`${ra.role} via scope ${scope.name}`)}`), text);
    assert.ok(text.includes(mdText(`scope '${scope.name}' (${scope.recipientRestrictionFilter}) matched the mailbox`)), text);
    assert.match(text, /\*\*Rights \(app-only\)\*\*: .*read/);

    const outside = explainAccessMarkdown(explainAccess(model, app.appId, outOfScope.userPrincipalName)!, 'snapshot');
    assert.ok(outside.includes('## Grants that do not apply to this mailbox'), outside);
    assert.ok(outside.includes(mdText('did not match the mailbox')), outside);
  });

  it('escapes Markdown in every piece of data and fences code that holds backticks', () => {
    const escaped = mdText('<script>x</script> [a](command:y) # h\n- item | cell');
    assert.ok(!/[<>\n]/.test(escaped), escaped);
    assert.ok(!escaped.includes(']('), escaped);
    assert.equal(escaped, '&lt;script&gt;x&lt;/script&gt; \\[a\\]\\(command\\:y\\) \\# h \\- item \\| cell');
    const block = mdCodeBlock("Write-Host '```'\n````", 'powershell');
    assert.ok(block.startsWith('`````powershell\n') && block.endsWith('\n`````'), block);
  });

  it('quotes data in remediation so a hostile value stays one literal', () => {
    const hostileGuid = "0f0e' -or Name -like '*";
    const victim = { ...inScope[0]!, guid: hostileGuid };
    const script = excludeMailboxFromScopeScript(scope, victim);
    assert.equal(script.split('\n').length, 1);
    assert.equal(psArgument(script, 'Identity'), scope.name);
    const filter = psArgument(script, 'RecipientRestrictionFilter');
    const modelWithVictim = { ...model, mailboxes: model.mailboxes.map((m) => (m === inScope[0] ? victim : m)) };
    const narrowed = matchMailboxes(filter, modelWithVictim);
    assert.equal(narrowed.error, undefined, `the narrowed filter parses: ${filter}`);
    assert.deepEqual(narrowed.matched.map((m) => m.userPrincipalName).sort(), inScope.slice(1).map((m) => m.userPrincipalName).sort());
  });

  it('keeps hostile permission text inside comments and literals (no injected command line)', () => {
    const victim = structuredClone(model);
    const target = victim.apps.find((a) => a.appId === app.appId)!;
    // The resource name reaches the comment line of the revoke script; it comes from consent records.
    target.displayName = 'Evil\nStop-Computer';
    target.permissions.push({ resourceAppId: '00000003-0000-0000-c000-000000000000', resourceName: 'Microsoft Graph\r\nRemove-Mailbox -Identity * -Confirm:$false', value: 'Mail.Read', kind: 'application' });
    const scripts = [appRemediationScript(victim, target), appMailboxRemediationScript(victim, target, inScope[0]!)];
    assert.ok(scripts.every((script) => script.includes("Where-Object { $_.Value -eq 'Mail.Read' }")), 'the hostile permission is in both scripts');
    for (const script of scripts) {
      for (const line of script.split('\n')) {
        assert.ok(!/^\s*(Remove-Mailbox|Stop-Computer)\b/.test(line), `injected command line: ${line}\n---\n${script}`);
      }
    }
    assert.ok(appRemediationScript(victim, target).includes(`Remove-ManagementRoleAssignment -Identity '${ra.name.replace(/'/g, "''")}' -Confirm:$false`));
  });

  it('writes an EXQ query whose string literals read back as the app id', () => {
    const appId = 'a"b\\c\nd\' or 1 == 1 //';
    const query = appActivityQuery(appId, 'Name\nAuditLogs | take 1');
    const parsed = parseDocument(query);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
    const strings = lex(query).tokens.filter((t) => t.kind === 'string').map((t) => t.value);
    assert.deepEqual(strings, [appId, appId]);
    assert.equal(query.split('\n').filter((l) => l.startsWith('AuditLogs')).length, 1, query);
  });

  it('rebuilds the model from a loaded dataset as of a time (Rebuild from Audit Log)', async () => {
    const lines: string[] = [];
    for (const r of synth.records()) if (r.table === 'AuditLogs' || r.table === 'DirectoryAudits') lines.push(JSON.stringify(r.record));
    const loader = new DatasetLoader();
    await loader.load({ name: 'synth.jsonl', open: async function* () { yield Buffer.from(lines.join('\n')); } });
    const dataset = loader.finish();
    const loaded: LoadedDataset = { sources: ['synth.jsonl'], records: dataset.ledger.loaded, duplicates: 0, rejected: dataset.ledger.rejected, firstTime: null, lastTime: null, dataset };
    const token = new vscode.CancellationTokenSource().token;
    const names = (m: TenantModel) => m.roleAssignments.map((r) => `${r.name}|${r.customResourceScope ?? ''}|${r.enabled}`.toLowerCase()).sort();
    const end = await replaySource(() => loaded).load(token);
    assert.deepEqual(names(end.model), names(synth.finalModel));
    assert.ok(end.notes[0]!.startsWith('read '), end.notes.join('\n'));
    const early = await replaySource(() => loaded, synth.setupEnd).load(token);
    assert.deepEqual(names(early.model), names(synth.modelAt(synth.setupEnd)));
    assert.equal(early.model.asOf, new Date(synth.setupEnd).toISOString());
    await assert.rejects(replaySource(() => undefined).load(token), /no audit data is loaded/);
  });

  it('describes what changed between two times (Compare with Time)', () => {
    const before = synth.modelAt(synth.setupEnd);
    const diff = diffModels(before, synth.finalModel);
    const text = diffMarkdown(diff, 'replay as of setup', 'replay as of end');
    assert.ok(diff.added.length > 0);
    assert.ok(text.includes(`## Added (${diff.added.length})`), text);
    for (const e of diff.added.filter((x) => x.kind === 'roleAssignment')) assert.ok(text.includes(`- **role assignment** ${mdText(e.label)}`), text);
  });
});
