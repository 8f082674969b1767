import * as vscode from 'vscode';
import type { FindingsService } from '../findings';
import { findingsStatusText } from './findingsStatusText';

/** Shows the current findings' count next to the dataset item; clicking it opens the Findings view. */
export function createFindingsStatusBar(service: FindingsService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('exoAudit.findingsStatus', vscode.StatusBarAlignment.Left, 9);
  item.name = 'exo-audit findings';
  item.command = 'exoAudit.findings.focus';
  const show = (): void => {
    const snapshot = service.current;
    if (!snapshot) {
      item.hide();
      return;
    }
    const serious = snapshot.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
    item.text = findingsStatusText(snapshot.findings.length, serious);
    item.tooltip = `${snapshot.findings.length} findings in ${snapshot.stories.length} stories; ${snapshot.result.suppressed.length} marked as expected. Click for the Findings view.`;
    item.show();
  };
  show();
  return vscode.Disposable.from(service.onDidChange(show), item);
}
