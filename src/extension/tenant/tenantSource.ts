import type * as vscode from 'vscode';
import type { TenantModel } from '../../core/tenant/model';

/** Where a tenant model comes from. Refresh loads the same source again. */
export interface TenantSource {
  readonly kind: 'replay' | 'snapshot' | 'live';
  /** One line naming the source (file, tenant, as-of), shown in views and documents. */
  readonly description: string;
  /** `report` takes progress lines ("mailbox permissions 40/120"). */
  load(token: vscode.CancellationToken, report?: (message: string) => void): Promise<TenantSourceResult>;
}

export interface TenantSourceResult {
  readonly model: TenantModel;
  /** What the investigator should know about this load (replay ledger, skipped parts, ...). */
  readonly notes: readonly string[];
}

/** The model the views show, with where it came from. */
export interface LoadedTenant {
  readonly model: TenantModel;
  readonly source: TenantSource;
  readonly notes: readonly string[];
  /** Epoch ms of the load. */
  readonly loadedAt: number;
}
