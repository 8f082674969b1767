import * as vscode from 'vscode';
import { explainAccess } from '../../../core/tenant/access/effectiveAccess';
import { findApp } from '../../../core/tenant/identity';
import { psComment } from '../../../core/tenant/inventory/accessRemediation';
import { recommendedAuditAdmin, recommendedAuditDelegate } from '../../../core/tenant/inventory/auditCoverage';
import type { Ctx } from '../../ctx';
import { appActivityQuery } from '../documents/appActivityQuery';
import { explainAccessMarkdown } from '../documents/explainAccessMarkdown';
import type { TenantContext } from '../tenantContext';
import { subjectOf } from './commandSubject';
import { pickApp, pickMailbox } from './picks';
import { openUntitled, requireTenant } from './ui';

/** The timeline belongs to another part of the extension; this command id is its contract. */
export const SHOW_TIMELINE_COMMAND = 'exoAudit.showTimeline';

/** App x mailbox: rights and the explanation, as a Markdown document. Asks for whichever of the two the item lacks. */
export function explainEffectiveAccess(_ctx: Ctx, { service }: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    const { model, source } = requireTenant(service);
    const subject = subjectOf(arg);
    const appId = subject.appId ?? await pickApp(service);
    const mailbox = subject.mailbox ?? await pickMailbox(model, appId);
    const ea = explainAccess(model, appId, mailbox);
    if (!ea) throw new Error(`the model has no app '${appId}' or no mailbox '${mailbox}'`);
    await openUntitled('markdown', explainAccessMarkdown(ea, source.description));
  };
}

/** Opens an EXQ query over the app's audit records in a new editor. */
export function queryAppActivity(_ctx: Ctx, { service }: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    const { model } = requireTenant(service);
    const appId = subjectOf(arg).appId ?? await pickApp(service);
    await openUntitled('exq', appActivityQuery(appId, findApp(model, appId)?.displayName));
  };
}

export function showOnTimeline(_ctx: Ctx, _tenant: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    const { appId, mailbox } = subjectOf(arg);
    if (!appId && !mailbox) throw new Error('Show on Timeline needs an app or a mailbox item');
    if (!(await vscode.commands.getCommands(true)).includes(SHOW_TIMELINE_COMMAND)) {
      void vscode.window.showInformationMessage('exo-audit: the timeline view is not part of this build yet, so there is nothing to show this item on.');
      return;
    }
    await vscode.commands.executeCommand(SHOW_TIMELINE_COMMAND, { ...(appId ? { appId } : {}), ...(mailbox ? { mailbox } : {}) });
  };
}

/** Puts the PowerShell that removes what the item stands for on the clipboard. */
export function copyRemediation(ctx: Ctx, _tenant: TenantContext) {
  return async (arg?: unknown): Promise<void> => {
    const { remediation, label } = subjectOf(arg);
    if (!remediation) throw new Error('this item has no remediation');
    const script = remediation();
    await vscode.env.clipboard.writeText(script);
    ctx.output.info(`remediation copied for ${label ?? 'item'} (${script.split('\n').length} lines)`);
    const open = 'Open in Editor';
    void vscode.window.showInformationMessage('exo-audit: remediation PowerShell copied to the clipboard. Review it before running it.', open).then(async (choice) => {
      if (choice === open) await openUntitled('powershell', script);
    });
  };
}

/** The Set-Mailbox / Set-MailboxAuditBypassAssociation script closing every audit coverage gap, in a new editor. */
export function generateAuditScript(_ctx: Ctx, { service }: TenantContext) {
  return async (): Promise<void> => {
    const { source } = requireTenant(service);
    const coverage = service.coverage()!;
    if (!coverage.script) {
      void vscode.window.showInformationMessage('exo-audit: every mailbox already meets the recommended audit settings.');
      return;
    }
    const header = [
      psComment(`Mailbox audit settings from seed 000's recommendation; model: ${source.description}`),
      psComment(`AuditAdmin: ${recommendedAuditAdmin.join(', ')}`),
      psComment(`AuditDelegate: ${recommendedAuditDelegate.join(', ')}`),
      psComment(`${coverage.gaps.length} mailbox(es) with gaps; existing actions are kept (@{Add=...})`),
      '',
    ];
    await openUntitled('powershell', header.join('\n') + coverage.script + '\n');
  };
}
