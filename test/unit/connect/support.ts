/** Shared by the connect tests: a small synthetic tenant (generated once), the fake server, clients pointed at it. */
import { createSyntheticTenant, type SyntheticTenant, type SynthRecord } from '../../../src/core/synth';
import { findApp, findGroup, findMailbox, managementScopeViews, type TenantModel } from '../../../src/core/tenant';
import { MsalAppTokenProvider } from '../../../src/connect/auth/msal';
import { connectTenant, type TenantConnection } from '../../../src/connect/connection';
import type { ApiClientOptions, ApiEvent } from '../../../src/connect/http/apiClient';
import type { Sleeper } from '../../../src/connect/http/retry';
import { startFakeTenant, type FakeTenant } from '../../fakeTenant/server';

let cached: { synth: SyntheticTenant; records: SynthRecord[] } | undefined;

/** The synthetic tenant the connect tests serve (small: 20 users, 4 days, 3000 audit records). */
export function synthTenant(): { synth: SyntheticTenant; records: SynthRecord[] } {
  cached ??= (() => {
    const synth = createSyntheticTenant({ seed: 7, users: 20, days: 4, records: 3000 });
    return { synth, records: [...synth.records()] };
  })();
  return cached;
}

export const CLIENT_ID = '5a1c7e0d-8f64-4a57-9a5e-6f2f1bb6c001';
export const CLIENT_SECRET = 'Q~fake-client-secret-7d1f0b9c2e4a';

export async function startTenant(model?: TenantModel): Promise<FakeTenant> {
  const { synth, records } = synthTenant();
  const fake = await startFakeTenant({ model: model ?? synth.model, records });
  fake.identity.register({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
  return fake;
}

/** Records the waits the client asks for instead of waiting. */
export function recordingSleeper(): { sleep: Sleeper; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => { waits.push(ms); } };
}

export interface TestConnection { conn: TenantConnection; events: ApiEvent[]; waits: number[] }

export function connectWithSecret(fake: FakeTenant, api: Partial<ApiClientOptions> = {}): TestConnection {
  const events: ApiEvent[] = [];
  const { sleep, waits } = recordingSleeper();
  const tokens = new MsalAppTokenProvider({ tenantId: fake.tenantId, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, authorityHost: fake.url, ca: fake.ca });
  const conn = connectTenant({
    tenantId: fake.tenantId, tokens, graphBaseUrl: fake.url, exchangeBaseUrl: fake.url, ca: fake.ca, sleep,
    onEvent: (e) => events.push(e), timeoutMs: 5000, ...api,
  });
  return { conn, events, waits };
}

const lc = (s?: string | boolean) => String(s ?? '').toLowerCase();

/** What decides who can read which mailbox, as comparable sets (automapping is not visible through Exchange's cmdlets). */
export function permissionParts(m: TenantModel): Record<string, string[]> {
  return {
    delegations: m.delegations.map((d) => [d.mailbox, d.trustee, d.right, d.folder, (d.folderAccessRights ?? []).join('+')].map(lc).join('|')),
    roleAssignments: m.roleAssignments.map((r) => [r.name, r.role, r.roleAssignee, r.customResourceScope, r.enabled].map(lc).join('|')),
    managementScopes: m.managementScopes.map((s) => [s.name, s.recipientRestrictionFilter].map(lc).join('|')),
    accessPolicies: m.accessPolicies.map((p) => [p.appId, p.accessRight, p.policyScopeGroupId].map(lc).join('|')),
    appPermissions: m.apps.flatMap((a) => a.permissions.map((p) => [a.appId, p.resourceAppId, p.value, p.kind, p.consentType, p.principalId].map(lc).join('|'))),
    appCredentials: m.apps.flatMap((a) => a.credentials.map((c) => [a.appId, c.keyId, c.type, c.startDateTime, c.endDateTime].map(lc).join('|'))),
    exchangeServicePrincipals: m.exchangeServicePrincipals.map((s) => [s.appId, s.objectId].map(lc).join('|')),
    sendOnBehalf: m.mailboxes.flatMap((x) => x.grantSendOnBehalfTo.map((t) => `${lc(x.userPrincipalName)}|${lc(t)}`)),
    mailboxes: m.mailboxes.map((x) => [x.userPrincipalName, x.guid, x.recipientTypeDetails, x.department, JSON.stringify(x.customAttributes)].map(lc).join('|')),
    mailboxAudit: m.mailboxes.map((x) => [x.userPrincipalName, x.audit.auditEnabled, x.audit.auditBypassEnabled,
      [...x.audit.auditAdmin].sort().join('+'), [...x.audit.auditDelegate].sort().join('+'), [...x.audit.auditOwner].sort().join('+')].map(lc).join('|')),
    groupMembers: m.groups.map((g) => `${lc(g.mail ?? g.displayName)}|${g.members.map(lc).sort().join('+')}`),
    owners: m.apps.filter((a) => a.owners.length).map((a) => `${lc(a.appId)}|${a.owners.map(lc).sort().join('+')}`),
    organization: [`${m.organization.auditDisabled}|${m.organization.unifiedAuditLogIngestionEnabled}`],
  };
}


/** People, apps and mailboxes the tests ask about, found in the model rather than named (the generator's names may change). */
export function picks(model: TenantModel) {
  const users = (upn: string) => model.mailboxes.find((m) => m.userPrincipalName === upn)?.recipientTypeDetails === 'UserMailbox';
  const scoped = model.roleAssignments.find((ra) => ra.enabled && /Department/.test(model.managementScopes.find((s) => s.name === ra.customResourceScope)?.recipientRestrictionFilter ?? ''))!;
  const scope = managementScopeViews(model).find((v) => v.scope.name === scoped.customResourceScope)!;
  const scopedApp = findApp(model, scoped.roleAssignee)!;
  const policy = model.accessPolicies[0]!;
  const group = findGroup(model, policy.policyScopeGroupId)!;
  const member = group.members.find(users)!;
  const sharedMember = group.members.find((m) => !users(m))!;
  const outsider = model.mailboxes.find((m) => m.recipientTypeDetails === 'UserMailbox' && !scope.matchedMailboxes.includes(m.userPrincipalName) && !group.members.includes(m.userPrincipalName))!;
  const imapApp = model.apps.find((a) => a.permissions.some((p) => p.value === 'IMAP.AccessAsApp'))!;
  const imapSp = model.exchangeServicePrincipals.find((s) => s.appId === imapApp.appId)!;
  const imapMailbox = model.delegations.find((d) => d.right === 'FullAccess' && d.trustee === imapSp.identity)!.mailbox;
  const sharedFullAccess = model.delegations.find((d) => d.right === 'FullAccess' && !users(d.mailbox) && findMailbox(model, d.trustee))!;
  const delegate = model.delegations.find((d) => d.right === 'FullAccess' && model.delegations.some((f) => f.trustee === d.trustee && f.right === 'FolderPermission'))!;
  const delegateFolder = model.delegations.find((f) => f.trustee === delegate.trustee && f.right === 'FolderPermission')!;
  return {
    scopedApp, scopeName: scoped.customResourceScope!, scopeFilter: scope.scope.recipientRestrictionFilter, inScope: scope.matchedMailboxes[0]!, outsider: outsider.userPrincipalName,
    outsiderUserId: outsider.userId!, policyApp: findApp(model, policy.appId)!, policyGroup: group, member, sharedMember,
    imapApp, imapMailbox, sharedFullAccess, delegate, delegateFolder,
  };
}
