import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { findingMarkdown } from './findingMarkdown';
import type { FindingsService } from './findingsService';

/** A Markdown string built from audit data: never trusted (no command links), no HTML. */
export function untrustedMarkdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** Findings whose evidence record starts on the line (each once), in the engine's order. */
export function findingsOnLine(service: FindingsService, uri: vscode.Uri, line: number): Finding[] {
  const snapshot = service.current;
  const fileIndex = service.files.indexOf(uri);
  if (!snapshot || fileIndex < 0) return [];
  return snapshot.marksAt(fileIndex, line + 1).map((m) => m.finding);
}

/** On an evidence record's line of an export file: the finding, its evidence and why it scored as it did. */
export class FindingsHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: FindingsService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const findings = findingsOnLine(this.service, document.uri, position.line);
    const snapshot = this.service.current;
    if (!snapshot || findings.length === 0) return undefined;
    const parts = findings.map((f) => untrustedMarkdown(findingMarkdown(f, {
      story: snapshot.storyOf(f.id),
      evidence: snapshot.locations(f.id),
      remediation: true,
    })));
    return new vscode.Hover(parts, document.lineAt(position.line).range);
  }
}
