import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { openAuditExports } from './openAuditExports';
import { showLoadLedger } from './showLoadLedger';

export type CommandFactory = (ctx: Ctx) => (...args: never[]) => unknown;

/** Every command the extension contributes (package.json contributes.commands), by id. */
export const commandTable = {
  'exoAudit.openAuditExports': openAuditExports,
  'exoAudit.showLoadLedger': showLoadLedger,
} satisfies Record<string, CommandFactory>;

/** Registers each command; a failure is logged, shown as an error message and reported to tests. */
export function registerCommands(ctx: Ctx, table: Record<string, CommandFactory>): string[] {
  for (const [id, factory] of Object.entries(table)) {
    const run = factory(ctx) as (...args: unknown[]) => unknown;
    ctx.extensionScope.add(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (error) {
          reportCommandFailure(ctx, id, error);
          return undefined;
        }
      }),
    );
  }
  return Object.keys(table);
}

function reportCommandFailure(ctx: Ctx, command: string, error: unknown): void {
  if (error instanceof vscode.CancellationError) return;
  const message = error instanceof Error ? error.message : String(error);
  ctx.output.error(`${command} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
  void vscode.window.showErrorMessage(`exo-audit: ${message}`);
  ctx.testEvents.emit({ event: 'commandFailed', command, message });
}
