import type * as vscode from 'vscode';
import { closeIdleLoadWorkers } from '../connect/segmentPool';
import { commandTable, registerCommands } from './commands/commandTable';
import { Ctx } from './ctx';
import { activateFindingsFeature } from './findings';
import { activateLanguage } from './language';
import { activateNotebookFeature } from './notebook/notebookFeature';
import { createDatasetStatusBar } from './statusBar';
import { activateTenantFeature } from './tenant/tenantFeature';
import { testEventSinkFromEnvironment } from './testEvents';
import { activateTimelineFeature } from './timeline';
import { activateWorkbenchFeature } from './workbench/workbenchFeature';

export function activate(context: vscode.ExtensionContext): void {
  const ctx = new Ctx(context, testEventSinkFromEnvironment());
  context.subscriptions.push(ctx);
  ctx.extensionScope.add(createDatasetStatusBar(ctx));
  const commands = [
    ...registerCommands(ctx, commandTable), ...activateTenantFeature(ctx), ...activateLanguage(ctx),
    ...activateFindingsFeature(ctx), ...activateWorkbenchFeature(ctx), ...activateNotebookFeature(ctx),
    ...activateTimelineFeature(ctx),
  ];
  ctx.output.info(`exo-audit ${ctx.extensionVersion} activated`);
  ctx.testEvents.emit({ event: 'activated', commands });
}

export function deactivate(): Promise<void> {
  // Everything else is owned by Ctx, which VS Code disposes through context.subscriptions; the load
  // workers kept warm for the next file are stopped here.
  return closeIdleLoadWorkers();
}
