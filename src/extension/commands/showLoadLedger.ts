import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ledgerLines } from '../dataset/loadedDataset';

const OPEN_EXPORTS = 'Open Audit Export(s)';

/** Shows how the loaded records add up (read = loaded + duplicate + rejected) in the output channel. */
export function showLoadLedger(ctx: Ctx) {
  return async (): Promise<void> => {
    const dataset = ctx.dataset.current;
    if (!dataset) {
      const choice = await vscode.window.showInformationMessage('exo-audit: no audit data loaded.', OPEN_EXPORTS);
      if (choice === OPEN_EXPORTS) await vscode.commands.executeCommand('exoAudit.openAuditExports');
      return;
    }
    ctx.output.info('load ledger');
    for (const line of ledgerLines(dataset)) ctx.output.info(line);
    ctx.output.show(true);
  };
}
