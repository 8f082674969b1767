import type { TenantSignIns } from './sources/signIns';
import type { TenantService } from './tenantService';

/** What the tenant commands share: the loaded model and the sign-ins to the tenant. */
export interface TenantContext {
  readonly service: TenantService;
  readonly signIns: TenantSignIns;
}
