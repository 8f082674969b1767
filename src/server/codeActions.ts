/**
 * Quick fixes for the diagnostics that carry suggestions: did-you-mean replacements, the missing `|`,
 * straight quotes for typographic ones, closing a string or a parenthesis.
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../core/query';
import { DIAGNOSTIC_SOURCE, toLspDiagnostic } from './diagnostics';
import type { DocumentModel } from './documentModel';

/** Codes whose suggestions are a long menu (every operator) rather than a fix. */
const notFixes: ReadonlySet<string> = new Set(['expected-operator']);
const MAX_FIXES = 3;

export function codeActions(model: DocumentModel, uri: string, requested: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const wanted of requested) {
    if (wanted.source !== DIAGNOSTIC_SOURCE) continue;
    // Fixes come from the current analysis, never from data sent back by the client.
    const current = model.diagnostics().find((d) => d.code === wanted.code && sameRange(toLspDiagnostic(model, d), wanted));
    if (!current?.suggestions || notFixes.has(current.code)) continue;
    current.suggestions.slice(0, MAX_FIXES).forEach((s, i) => {
      actions.push({
        title: fixTitle(current, s, model.text.slice(current.range.start, current.range.end)),
        kind: CodeActionKind.QuickFix,
        diagnostics: [wanted],
        isPreferred: i === 0,
        edit: { changes: { [uri]: [{ range: model.range(current.range), newText: s }] } },
      });
    });
  }
  const quotes = model.diagnostics().filter((d) => d.code === 'wrong-quote' && d.suggestions?.length);
  if (quotes.length > 1 && requested.some((d) => d.code === 'wrong-quote')) {
    actions.push({
      title: 'Use straight quotes everywhere in the document',
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [uri]: quotes.map((d) => ({ range: model.range(d.range), newText: d.suggestions![0]! })) } },
    });
  }
  return actions;
}

function sameRange(a: LspDiagnostic, b: LspDiagnostic): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

function fixTitle(d: Diagnostic, suggestion: string, current: string): string {
  switch (d.code) {
    case 'missing-pipe': return `Insert '|' before '${current}'`;
    case 'wrong-quote': return 'Use straight quotes';
    case 'unterminated-string': return 'Close the string';
    default:
      if (d.range.start === d.range.end) return `Insert '${suggestion}'`;
      return `Change '${current}' to '${suggestion}'`;
  }
}
