import * as vscode from 'vscode';
import { registerCommands } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { findingCommandTable } from './findingCommands';
import { FindingsCodeActionProvider } from './findingsCodeActions';
import { FindingsDiagnostics } from './findingsDiagnostics';
import { FindingsHoverProvider } from './findingsHover';
import { FindingsService } from './findingsService';
import { FindingsTreeProvider } from './findingsTree';
import { SuppressionStore } from './suppressionStore';

export const FINDINGS_VIEW_ID = 'exoAudit.findings';
/** Context key: findings have been run over the loaded dataset (the Findings view's welcome text uses it). */
export const FINDINGS_READY_CONTEXT = 'exoAudit.findingsReady';

const services = new WeakMap<Ctx, FindingsService>();

/** The findings of the extension (for other features: the timeline's markers, the status bar), once activated. */
export function findingsServiceOf(ctx: Ctx): FindingsService | undefined {
  return services.get(ctx);
}

/** Where export files can be: on disk, or in a remote or virtual workspace. */
const exportFileSelector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];

/** Findings as diagnostics, hovers, quick fixes and the Findings view; returns the ids of its commands. */
export function activateFindingsFeature(ctx: Ctx): string[] {
  const scope = ctx.extensionScope;
  const service = scope.add(new FindingsService(ctx, new SuppressionStore()));
  services.set(ctx, service);
  const diagnostics = scope.add(new FindingsDiagnostics(service));
  const tree = scope.add(new FindingsTreeProvider(service));
  const view = scope.add(vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }));
  scope.add(vscode.languages.registerHoverProvider(exportFileSelector, new FindingsHoverProvider(service)));
  scope.add(vscode.languages.registerCodeActionsProvider(exportFileSelector, new FindingsCodeActionProvider(service), FindingsCodeActionProvider.metadata));
  scope.add(service.onDidChange((snapshot) => {
    view.description = snapshot ? `${snapshot.findings.length} findings \u00b7 ${snapshot.stories.length} stories` : undefined;
    const serious = snapshot ? snapshot.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length : 0;
    view.badge = serious ? { value: serious, tooltip: `${serious} high or critical findings` } : undefined;
    void vscode.commands.executeCommand('setContext', FINDINGS_READY_CONTEXT, snapshot !== undefined);
    ctx.testEvents.emit({
      event: 'findingsChanged',
      findings: snapshot?.findings.length ?? 0,
      stories: snapshot?.stories.length ?? 0,
      suppressed: snapshot?.result.suppressed.length ?? 0,
      diagnostics: diagnostics.count(),
    });
  }));
  return registerCommands(ctx, findingCommandTable({ service, diagnostics }));
}
