import * as vscode from 'vscode';
import { registerCommands } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { TenantSignIns } from './sources/signIns';
import { tenantCommandTable } from './tenantCommands';
import { TenantService } from './tenantService';
import { registerTenantViews } from './tenantViews';

/** The tenant views and commands; returns the ids of the commands it registered. */
export function activateTenantFeature(ctx: Ctx): string[] {
  const service = ctx.extensionScope.add(new TenantService(() => ({
    recentCredentialDays: vscode.workspace.getConfiguration('exoAudit.tenant').get<number>('recentCredentialDays', 30),
  })));
  ctx.extensionScope.add(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('exoAudit.tenant.recentCredentialDays')) service.settingsChanged();
  }));
  registerTenantViews(ctx, service);
  ctx.extensionScope.add(service.onDidChange((loaded) => ctx.testEvents.emit({
    event: 'tenantChanged',
    source: loaded?.source.description ?? '',
    apps: loaded?.model.apps.length ?? 0,
    mailboxes: loaded?.model.mailboxes.length ?? 0,
  })));
  const signIns = ctx.extensionScope.add(new TenantSignIns(ctx.extensionContext.secrets));
  return registerCommands(ctx, tenantCommandTable({ service, signIns }));
}
