import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { TenantService } from './tenantService';
import { appsRoots } from './tree/appNodes';
import { coverageRoots } from './tree/coverageNodes';
import { mailboxesRoots } from './tree/mailboxNodes';
import { scopesRoots } from './tree/scopeNodes';
import { TenantTreeProvider, type RootBuilder } from './tree/tenantTreeProvider';

/** The tenant views in the exo-audit container (package.json contributes.views), by id. */
export const tenantViews: Readonly<Record<string, RootBuilder>> = {
  'exoAudit.tenant.apps': appsRoots,
  'exoAudit.tenant.mailboxes': mailboxesRoots,
  'exoAudit.tenant.scopes': scopesRoots,
  'exoAudit.tenant.auditCoverage': coverageRoots,
};

/** Creates the tree views; each shows where the model came from as its description. */
export function registerTenantViews(ctx: Ctx, service: TenantService): void {
  for (const [id, roots] of Object.entries(tenantViews)) {
    const provider = ctx.extensionScope.add(new TenantTreeProvider(service, roots));
    const view = ctx.extensionScope.add(vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true }));
    const describe = (): void => {
      const loaded = service.current;
      view.description = loaded ? `${loaded.source.kind} · as of ${loaded.model.asOf.slice(0, 16).replace('T', ' ')}` : undefined;
    };
    describe();
    ctx.extensionScope.add(service.onDidChange(describe));
  }
}
