import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createSyntheticTenant } from '../../../src/core/synth';
import { explainAccess } from '../../../src/core/tenant/access/effectiveAccess';
import { assignmentIsForApp } from '../../../src/core/tenant/access/rbac';
import { allApps } from '../../../src/core/tenant/access/whoCanRead';
import { fold } from '../../../src/core/tenant/identity';
import { auditCoverage } from '../../../src/core/tenant/inventory/auditCoverage';
import type { TenantModel } from '../../../src/core/tenant/model';
import { matchMailboxes } from '../../../src/core/tenant/opath/evaluate';
import type { TenantSource } from '../../../src/extension/tenant/tenantSource';
import { TenantService } from '../../../src/extension/tenant/tenantService';
import { tenantViews } from '../../../src/extension/tenant/tenantViews';
import type { TenantNode } from '../../../src/extension/tenant/tree/tenantNode';
import { TenantTreeProvider } from '../../../src/extension/tenant/tree/tenantTreeProvider';

const hostile = '<img src=x onerror=alert(1)> [run](command:workbench.action.quit) **bold** `code`';

function modelSource(model: TenantModel): TenantSource {
  return { kind: 'snapshot', description: 'synthetic tenant (test)', load: async () => ({ model, notes: [] }) };
}

function providerFor(service: TenantService, view: keyof typeof tenantViews): TenantTreeProvider {
  return new TenantTreeProvider(service, tenantViews[view]!);
}

function child(provider: TenantTreeProvider, parent: TenantNode, matches: (n: TenantNode) => boolean, what: string): TenantNode {
  const found = provider.getChildren(parent).find(matches);
  assert.ok(found, `${what} under "${parent.label}"; children: ${provider.getChildren(parent).map((n) => n.label).join(' | ')}`);
  return found;
}

/** Every id in a subtree is unique (VS Code refuses duplicate ids in one view). */
function collectIds(provider: TenantTreeProvider, nodes: TenantNode[], depth: number, into: string[]): string[] {
  for (const n of nodes) {
    into.push(n.id);
    if (depth > 0 && n.children) collectIds(provider, provider.getChildren(n), depth - 1, into);
  }
  return into;
}

describe('tenant tree views over a synthetic tenant', function () {
  this.timeout(60_000);
  const synth = createSyntheticTenant({ seed: 11, users: 24, days: 3, records: 2500 });
  const model: TenantModel = structuredClone(synth.model);
  // Attacker-controlled text in the model: a display name and a mailbox with auditing bypassed.
  const scopedAssignment = model.roleAssignments.find((ra) => ra.enabled && ra.customResourceScope
    && matchMailboxes(model.managementScopes.find((s) => fold(s.name) === fold(ra.customResourceScope))?.recipientRestrictionFilter ?? '', model).matched.length > 0);
  const scopedApp = scopedAssignment ? allApps(model).find((a) => assignmentIsForApp(model, scopedAssignment, a)) : undefined;
  const bypassed = model.mailboxes[model.mailboxes.length - 1]!;
  bypassed.audit.auditBypassEnabled = true;
  const hostileApp = model.apps.find((a) => a !== scopedApp)!;
  hostileApp.displayName = hostile;

  let service: TenantService;

  before(async () => {
    assert.ok(scopedAssignment && scopedApp, 'the synthetic tenant has an app with a scoped RBAC role assignment that matches mailboxes');
    service = new TenantService();
    await service.load(modelSource(model), new vscode.CancellationTokenSource().token);
  });

  after(() => service.dispose());

  it('lists apps by risk and shows an app\'s RBAC role assignment -> scope -> matched mailboxes', () => {
    const apps = providerFor(service, 'exoAudit.tenant.apps');
    const roots = apps.getChildren();
    assert.equal(roots.length, allApps(model).length);
    const scores = service.risks().map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'apps are sorted by risk');
    assert.deepEqual(roots.map((n) => n.appId), service.risks().map((r) => r.app.appId));

    const appNode = roots.find((n) => n.appId === scopedApp!.appId)!;
    assert.equal(appNode.label, scopedApp!.displayName);
    const rbac = child(apps, appNode, (n) => n.label === 'Exchange RBAC role assignments', 'the RBAC section');
    const assignment = child(apps, rbac, (n) => n.kind === 'roleAssignment' && n.label === scopedAssignment!.role, 'the role assignment');
    assert.equal(assignment.description, `scope ${scopedAssignment!.customResourceScope}`);
    const scope = child(apps, assignment, (n) => n.kind === 'scope', 'the scope');
    assert.equal(scope.label, scopedAssignment!.customResourceScope);
    const filter = model.managementScopes.find((s) => fold(s.name) === fold(scopedAssignment!.customResourceScope))!.recipientRestrictionFilter;
    const expected = matchMailboxes(filter, model).matched.map((m) => m.userPrincipalName).sort();
    const mailboxes = apps.getChildren(scope);
    assert.deepEqual(mailboxes.map((n) => n.label).sort(), expected);
    for (const m of mailboxes) {
      assert.equal(m.appId, scopedApp!.appId);
      const ea = explainAccess(model, m.appId!, m.mailbox!)!;
      assert.ok(ea.grants.some((g) => g.applies && g.roleAssignment === scopedAssignment!.name), `${m.mailbox} is reached through ${scopedAssignment!.name}`);
      // Remediation narrows the scope to leave exactly this mailbox out.
      assert.match(m.remediation!(), /^Set-ManagementScope -Identity '/);
    }

    const item = apps.getTreeItem(assignment);
    assert.equal(item.contextValue, `tenant.roleAssignment hasApp remediable`);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const ids = collectIds(apps, roots, 4, []);
    assert.equal(new Set(ids).size, ids.length, 'tree item ids are unique');
  });

  it('renders tooltips as untrusted Markdown with the data escaped', () => {
    const apps = providerFor(service, 'exoAudit.tenant.apps');
    const node = apps.getChildren().find((n) => n.appId === hostileApp.appId)!;
    assert.equal(node.label, hostile, 'labels are plain text and show the name as it is');
    const tooltip = apps.getTreeItem(node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    assert.ok(!tooltip.value.includes('<img'), tooltip.value);
    assert.ok(!tooltip.value.includes('](command:'), tooltip.value);
    assert.ok(tooltip.value.includes('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;'), tooltip.value);
    assert.ok(tooltip.value.includes('\\*\\*bold\\*\\*'), tooltip.value);
  });

  it('shows who can read a mailbox, through which system, and its audit settings', () => {
    const view = providerFor(service, 'exoAudit.tenant.mailboxes');
    const target = matchMailboxes(model.managementScopes.find((s) => fold(s.name) === fold(scopedAssignment!.customResourceScope))!.recipientRestrictionFilter, model).matched[0]!;
    const mailbox = view.getChildren().find((n) => n.mailbox === target.userPrincipalName)!;
    assert.ok(mailbox, 'the mailbox is listed');
    const readers = child(view, mailbox, (n) => n.label === 'Who can read', 'the readers section');
    const app = child(view, readers, (n) => n.appId === scopedApp!.appId, 'the scoped app among the readers');
    assert.match(app.description ?? '', /Exchange RBAC role assignment/);
    assert.equal(view.getTreeItem(app).contextValue, 'tenant.reader hasApp hasMailbox remediable');
    const audit = child(view, mailbox, (n) => n.label === 'Audit settings', 'the audit settings');
    const settings = view.getChildren(audit).map((n) => n.label);
    for (const name of ['AuditEnabled', 'AuditBypassEnabled', 'AuditOwner', 'AuditDelegate', 'AuditAdmin']) assert.ok(settings.includes(name), name);
  });

  it('lists management scopes with the assignments using them and the mailboxes they match', () => {
    const view = providerFor(service, 'exoAudit.tenant.scopes');
    const scopes = view.getChildren();
    assert.deepEqual(scopes.map((n) => n.label), model.managementScopes.map((s) => s.name));
    const scope = scopes.find((n) => fold(n.label) === fold(scopedAssignment!.customResourceScope))!;
    const usedBy = child(view, scope, (n) => n.label === 'Used by role assignments', 'the assignments using the scope');
    const assignment = child(view, usedBy, (n) => n.kind === 'roleAssignment', 'the assignment');
    assert.equal(assignment.appId, scopedApp!.appId);
    const matched = view.getChildren(scope).filter((n) => n.kind === 'mailbox').map((n) => n.mailbox).sort();
    assert.deepEqual(matched, matchMailboxes(model.managementScopes.find((s) => s.name === scope.label)!.recipientRestrictionFilter, model).matched.map((m) => m.userPrincipalName).sort());
  });

  it('lists audit coverage gaps with a Set-Mailbox remediation for each', () => {
    const view = providerFor(service, 'exoAudit.tenant.auditCoverage');
    const coverage = auditCoverage(model);
    const gaps = view.getChildren().filter((n) => n.kind === 'auditGap');
    assert.deepEqual(gaps.map((n) => n.mailbox), coverage.gaps.map((g) => g.mailbox));
    const bypass = gaps.find((n) => n.mailbox === bypassed.userPrincipalName)!;
    assert.ok(bypass, 'the bypassed mailbox is a gap');
    assert.equal(bypass.icon, 'error');
    assert.ok(bypass.remediation!().includes(`Set-MailboxAuditBypassAssociation -Identity '${bypassed.userPrincipalName}' -AuditBypassEnabled $false`));
  });

  it('empties every view when the model is cleared, and says so through onDidChangeTreeData', async () => {
    const view = providerFor(service, 'exoAudit.tenant.apps');
    assert.ok(view.getChildren().length > 0);
    const fired = new Promise<void>((resolve) => view.onDidChangeTreeData(() => resolve()));
    service.clear();
    await fired;
    assert.deepEqual(view.getChildren(), []);
    await service.load(modelSource(model), new vscode.CancellationTokenSource().token);
    assert.ok(view.getChildren().length > 0);
  });
});
