import type { CommandFactory } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { copyRemediation, explainEffectiveAccess, generateAuditScript, queryAppActivity, showOnTimeline } from './commands/itemCommands';
import { connectToTenant, downloadAuditLog, forgetTenantCredentials } from './commands/liveCommands';
import { compareWithTime, importSnapshot, rebuildFromAuditLog, refreshTenant } from './commands/loadCommands';
import type { TenantContext } from './tenantContext';

type TenantCommandFactory = (ctx: Ctx, tenant: TenantContext) => (...args: never[]) => unknown;

/** Every tenant command (package.json contributes.commands), by id. */
export const tenantCommandFactories = {
  'exoAudit.tenant.rebuildFromAuditLog': rebuildFromAuditLog,
  'exoAudit.tenant.importSnapshot': importSnapshot,
  'exoAudit.tenant.connect': connectToTenant,
  'exoAudit.tenant.downloadAuditLog': downloadAuditLog,
  'exoAudit.tenant.forgetCredentials': forgetTenantCredentials,
  'exoAudit.tenant.refresh': refreshTenant,
  'exoAudit.tenant.compareWithTime': compareWithTime,
  'exoAudit.tenant.explainAccess': explainEffectiveAccess,
  'exoAudit.tenant.queryAppActivity': queryAppActivity,
  'exoAudit.tenant.showOnTimeline': showOnTimeline,
  'exoAudit.tenant.copyRemediation': copyRemediation,
  'exoAudit.tenant.generateAuditScript': generateAuditScript,
} satisfies Record<string, TenantCommandFactory>;

/** The tenant commands as a command table over one tenant context. */
export function tenantCommandTable(tenant: TenantContext): Record<string, CommandFactory> {
  return Object.fromEntries(Object.entries(tenantCommandFactories).map(([id, factory]) => [id, (ctx: Ctx) => (factory as TenantCommandFactory)(ctx, tenant)]));
}
