import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { datasetStatusText, ledgerLines, type LoadedDataset } from './dataset/loadedDataset';

/** The status bar item naming the loaded dataset; clicking it shows the load ledger. */
export function createDatasetStatusBar(ctx: Ctx): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('exoAudit.dataset', vscode.StatusBarAlignment.Left, 10);
  item.name = 'exo-audit dataset';
  item.command = 'exoAudit.showLoadLedger';
  const show = (dataset: LoadedDataset | undefined): void => {
    item.text = datasetStatusText(dataset);
    item.tooltip = dataset ? ledgerLines(dataset).join('\n') : 'No audit data loaded. Click for the load ledger.';
    ctx.testEvents.emit({ event: 'datasetChanged', statusText: item.text });
  };
  show(ctx.dataset.current);
  item.show();
  const subscription = ctx.dataset.onDidChange(show);
  return vscode.Disposable.from(subscription, item);
}
