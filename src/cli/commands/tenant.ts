/**
 * `exo-audit tenant`: the permission inventory, from exported audit logs (replay),
 * a saved snapshot, or the live tenant. Secrets come only from an environment
 * variable or a certificate file, never from a command-line value.
 */
import { readFileSync } from 'node:fs';
import { readCertificateCredential } from '../../connect/auth/certificate';
import { MsalAppTokenProvider, MsalDeviceCodeTokenProvider } from '../../connect/auth/msal';
import type { TokenProvider } from '../../connect/auth/tokenProvider';
import { connectTenant } from '../../connect/connection';
import { SecretRegistry } from '../../connect/http/redact';
import { loadSnapshot, saveSnapshot } from '../../connect/snapshot';
import {
  appsByRisk, auditCoverage, managementScopeViews, policiesOfApp, findGroup, findApp, type TenantModel,
} from '../../core/tenant';
import { replayTables } from '../../core/tenant/replay/fromTables';
import { loadInputs } from '../loadInputs';
import { renderTable } from '../textTable';
import { UsageError } from '../usageError';
import type { Command, CommandContext } from './command';

/** The options every tenant-model command takes to say where the model comes from. */
export const tenantSourceOptions: Command['options'] = {
  'from-audit': { type: 'string', multiple: true },
  'as-of': { type: 'string' },
  snapshot: { type: 'string' },
  connect: { type: 'boolean', default: false },
  tenant: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-env': { type: 'string' },
  certificate: { type: 'string' },
  'device-code': { type: 'boolean', default: false },
  'save-snapshot': { type: 'string' },
  'authority-host': { type: 'string' },
  'graph-url': { type: 'string' },
  'exchange-url': { type: 'string' },
  'ca-file': { type: 'string' },
};

export const tenantSourceUsage = '--from-audit FILE... [--as-of TIME] | --snapshot FILE | --connect --tenant ID --client-id ID (--client-secret-env VAR | --certificate FILE | --device-code) [--save-snapshot FILE]';

export interface LoadedTenant {
  readonly model: TenantModel;
  /** One line each: where the model came from and anything the investigator should know. */
  readonly notes: string[];
}

function str(values: CommandContext['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function parseAsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--as-of: cannot read '${text}' as a time (use ISO-8601, e.g. 2024-03-05T12:00:00Z)`);
  return ms;
}

async function liveModel(values: CommandContext['values'], notes: string[], quiet: boolean): Promise<TenantModel> {
  const tenantId = str(values, 'tenant');
  const clientId = str(values, 'client-id');
  if (!tenantId || !clientId) throw new UsageError('--connect needs --tenant ID and --client-id ID');
  const secretEnv = str(values, 'client-secret-env');
  const certFile = str(values, 'certificate');
  const deviceCode = values['device-code'] === true;
  if ([secretEnv, certFile, deviceCode || undefined].filter(Boolean).length !== 1) {
    throw new UsageError('--connect needs exactly one of --client-secret-env VAR, --certificate FILE or --device-code');
  }
  const caFile = str(values, 'ca-file');
  const ca = caFile ? readFileSync(caFile, 'utf8') : undefined;
  const authorityHost = str(values, 'authority-host');
  const secrets = new SecretRegistry();
  let tokens: TokenProvider & { close(): void };
  if (deviceCode) {
    tokens = new MsalDeviceCodeTokenProvider({ tenantId, clientId, authorityHost, ca, secrets, onDeviceCode: (i) => process.stderr.write(`${i.message}\n`) });
  } else if (secretEnv) {
    const secret = process.env[secretEnv];
    if (!secret) throw new UsageError(`--client-secret-env: the environment variable ${secretEnv} is not set`);
    tokens = new MsalAppTokenProvider({ tenantId, clientId, clientSecret: secret, authorityHost, ca, secrets });
  } else {
    tokens = new MsalAppTokenProvider({ tenantId, clientId, certificate: readCertificateCredential(certFile!), authorityHost, ca, secrets });
  }
  const conn = connectTenant({
    tenantId, tokens, ca, secrets, graphBaseUrl: str(values, 'graph-url'), exchangeBaseUrl: str(values, 'exchange-url'),
    onEvent: (e) => { if (!quiet && e.type === 'retry') process.stderr.write(`retrying (${e.reason}, wait ${Math.round(e.waitMs / 1000)} s): ${e.url}\n`); },
  });
  try {
    const model = await conn.inventory({ onWarning: (w) => notes.push(`warning: ${w}`), onProgress: (p) => { if (!quiet && process.stderr.isTTY) process.stderr.write(`\r${p.step}: ${p.done}/${p.total}   `); } });
    if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
    notes.push(`read live from tenant ${model.tenantId} (${model.domain}) at ${model.asOf}`);
    return model;
  } finally {
    conn.close();
  }
}

/** The model the options name: replayed from audit exports, a snapshot, or the live tenant. */
export async function loadTenantFromOptions({ values, positionals, json }: CommandContext): Promise<LoadedTenant> {
  const fromAudit = [...((values['from-audit'] as string[] | undefined) ?? [])];
  const snapshot = str(values, 'snapshot');
  const connect = values.connect === true;
  if (fromAudit.length) fromAudit.push(...positionals);
  const sources = [fromAudit.length > 0, snapshot !== undefined, connect].filter(Boolean).length;
  if (sources !== 1) throw new UsageError(`say where the tenant comes from, once: ${tenantSourceUsage}`);
  const asOf = parseAsOf(str(values, 'as-of'));
  if (asOf !== undefined && !fromAudit.length) throw new UsageError('--as-of applies to --from-audit (a replay)');
  const notes: string[] = [];
  let model: TenantModel;
  if (fromAudit.length) {
    const ds = await loadInputs(fromAudit, { quiet: json });
    const r = replayTables(ds.tables, { asOf });
    model = r.model;
    notes.push(`replayed from ${ds.ledger.files.length} file(s): ${r.ledger.applied} permission records applied, ${r.ledger.failed} failed, ${r.ledger.afterAsOf} after the as-of time`);
    for (const w of r.ledger.warnings.slice(0, 10)) notes.push(`warning: ${w}`);
    if (r.ledger.warnings.length > 10) notes.push(`(${r.ledger.warnings.length - 10} more warnings)`);
  } else if (snapshot) {
    const s = await loadSnapshot(snapshot);
    model = s.model;
    notes.push(`snapshot ${snapshot} (${s.savedFrom}${s.savedAt ? `, saved ${s.savedAt}` : ''})`);
    notes.push(...s.warnings);
  } else {
    model = await liveModel(values, notes, json);
  }
  const saveTo = str(values, 'save-snapshot');
  if (saveTo) {
    await saveSnapshot(saveTo, model);
    notes.push(`snapshot saved to ${saveTo}`);
  }
  return { model, notes };
}

function printInventory(model: TenantModel, notes: readonly string[], out: (s: string) => void): void {
  out(`tenant ${model.tenantId || '(unknown)'} ${model.domain ? `(${model.domain}) ` : ''}as of ${model.asOf} [${model.source}]`);
  for (const n of notes) out(`  ${n}`);
  out(`  ${model.users.length} users, ${model.mailboxes.length} mailboxes, ${model.apps.length} apps, ${model.exchangeServicePrincipals.length} Exchange service principals, ${model.roleAssignments.length} role assignments, ${model.managementScopes.length} scopes, ${model.accessPolicies.length} access policies, ${model.delegations.length} delegations`);

  const risks = appsByRisk(model);
  const notable = risks.filter((r) => r.score > 0);
  out('\nApps by risk (Entra permissions and Exchange RBAC together)');
  out(renderTable(['score', 'app', 'app id', 'reads', 'tenant-wide', 'Entra permissions', 'Exchange RBAC', 'why'],
    notable.map((r) => [r.score, r.app.displayName, r.app.appId, r.readableMailboxes, r.tenantWide ? 'yes' : '', r.mailPermissions.join(', '), r.roleAssignments.join(', '), r.reasons.join('; ')]), 48));
  if (risks.length > notable.length) out(`(${risks.length - notable.length} apps with no mail reach not shown)`);

  const scopes = managementScopeViews(model);
  if (scopes.length) {
    out('\nManagement scopes');
    out(renderTable(['scope', 'filter', 'mailboxes', 'used by', 'matched'],
      scopes.map((s) => [s.scope.name, s.scope.recipientRestrictionFilter, s.error ? `error: ${s.error.message}` : s.matchedMailboxes.length,
        s.roleAssignments.map((r) => r.name).join(', '), s.matchedMailboxes.slice(0, 8).join(', ') + (s.matchedMailboxes.length > 8 ? ', …' : '')]), 60));
  }

  if (model.accessPolicies.length) {
    out('\nApplication access policies');
    out(renderTable(['app', 'access', 'group', 'members'], model.accessPolicies.map((p) => {
      const g = findGroup(model, p.policyScopeGroupId);
      return [findApp(model, p.appId)?.displayName ?? p.appId, p.accessRight, p.policyScopeGroupId, g ? g.members.join(', ') : '(group not in the model)'];
    })));
    const unrestricted = risks.filter((r) => r.tenantWide && policiesOfApp(model, r.app.appId).length === 0).map((r) => r.app.displayName);
    if (unrestricted.length) out(`apps reading every mailbox with no policy: ${unrestricted.join(', ')}`);
  }

  if (model.delegations.length) {
    out('\nDelegations');
    out(renderTable(['mailbox', 'trustee', 'right', 'folder', 'granted', 'by'], model.delegations.map((d) => [
      d.mailbox, d.trustee, d.right, d.folder ? `${d.folder} (${(d.folderAccessRights ?? []).join(', ')})` : d.automapping === false ? 'automapping off' : '',
      d.grantedDateTime ?? '', d.grantedBy ?? '',
    ])));
  }

  const coverage = auditCoverage(model);
  out('\nAudit coverage');
  if (coverage.organizationAuditDisabled) out('  AuditDisabled is True for the organisation: no mailbox is audited');
  out(`  ${coverage.covered.length} mailboxes meet the recommended audit actions, ${coverage.gaps.length} do not`);
  if (coverage.gaps.length) out(renderTable(['mailbox', 'problems'], coverage.gaps.map((g) => [g.mailbox, g.problems.join('; ')]), 100));
  if (coverage.script) out(`\nTo close the gaps (review before running):\n${coverage.script}`);
}

export const tenantCommand: Command = {
  name: 'tenant',
  usage: 'tenant --from-audit FILE... [--as-of T] | --snapshot FILE | --connect ...',
  summary: `who can read which mailbox: apps by risk (Entra + Exchange RBAC), scopes, policies, delegations, audit coverage; sources: ${tenantSourceUsage}`,
  options: tenantSourceOptions,
  async run(ctx) {
    const { model, notes } = await loadTenantFromOptions(ctx);
    if (ctx.json) ctx.out(JSON.stringify(model, null, 2));
    else printInventory(model, notes, ctx.out);
  },
};
