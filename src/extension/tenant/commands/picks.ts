import * as vscode from 'vscode';
import { mailboxesReadableByApp } from '../../../core/tenant/access/whoCanRead';
import { findApp, fold } from '../../../core/tenant/identity';
import type { TenantModel } from '../../../core/tenant/model';
import type { TenantService } from '../tenantService';
import { pickText } from './ui';

/** Asks for an app, riskiest first. */
export async function pickApp(service: TenantService): Promise<string> {
  const items = service.risks().map((r) => ({
    label: pickText(r.app.displayName || r.app.appId),
    description: pickText(r.app.appId),
    detail: pickText(r.reasons.join('; ') || 'no mail access'),
    appId: r.app.appId,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'exo-audit: pick an app', matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.appId;
}

/** Asks for a mailbox; with an app, the mailboxes it reaches come first with their rights. */
export async function pickMailbox(model: TenantModel, appId?: string): Promise<string> {
  const app = appId ? findApp(model, appId) : undefined;
  const reach = app ? new Map(mailboxesReadableByApp(model, app, { includeBasic: true, includeDelegated: true }).mailboxes.map((r) => [fold(r.mailbox), r])) : new Map();
  const items = model.mailboxes
    .map((m) => {
      const r = reach.get(fold(m.userPrincipalName));
      return {
        label: pickText(m.userPrincipalName),
        description: pickText(r ? [...r.rights, ...r.delegatedRights].join(', ') : m.displayName),
        mailbox: m.userPrincipalName,
        reached: r !== undefined,
      };
    })
    .sort((a, b) => Number(b.reached) - Number(a.reached) || a.mailbox.localeCompare(b.mailbox));
  const picked = await vscode.window.showQuickPick(items, { title: 'exo-audit: pick a mailbox', matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) throw new vscode.CancellationError();
  return picked.mailbox;
}
