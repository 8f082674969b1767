import * as vscode from 'vscode';
import { auditCoverage, type AuditCoverage } from '../../core/tenant/inventory/auditCoverage';
import { appsByRisk, type AppRisk, type RiskOptions } from '../../core/tenant/inventory/risk';
import { managementScopeViews, type ScopeView } from '../../core/tenant/inventory/scopes';
import type { LoadedTenant, TenantSource } from './tenantSource';

/** Context key set while a tenant model is loaded (view title menus use it). */
export const TENANT_LOADED_CONTEXT = 'exoAudit.tenantLoaded';

/** Owns the current tenant model; the tenant views follow it through onDidChange. */
export class TenantService implements vscode.Disposable {
  private loaded: LoadedTenant | undefined;
  private derived: { risks?: AppRisk[]; scopes?: ScopeView[]; coverage?: AuditCoverage } = {};
  private readonly changed = new vscode.EventEmitter<LoadedTenant | undefined>();
  readonly onDidChange = this.changed.event;

  /** `riskOptions` is read whenever the risk ranking is computed (settings may change in between). */
  constructor(private readonly riskOptions: () => RiskOptions = () => ({})) {}

  get current(): LoadedTenant | undefined {
    return this.loaded;
  }

  async load(source: TenantSource, token: vscode.CancellationToken, report?: (message: string) => void): Promise<LoadedTenant> {
    const result = await source.load(token, report);
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    this.set({ model: result.model, source, notes: result.notes, loadedAt: Date.now() });
    return this.loaded!;
  }

  /** Loads the current source again (a new replay over the loaded audit data, the snapshot file, the tenant). */
  async refresh(token: vscode.CancellationToken): Promise<LoadedTenant | undefined> {
    return this.loaded ? this.load(this.loaded.source, token) : undefined;
  }

  /** Apps sorted by risk for the current model, computed once per model. */
  risks(): AppRisk[] {
    if (!this.loaded) return [];
    return (this.derived.risks ??= appsByRisk(this.loaded.model, this.riskOptions()));
  }

  scopes(): ScopeView[] {
    if (!this.loaded) return [];
    return (this.derived.scopes ??= managementScopeViews(this.loaded.model));
  }

  coverage(): AuditCoverage | undefined {
    if (!this.loaded) return undefined;
    return (this.derived.coverage ??= auditCoverage(this.loaded.model));
  }

  private set(loaded: LoadedTenant | undefined): void {
    this.loaded = loaded;
    this.derived = {};
    void vscode.commands.executeCommand('setContext', TENANT_LOADED_CONTEXT, loaded !== undefined);
    this.changed.fire(loaded);
  }

  clear(): void {
    this.set(undefined);
  }

  /** Recomputes what depends on settings (the risk ranking) and tells the views. */
  settingsChanged(): void {
    if (this.loaded) this.set(this.loaded);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
