import { appAccessContext, effectiveAccessFor } from '../access/effectiveAccess';
import { permissionDef } from '../access/entraGrants';
import { roleAssignmentsOfApp } from '../access/rbac';
import { allApps } from '../access/whoCanRead';
import type { App, TenantModel } from '../model';
import { canReadContent } from '../rights';

export interface AppRisk {
  app: App;
  score: number;
  /** Why, most severe first. */
  reasons: string[];
  /** Mailboxes whose contents it can read app-only. */
  readableMailboxes: number;
  tenantWide: boolean;
  mailPermissions: string[];
  roleAssignments: string[];
  /** Credentials added within the recent window before the model's as-of time. */
  recentCredentials: string[];
}

export interface RiskOptions {
  /** How far back a credential counts as recent (default 30 days). */
  recentCredentialDays?: number;
  /** Reference time (default the model's asOf). */
  now?: string;
}

const DAY = 86_400_000;

/** Scores one app: content-read reach dominates, then tenant-wide reach, sending, fresh credentials and admin power. */
export function appRisk(model: TenantModel, app: App, options: RiskOptions = {}): AppRisk {
  const reasons: string[] = [];
  let score = 0;
  let readable = 0;
  let tenantWide = false;
  let sends = false;
  const ctx = appAccessContext(model, app);
  const hasMailGrant = ctx.roleAssignments.length > 0 || app.permissions.some((p) => (permissionDef(p)?.rights.length ?? 0) > 0);
  for (const m of hasMailGrant ? model.mailboxes : []) {
    const ea = effectiveAccessFor(model, app, m, ctx);
    if (canReadContent(ea.rights)) readable++;
    if (ea.rights.includes('send')) sends = true;
    if (ea.grants.some((g) => g.applies && g.tenantWide && canReadContent(g.rights))) tenantWide = true;
  }
  const mailPermissions = app.permissions.filter((p) => (permissionDef(p)?.rights.length ?? 0) > 0 || permissionDef(p)?.administrative)
    .map((p) => `${p.value} (${p.kind})`);
  const roleAssignments = roleAssignmentsOfApp(model, app).map((ra) => `${ra.role}${ra.customResourceScope ? ` @ ${ra.customResourceScope}` : ''}${ra.enabled ? '' : ' (disabled)'}`);
  if (tenantWide) { score += 50; reasons.push('reads every mailbox (tenant-wide grant)'); }
  if (readable > 0) { score += 20 + Math.min(20, readable); reasons.push(`reads ${readable} mailbox${readable === 1 ? '' : 'es'}`); }
  if (sends) { score += 10; reasons.push('can send mail as mailboxes'); }
  if (app.permissions.some((p) => permissionDef(p)?.administrative)) { score += 15; reasons.push('Exchange.ManageAsApp: can administer Exchange'); }
  const delegatedMail = app.permissions.filter((p) => p.kind === 'delegated' && (permissionDef(p)?.rights.length ?? 0) > 0);
  if (delegatedMail.length) { score += 5; reasons.push(`delegated mail scopes: ${delegatedMail.map((p) => p.value).join(', ')}`); }
  const nowMs = Date.parse(options.now ?? model.asOf);
  const windowMs = (options.recentCredentialDays ?? 30) * DAY;
  const recentCredentials = app.credentials.filter((c) => {
    const t = Date.parse(c.startDateTime);
    return Number.isFinite(t) && Number.isFinite(nowMs) && t <= nowMs && nowMs - t <= windowMs;
  }).map((c) => `${c.type} ${c.displayName ?? c.keyId} added ${c.startDateTime}`);
  if (recentCredentials.length) {
    score += readable > 0 ? 25 : 10;
    reasons.push(`recent credential${recentCredentials.length > 1 ? 's' : ''}: ${recentCredentials.join('; ')}`);
  }
  return { app, score, reasons, readableMailboxes: readable, tenantWide, mailPermissions, roleAssignments, recentCredentials };
}

/** Apps sorted by risk, highest first (ties by display name). Apps with no mail reach and nothing notable score 0. */
export function appsByRisk(model: TenantModel, options: RiskOptions = {}): AppRisk[] {
  return allApps(model).map((a) => appRisk(model, a, options))
    .sort((a, b) => b.score - a.score || a.app.displayName.localeCompare(b.app.displayName));
}
