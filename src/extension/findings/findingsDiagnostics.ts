import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings';
import type { FindingsService } from './findingsService';
import type { EvidenceMark, FindingsSnapshot } from './findingsSnapshot';

export const DIAGNOSTIC_SOURCE = 'exo-audit';

const severityOf: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  critical: vscode.DiagnosticSeverity.Error,
  high: vscode.DiagnosticSeverity.Error,
  medium: vscode.DiagnosticSeverity.Warning,
  low: vscode.DiagnosticSeverity.Information,
  informational: vscode.DiagnosticSeverity.Hint,
};

/** The diagnostic message of an evidence mark (the code actions find the finding again by it). */
export function diagnosticMessage(mark: EvidenceMark): string {
  const { finding: f, location } = mark;
  const which = location.total > 1 ? `; evidence ${location.ordinal} of ${location.total}` : '';
  return `${f.title} (${f.severity}, score ${f.score}${which})`;
}

function codeOf(f: Finding): vscode.Diagnostic['code'] {
  const reference = f.references.find((r) => /^https:\/\//.test(r));
  return reference ? { value: f.ruleId, target: vscode.Uri.parse(reference) } : f.ruleId;
}

/** The range of a record's first line: exact in an open document, else the whole line by convention. */
function lineRange(line: number, document: vscode.TextDocument | undefined): vscode.Range {
  const zeroBased = Math.max(0, line - 1);
  if (!document) return new vscode.Range(zeroBased, 0, zeroBased, Number.MAX_SAFE_INTEGER);
  return document.lineAt(Math.min(zeroBased, document.lineCount - 1)).range;
}

export function diagnosticsFor(snapshot: FindingsSnapshot, fileIndex: number, document?: vscode.TextDocument): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const [line, marks] of snapshot.marksIn(fileIndex)) {
    for (const mark of marks) {
      if (!mark.diagnostic) continue;
      const d = new vscode.Diagnostic(lineRange(line, document), diagnosticMessage(mark), severityOf[mark.finding.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = codeOf(mark.finding);
      out.push(d);
    }
  }
  return out;
}

/**
 * Findings as diagnostics on their evidence records, keyed by export file URI: set for every file when
 * the findings change (the Problems panel lists them), and made exact when a file is opened.
 */
export class FindingsDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('exo-audit-findings');
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: FindingsService) {
    this.subscriptions = [
      service.onDidChange(() => this.refresh()),
      vscode.workspace.onDidOpenTextDocument((document) => this.refreshDocument(document)),
    ];
  }

  /** How many diagnostics are set, over all files. */
  count(): number {
    let n = 0;
    this.collection.forEach((_uri, diagnostics) => {
      n += diagnostics.length;
    });
    return n;
  }

  refresh(): void {
    this.collection.clear();
    const snapshot = this.service.current;
    if (!snapshot) return;
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    for (const fileIndex of snapshot.files()) {
      const uri = this.service.files.uris[fileIndex];
      if (!uri) continue;
      this.collection.set(uri, diagnosticsFor(snapshot, fileIndex, open.get(uri.toString())));
    }
  }

  private refreshDocument(document: vscode.TextDocument): void {
    const snapshot = this.service.current;
    const fileIndex = this.service.files.indexOf(document.uri);
    if (!snapshot || fileIndex < 0) return;
    this.collection.set(document.uri, diagnosticsFor(snapshot, fileIndex, document));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
