import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { DIAGNOSTIC_SOURCE, diagnosticMessage } from './findingsDiagnostics';
import type { FindingsService } from './findingsService';

/** The quick fixes of a finding's diagnostic: label and the command it runs with {findingId}. */
export const FINDING_QUICK_FIXES = [
  { title: 'Query this actor \u00b124 h', command: 'exoAudit.findings.queryActor' },
  { title: 'Show on timeline', command: 'exoAudit.findings.showOnTimeline' },
  { title: 'Copy remediation PowerShell', command: 'exoAudit.findings.copyRemediation' },
  { title: 'Mark as expected', command: 'exoAudit.findings.markExpected' },
] as const;

/** Quick fixes on exo-audit diagnostics: the finding is found again by the diagnostic's line and message. */
export class FindingsCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: FindingsService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const snapshot = this.service.current;
    const fileIndex = this.service.files.indexOf(document.uri);
    if (!snapshot || fileIndex < 0) return [];
    const found: Array<{ finding: Finding; diagnostic: vscode.Diagnostic }> = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      for (const mark of snapshot.marksAt(fileIndex, diagnostic.range.start.line + 1)) {
        if (diagnosticMessage(mark) === diagnostic.message && !found.some((x) => x.finding === mark.finding)) {
          found.push({ finding: mark.finding, diagnostic });
        }
      }
    }
    return found.flatMap(({ finding, diagnostic }) => FINDING_QUICK_FIXES
      .filter((fix) => fix.command !== 'exoAudit.findings.copyRemediation' || finding.remediation.length > 0)
      .map((fix) => {
        const title = found.length > 1 ? `${fix.title}: ${finding.title}` : fix.title;
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title, command: fix.command, arguments: [{ findingId: finding.id }] };
        return action;
      }));
  }
}
