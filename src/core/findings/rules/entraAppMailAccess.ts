/**
 * Rule 2: an app given mail access through Entra: consent, application
 * permissions (app role assignments), delegated permission grants carrying
 * mail scopes, end-user consent with offline_access, and credentials added to
 * an app (whoever holds the new secret can act as the app and use what it holds).
 */
import type { ColumnTable } from 'arquero';
import { operationKey, rowsWhere } from '../columns';
import { fold, isSystemActor } from '../identities';
import { parseConsentPermissions, parseKeyDescriptions } from '../../tenant/replay/entra';
import { prop } from '../../tenant/replay/entraEvent';
import { disableServicePrincipal, removeCredential, revokeAppRoleAssignments, revokeDelegatedGrants } from '../remediation';
import { mergeEvidence, refsAsEvidence, type RecordRef } from '../creations';
import { techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { offHours, riskyAccount } from './commonReasons';
import { appKeys, appOf, entraEvents, type AppRef, type SourcedEvent } from './entraEvents';
import { isAdministrative, isMailPermission, readsContent } from './mailPermissions';

const consentOps = ['Consent to application', 'Add app role assignment to service principal', 'Add delegated permission grant', 'Add service principal credentials'];
const operationList = consentOps.map((o) => `"${o}"`).join(', ');
const credentialsUpdate = 'Update application - Certificates and secrets management';

const auditQuery = `AuditLogs
| where Operation in~ (${operationList})
    or (Operation startswith "Update application" and Operation has "Certificates and secrets management")
| project Time, Id, Operation, ResultStatus, UserId, UserType, ObjectId, ModifiedProperties, ExtendedProperties, Target`;

const directoryQuery = `DirectoryAudits
| where Operation in~ (${operationList})
    or (Operation startswith "Update application" and Operation has "Certificates and secrets management")
| project Time, Id, Operation, Result, InitiatedByUser, InitiatedByApp, TargetResources, ModifiedProperties`;

const keys = new Set([...consentOps, credentialsUpdate].map(operationKey));

function select(t: ColumnTable): Int32Array {
  return rowsWhere(t, 'Operation', (op) => keys.has(operationKey(op)));
}

function appLabel(a: AppRef): string {
  return a.name && a.appId ? `${a.name} (${a.appId})` : a.name || a.appId || a.objectId || 'an unnamed app';
}

function truthy(v: string): boolean {
  return /^\s*"?true"?\s*$/i.test(v);
}

interface Grant {
  readonly kind: 'consent' | 'appRole' | 'delegatedGrant';
  readonly permissions: string[];
  readonly tenantWide: boolean;
  readonly appOnly: boolean;
}

function grantOf(se: SourcedEvent): Grant | null {
  const e = se.event;
  switch (e.operation) {
    case 'consent to application': {
      const grants = parseConsentPermissions(prop(e, 'ConsentAction.Permissions'));
      const scopes = [...new Set(grants.flatMap((g) => g.scopes))];
      const allPrincipals = grants.some((g) => fold(g.consentType) === 'allprincipals');
      return {
        kind: 'consent', permissions: scopes,
        tenantWide: truthy(prop(e, 'ConsentContext.IsAdminConsent')) || truthy(prop(e, 'ConsentContext.OnBehalfOfAll')) || allPrincipals,
        appOnly: truthy(prop(e, 'ConsentContext.IsAppOnly')),
      };
    }
    case 'add app role assignment to service principal':
      return { kind: 'appRole', permissions: [prop(e, 'AppRole.Value')].filter(Boolean), tenantWide: true, appOnly: true };
    case 'add delegated permission grant':
      return {
        kind: 'delegatedGrant',
        permissions: prop(e, 'DelegatedPermissionGrant.Scope').split(/\s+/).filter(Boolean),
        tenantWide: fold(prop(e, 'DelegatedPermissionGrant.ConsentType')) === 'allprincipals',
        appOnly: false,
      };
    default:
      return null;
  }
}

const WEEK = 7 * 24 * 3600 * 1000;

/** An app registered or added to the tenant shortly before it gets mail access (the illicit-app pattern). */
function newApp(reasons: Reasons, ctx: RuleContext, app: AppRef, time: number | null, context: RecordRef[]): void {
  const created = ctx.facts.creationsBefore(appKeys(app), time, WEEK, 'app');
  if (created.length === 0 || time === null) return;
  const first = Math.min(...created.map((c) => c.time ?? time));
  const hours = (time - first) / 3_600_000;
  reasons.add(10, `the app was added to the tenant ${hours < 1 ? 'less than an hour' : hours < 48 ? `${Math.floor(hours)} hour(s)` : `${Math.floor(hours / 24)} day(s)`} before`);
  context.push(...created);
}

function grantFinding(se: SourcedEvent, g: Grant, ctx: RuleContext): FindingDraft | null {
  const e = se.event;
  const app = appOf(e);
  const mail = g.permissions.filter(isMailPermission);
  const offline = g.permissions.some((p) => fold(p) === 'offline_access');
  const userConsentOffline = g.kind === 'consent' && !g.tenantWide && offline;
  if (mail.length === 0 && !userConsentOffline) return null;
  const content = mail.filter(readsContent);
  const reasons = new Reasons();
  let base: number;
  if (mail.length === 0) {
    base = 25;
    reasons.add(0, `end-user consent with offline_access (${g.permissions.join(' ')}): the app keeps a refresh token and acts without the user present`);
  } else if (g.appOnly) {
    base = 60;
    reasons.add(0, `application permission ${mail.join(', ')}: every mailbox in the tenant, no user needed`);
  } else if (g.tenantWide) {
    base = 55;
    reasons.add(0, `granted for all users: ${mail.join(', ')}`);
  } else {
    base = 40;
    reasons.add(0, `granted for one user: ${mail.join(', ')}`);
  }
  if (content.length) reasons.add(10, `reads message contents (${content.join(', ')})`);
  if (mail.some(isAdministrative)) reasons.add(5, 'Exchange.ManageAsApp: with an Exchange role the app can run admin cmdlets and grant itself any mailbox access');
  if (mail.length && offline) reasons.add(5, 'offline_access: the access outlives the user\'s session');
  if (!e.succeeded) reasons.add(-30, 'the change failed');
  const known = app.appId ? ctx.facts.isKnownApp(app.appId) : app.name ? ctx.facts.isKnownApp(app.name) : false;
  if (known) reasons.add(-30, `${appLabel(app)} is in the known-apps allowlist`);
  offHours(reasons, ctx, se.time);
  const context: RecordRef[] = [];
  if (!isSystemActor(e.actor)) riskyAccount(reasons, ctx, e.actor, se.time, 'actor', context);
  newApp(reasons, ctx, app, se.time, context);
  const what = g.kind === 'consent' ? (g.tenantWide ? 'Admin consent' : 'User consent') : g.kind === 'appRole' ? 'Application permission' : 'Delegated permission grant';
  const perms = (mail.length ? mail : g.permissions).join(', ');
  const appRef = app.appId || app.name || app.objectId;
  return {
    kind: g.kind,
    title: `${what} to ${appLabel(app)}: ${perms}`,
    description: `${e.actor || 'Someone'} gave ${appLabel(app)} ${perms}${g.tenantWide ? ' for the whole tenant' : ''}. `
      + (mail.length ? 'The app can reach mailboxes through Microsoft Graph / Exchange with these permissions.' : 'offline_access lets the app refresh its token and keep acting without the user.'),
    stage: 'grant',
    baseScore: base,
    reasons: reasons.list,
    evidence: mergeEvidence([...se.evidence, ...refsAsEvidence(context)]),
    start: se.time,
    end: se.time,
    actor: e.actor,
    app: appRef,
    grantee: appRef,
    related: appKeys(app),
    techniques: g.kind === 'appRole' ? [techniques.cloudRoles] : [techniques.appAccessToken],
    remediation: app.appId
      ? [g.kind === 'appRole' ? revokeAppRoleAssignments(app.appId, mail) : revokeDelegatedGrants(app.appId, mail.length ? mail : g.permissions), disableServicePrincipal(app.appId)]
      : [],
    details: { permissions: g.permissions, tenantWide: g.tenantWide, appOnly: g.appOnly, ...(app.name ? { appName: app.name } : {}), ...(app.objectId ? { appObjectId: app.objectId } : {}) },
  };
}

function credentialFinding(se: SourcedEvent, ctx: RuleContext, granted: ReadonlyMap<string, Set<string>>): FindingDraft | null {
  const e = se.event;
  const p = e.props.get('keydescription');
  const app = appOf(e);
  const before = p ? parseKeyDescriptions(p.oldValue) : [];
  const after = p ? parseKeyDescriptions(p.newValue) : [];
  const added = after.filter((k) => !before.some((b) => fold(b.keyId) === fold(k.keyId)));
  const addOperation = e.operation.startsWith('add ');
  if (added.length === 0 && !addOperation) return null;
  const ks = appKeys(app);
  const held = new Set(ctx.facts.permissionsOfApp(ks).filter((v) => isMailPermission(v) || /^application\s/i.test(v)));
  for (const k of ks) for (const v of granted.get(k) ?? []) held.add(v);
  const reasons = new Reasons();
  if (held.size) reasons.add(30, `${appLabel(app)} holds mailbox permissions: ${[...held].join(', ')}`);
  else reasons.add(0, 'the app\'s permissions are not in this data: check whether it holds mail permissions');
  if (added.some((k) => k.type === 'password')) reasons.add(5, 'a client secret (password): easy to use from anywhere');
  if (!e.succeeded) reasons.add(-30, 'the change failed');
  offHours(reasons, ctx, se.time);
  const context: RecordRef[] = [];
  if (!isSystemActor(e.actor)) riskyAccount(reasons, ctx, e.actor, se.time, 'actor', context);
  newApp(reasons, ctx, app, se.time, context);
  const keyList = added.map((k) => `${k.type === 'password' ? 'secret' : 'certificate'} ${k.keyId}${k.displayName ? ` "${k.displayName}"` : ''}`);
  const appRef = app.appId || app.name || app.objectId;
  return {
    kind: 'credential',
    title: `Credential added to ${appLabel(app)}${held.size ? ' (holds mail permissions)' : ''}`,
    description: `${e.actor || 'Someone'} added ${keyList.length ? keyList.join(', ') : 'a credential'} to ${appLabel(app)}. Whoever holds it can sign in as the app and use every permission it has.`,
    stage: 'grant',
    baseScore: 30,
    reasons: reasons.list,
    evidence: mergeEvidence([...se.evidence, ...refsAsEvidence(context)]),
    start: se.time,
    end: se.time,
    actor: e.actor,
    app: appRef,
    grantee: appRef,
    related: ks,
    techniques: [techniques.cloudCredentials],
    remediation: app.objectId ? added.map((k) => removeCredential(app.objectId, k.keyId, k.type, app.objectType === 'application' ? 'application' : 'servicePrincipal')) : [],
    details: { keys: keyList, ...(held.size ? { mailPermissions: [...held] } : {}), ...(app.name ? { appName: app.name } : {}), ...(app.objectId ? { appObjectId: app.objectId } : {}) },
  };
}

export const entraAppMailAccess: Rule = {
  id: 'entra-app-mail-access',
  title: 'App given mail access through Entra',
  description: 'Consent, application permissions and delegated grants carrying Mail.*, MailboxSettings.*, MailboxItem.*, full_access_as_app, EWS/IMAP/POP access; end-user consent with offline_access; credentials added to an app.',
  techniques: [techniques.appAccessToken, techniques.cloudRoles, techniques.cloudCredentials],
  references: [
    'https://attack.mitre.org/techniques/T1528/',
    'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/detect-and-remediate-illicit-consent-grants',
    'https://learn.microsoft.com/en-us/graph/permissions-reference',
    'https://attack.mitre.org/techniques/T1098/001/',
  ],
  inputs: {
    audit: { table: 'AuditLogs', query: auditQuery, select, optional: true },
    directory: { table: 'DirectoryAudits', query: directoryQuery, select, optional: true },
  },
  detect(sel, ctx) {
    const events = entraEvents(sel.audit, sel.directory);
    const out: FindingDraft[] = [];
    const granted = new Map<string, Set<string>>();
    const silent: SourcedEvent[] = [];
    for (const se of events) {
      const g = grantOf(se);
      if (!g) continue;
      const mail = g.permissions.filter(isMailPermission);
      if (mail.length && se.event.succeeded) {
        for (const k of appKeys(appOf(se.event))) {
          let s = granted.get(k);
          if (!s) granted.set(k, (s = new Set()));
          for (const m of mail) s.add(m);
        }
      }
      const f = grantFinding(se, g, ctx);
      if (f) out.push(f);
      else if (g.kind === 'consent' && g.tenantWide) silent.push(se);
    }
    for (const se of events) {
      if (grantOf(se)) continue;
      const f = credentialFinding(se, ctx, granted);
      if (f) out.push(f);
    }
    return attachConsents(out, silent);
  },
};

const CONSENT_GAP = 10 * 60 * 1000;

/**
 * An admin consent that names no scope (app-only consent) goes with the app role
 * assignments of the same app made around it: its records join that finding.
 */
function attachConsents(findings: FindingDraft[], consents: readonly SourcedEvent[]): FindingDraft[] {
  const out = findings.slice();
  for (const se of consents) {
    const keys = new Set(appKeys(appOf(se.event)));
    const i = out.findIndex((f) => f.kind !== 'credential' && (f.related ?? []).some((k) => keys.has(k))
      && f.start !== null && se.time !== null && Math.abs(f.start - se.time) <= CONSENT_GAP);
    if (i >= 0) out[i] = { ...out[i]!, evidence: mergeEvidence([...out[i]!.evidence, ...se.evidence]) };
  }
  return out;
}
