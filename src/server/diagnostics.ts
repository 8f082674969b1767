/** Core diagnostics as LSP diagnostics, and the per-document debounce of publishing them. */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../core/query';
import type { DocumentModel } from './documentModel';

export const DIAGNOSTIC_SOURCE = 'exq';

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function toLspDiagnostic(model: DocumentModel, d: Diagnostic): LspDiagnostic {
  return { range: model.range(d.range), severity: severities[d.severity], code: d.code, source: DIAGNOSTIC_SOURCE, message: d.message };
}

export function lspDiagnostics(model: DocumentModel): LspDiagnostic[] {
  return model.diagnostics().map((d) => toLspDiagnostic(model, d));
}

/**
 * Publishes a document's diagnostics `delayMs` after its last change (typing bursts publish once).
 * `settled()` resolves when nothing is pending, so callers can wait instead of sleeping.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private waiters: Array<() => void> = [];

  constructor(public delayMs: number, private readonly publish: (uri: string) => void) {}

  schedule(uri: string): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(uri, setTimeout(() => this.run(uri), this.delayMs));
  }

  cancel(uri: string): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.delete(uri);
    this.notifyIfIdle();
  }

  settled(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.notifyIfIdle();
  }

  private run(uri: string): void {
    this.timers.delete(uri);
    try {
      this.publish(uri);
    } finally {
      this.notifyIfIdle();
    }
  }

  private notifyIfIdle(): void {
    if (this.timers.size > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
