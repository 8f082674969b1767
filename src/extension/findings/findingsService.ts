import * as vscode from 'vscode';
import { runFindings } from '../../core/findings';
import type { Ctx } from '../ctx';
import type { LoadedDataset } from '../dataset/loadedDataset';
import { ExportFileIndex, exportFileUris } from './exportFiles';
import { FINDINGS_SECTION, findingsSettingsFrom } from './findingsSettings';
import { FindingsSnapshot } from './findingsSnapshot';
import type { SuppressionStore } from './suppressionStore';

/** Settings of the editor integration (not of the engine), under exoAudit.findings. */
export const RUN_AFTER_LOAD_SETTING = 'runAfterLoad';
export const MAX_DIAGNOSTICS_SETTING = 'maxDiagnosticsPerFinding';
const DEFAULT_MAX_DIAGNOSTICS = 20;

/**
 * Owns the findings of the loaded dataset: runs the engine (settings from exoAudit.findings.*, the
 * workspace's suppressions), and tells the diagnostics, the Findings view and the hover when they change.
 * A new dataset makes the old findings stale: they are cleared (and re-run when runAfterLoad is on).
 */
export class FindingsService implements vscode.Disposable {
  private snapshot: FindingsSnapshot | undefined;
  private exportFiles = new ExportFileIndex([]);
  /** Counts runs: a run that finishes after a later one started is superseded and dropped. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<FindingsSnapshot | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly ctx: Ctx,
    readonly suppressions: SuppressionStore,
  ) {
    this.subscription = ctx.dataset.onDidChange((dataset) => this.datasetChanged(dataset));
  }

  get current(): FindingsSnapshot | undefined {
    return this.snapshot;
  }

  /** The URIs of the current findings' export files (by dataset file index). */
  get files(): ExportFileIndex {
    return this.exportFiles;
  }

  /** Runs every rule over the loaded tables; cancelling the token stops between rules. */
  async run(token: vscode.CancellationToken): Promise<FindingsSnapshot> {
    const generation = ++this.generation;
    const loaded = this.ctx.dataset.current;
    if (!loaded) throw new Error('no audit data loaded: open audit exports or load a folder first');
    const config = vscode.workspace.getConfiguration(FINDINGS_SECTION);
    const { input, problems } = findingsSettingsFrom((key) => config.get(key));
    for (const p of problems) this.ctx.output.warn(`setting ignored: ${p}`);
    const suppressions = await this.suppressions.read((m) => this.ctx.output.warn(m));
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let result;
    try {
      result = await runFindings(loaded.dataset.tables, { settings: input, suppressions, signal: abort.signal });
    } catch (error) {
      if (abort.signal.aborted) throw new vscode.CancellationError();
      throw error;
    } finally {
      cancel.dispose();
    }
    if (token.isCancellationRequested || generation !== this.generation) throw new vscode.CancellationError();
    if (this.ctx.dataset.current !== loaded) throw new Error('the dataset changed while findings ran: run them again');
    for (const e of result.errors) this.ctx.output.error(`rule ${e.ruleId} failed: ${e.message}`);
    for (const e of result.suppressionErrors) this.ctx.output.warn(`suppressions: ${e}`);
    const max = config.get<number>(MAX_DIAGNOSTICS_SETTING, DEFAULT_MAX_DIAGNOSTICS);
    this.exportFiles = new ExportFileIndex(exportFileUris(loaded));
    this.set(new FindingsSnapshot(result, loaded.dataset, {
      maxDiagnosticsPerFinding: Number.isInteger(max) && max >= 0 ? max : DEFAULT_MAX_DIAGNOSTICS,
    }));
    this.ctx.output.info(
      `findings: ${result.findings.length} (${result.stories.length} stories, ${result.suppressed.length} suppressed) in ${Math.round(result.totalMs)} ms`,
    );
    return this.snapshot!;
  }

  /** Runs with a cancellable progress notification. */
  runWithProgress(): Thenable<FindingsSnapshot> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'exo-audit: running findings', cancellable: true },
      (_progress, token) => this.run(token),
    );
  }

  clear(): void {
    this.set(undefined);
  }

  private set(snapshot: FindingsSnapshot | undefined): void {
    this.snapshot = snapshot;
    this.changed.fire(snapshot);
  }

  private datasetChanged(dataset: LoadedDataset | undefined): void {
    this.generation++;
    if (this.snapshot) this.clear();
    if (!dataset || !vscode.workspace.getConfiguration(FINDINGS_SECTION).get<boolean>(RUN_AFTER_LOAD_SETTING, false)) return;
    this.runWithProgress().then(undefined, (error: unknown) => {
      if (error instanceof vscode.CancellationError) return;
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.output.error(`findings after load failed: ${message}`);
      void vscode.window.showErrorMessage(`exo-audit: findings failed: ${message}`);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
