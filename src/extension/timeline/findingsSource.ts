import * as vscode from 'vscode';
import type { Dataset } from '../../core/ingest';
import type { TimelineFindings } from '../../core/timeline';

/**
 * Who has findings for a dataset. The Findings feature registers one (with provideTimelineFindings)
 * so the timeline shows the same findings it does; without one the timeline runs the findings
 * engine itself once per dataset.
 */
export interface TimelineFindingsProvider {
  findingsFor(dataset: Dataset): TimelineFindings | undefined;
  readonly onDidChange: vscode.Event<void>;
}

const providers = new Set<TimelineFindingsProvider>();
const changed = new vscode.EventEmitter<void>();

/** Fires when a provider is added or removed, or a provider's findings change. */
export const onDidChangeTimelineFindings = changed.event;

export function provideTimelineFindings(provider: TimelineFindingsProvider): vscode.Disposable {
  providers.add(provider);
  const sub = provider.onDidChange(() => changed.fire());
  changed.fire();
  return new vscode.Disposable(() => {
    sub.dispose();
    providers.delete(provider);
    changed.fire();
  });
}

export function hasTimelineFindingsProvider(): boolean {
  return providers.size > 0;
}

/** The first registered provider's findings for the dataset. */
export function providedFindings(dataset: Dataset): TimelineFindings | undefined {
  for (const p of providers) {
    const f = p.findingsFor(dataset);
    if (f) return f;
  }
  return undefined;
}
