import * as vscode from 'vscode';
import { runFindings } from '../../core/findings';
import type { Dataset } from '../../core/ingest';
import { TimelineModel } from '../../core/timeline';
import type { Ctx } from '../ctx';
import type { LoadedDataset } from '../dataset/loadedDataset';
import { hasTimelineFindingsProvider, onDidChangeTimelineFindings, providedFindings } from './findingsSource';

export type TimelineDataChange = 'dataset' | 'findings';

interface Entry {
  readonly loaded: LoadedDataset;
  readonly model: TimelineModel;
  /** Settles when findings are laid over the model (provided, computed, or given up on). */
  findings: Promise<void>;
  abort?: AbortController;
}

/**
 * The timeline model of the loaded dataset: built on first use (column scans, in the extension
 * host), rebuilt when another dataset loads, with findings laid over it as they become available.
 */
export class TimelineData implements vscode.Disposable {
  private entry: Entry | undefined;
  private readonly changed = new vscode.EventEmitter<TimelineDataChange>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.subscriptions.push(ctx.dataset.onDidChange(() => {
      this.entry?.abort?.abort();
      this.entry = undefined;
      this.changed.fire('dataset');
    }));
    this.subscriptions.push(onDidChangeTimelineFindings(() => {
      const e = this.entry;
      if (!e) return;
      const provided = providedFindings(e.loaded.dataset);
      if (!provided) return;
      e.abort?.abort();
      e.model.setFindings(provided);
      e.findings = Promise.resolve();
      this.changed.fire('findings');
    }));
  }

  get loaded(): LoadedDataset | undefined {
    return this.ctx.dataset.current;
  }

  /** The model of the loaded dataset (undefined when nothing is loaded). */
  current(): TimelineModel | undefined {
    const loaded = this.ctx.dataset.current;
    if (!loaded) return undefined;
    if (this.entry?.loaded !== loaded) this.entry = this.build(loaded);
    return this.entry.model;
  }

  /** Findings come from a provider that has none for this dataset yet (they appear when it runs them). */
  awaitsFindings(): boolean {
    const loaded = this.ctx.dataset.current;
    return !!loaded && hasTimelineFindingsProvider() && !providedFindings(loaded.dataset);
  }

  /** Waits until findings are laid over the current model. */
  async findingsReady(): Promise<void> {
    this.current();
    await this.entry?.findings;
  }

  private build(loaded: LoadedDataset): Entry {
    const t0 = performance.now();
    const model = new TimelineModel(loaded.dataset.tables);
    this.ctx.output.info(`timeline: ${model.index.density.n} mail reads and ${model.index.markers.n} markers indexed in ${Math.round(performance.now() - t0)} ms`);
    const provided = providedFindings(loaded.dataset);
    if (provided) {
      model.setFindings(provided);
      return { loaded, model, findings: Promise.resolve() };
    }
    const entry: Entry = { loaded, model, findings: Promise.resolve() };
    if (!hasTimelineFindingsProvider()) entry.findings = this.computeFindings(entry, loaded.dataset);
    return entry;
  }

  private async computeFindings(entry: Entry, dataset: Dataset): Promise<void> {
    const abort = new AbortController();
    entry.abort = abort;
    try {
      const result = await runFindings(dataset.tables, { signal: abort.signal });
      if (abort.signal.aborted || this.entry !== entry) return;
      entry.model.setFindings({ findings: result.findings, stories: result.stories });
      this.ctx.output.info(`timeline: ${result.findings.length} findings and ${result.stories.length} stories laid over the timeline`);
      this.changed.fire('findings');
    } catch (error) {
      if (!abort.signal.aborted) this.ctx.output.warn(`timeline: findings could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.entry?.abort?.abort();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
