import { permissionDef } from '../../../core/tenant/access/entraGrants';
import { policiesOfApp } from '../../../core/tenant/access/policy';
import { roleAssignmentsOfApp } from '../../../core/tenant/access/rbac';
import { exchangeServicePrincipalsOf, servicePrincipalPermissionsOn } from '../../../core/tenant/access/entraGrants';
import { mailboxesReadableByApp } from '../../../core/tenant/access/whoCanRead';
import { resourceNames } from '../../../core/tenant/catalogue/resources';
import { findGroup, findMailbox, fold } from '../../../core/tenant/identity';
import { appMailboxRemediationScript, appRemediationScript, revokePermissionScript } from '../../../core/tenant/inventory/accessRemediation';
import { removeCredentialScript, removeDelegationScript, removeExchangeServicePrincipalScript } from '../../../core/tenant/inventory/remediation';
import type { AppRisk } from '../../../core/tenant/inventory/risk';
import type { App, AppCredential, EntraPermission, TenantModel } from '../../../core/tenant/model';
import type { TenantService } from '../tenantService';
import type { LoadedTenant } from '../tenantSource';
import { appMailboxNode, roleAssignmentNode } from './sharedNodes';
import { childId, ERROR_COLOR, note, section, WARNING_COLOR, type TenantNode, type TooltipLine } from './tenantNode';

export function appsRoots(_loaded: LoadedTenant, service: TenantService): TenantNode[] {
  const model = service.current!.model;
  return service.risks().map((risk) => appNode(model, risk));
}

function riskLevel(risk: AppRisk): { icon: string; color?: string } {
  if (risk.tenantWide || (risk.readableMailboxes > 0 && risk.recentCredentials.length > 0)) return { icon: 'flame', color: ERROR_COLOR };
  if (risk.readableMailboxes > 0 || risk.score > 0) return { icon: 'warning', color: WARNING_COLOR };
  return { icon: 'plug' };
}

function appDescription(risk: AppRisk): string {
  const parts: string[] = [];
  if (risk.tenantWide) parts.push('tenant-wide');
  if (risk.readableMailboxes > 0) parts.push(`reads ${risk.readableMailboxes} mailbox${risk.readableMailboxes === 1 ? '' : 'es'}`);
  else if (risk.score === 0) parts.push('no mail access');
  if (risk.recentCredentials.length) parts.push('new credential');
  parts.push(`risk ${risk.score}`);
  return parts.join(' · ');
}

export function appNode(model: TenantModel, risk: AppRisk): TenantNode {
  const app = risk.app;
  const id = `app:${fold(app.appId)}`;
  const level = riskLevel(risk);
  const lines: TooltipLine[] = [{ label: 'App id', text: app.appId }];
  if (app.publisher) lines.push({ label: 'Publisher', text: app.publisher });
  lines.push({ label: 'Risk score', text: String(risk.score) });
  for (const reason of risk.reasons) lines.push({ label: 'Why', text: reason });
  if (risk.mailPermissions.length) lines.push({ label: 'Mail permissions', text: risk.mailPermissions.join(', ') });
  if (risk.roleAssignments.length) lines.push({ label: 'RBAC role assignments', text: risk.roleAssignments.join(', ') });
  return {
    id,
    kind: 'app',
    label: app.displayName || app.appId,
    description: appDescription(risk),
    icon: level.icon,
    iconColor: level.color,
    tooltip: { title: app.displayName || app.appId, lines },
    appId: app.appId,
    remediation: () => appRemediationScript(model, app),
    children: () => appChildren(model, app, risk, id),
  };
}

function appChildren(model: TenantModel, app: App, risk: AppRisk, id: string): TenantNode[] {
  const out: TenantNode[] = [];
  if (risk.reasons.length) {
    out.push(section(id, 'risk', 'Why it ranks here', () => risk.reasons.map((r, i) => ({
      id: childId(id, `risk/${i}`), kind: 'riskReason' as const, label: r, icon: 'arrow-small-right',
    })), risk.reasons.length, 'pulse'));
  }
  const application = app.permissions.filter((p) => p.kind === 'application');
  const delegated = app.permissions.filter((p) => p.kind === 'delegated');
  if (application.length) {
    out.push(section(id, 'entraApplication', 'Entra application permissions', () => application.map((p, i) => permissionNode(app, p, childId(id, 'entraApplication'), i)), application.length, 'key', true));
  }
  if (delegated.length) {
    out.push(section(id, 'entraDelegated', 'Entra delegated permissions', () => delegated.map((p, i) => permissionNode(app, p, childId(id, 'entraDelegated'), i)), delegated.length, 'person'));
  }
  const assignments = roleAssignmentsOfApp(model, app);
  if (assignments.length) {
    const sid = childId(id, 'rbac');
    out.push(section(id, 'rbac', 'Exchange RBAC role assignments', () => assignments.map((ra) => roleAssignmentNode(model, sid, ra, { appId: app.appId })), assignments.length, 'law', true));
  }
  const policies = policiesOfApp(model, app.appId);
  if (policies.length) {
    const sid = childId(id, 'policies');
    out.push(section(id, 'policies', 'Application access policies', () => policies.map((p) => {
      const pid = childId(sid, `policy:${fold(p.identity)}`);
      const group = findGroup(model, p.policyScopeGroupId);
      return {
        id: pid, kind: 'accessPolicy' as const, label: p.accessRight, description: p.policyScopeGroupId, icon: p.accessRight === 'DenyAccess' ? 'circle-slash' : 'shield',
        tooltip: { title: `Application access policy ${p.identity}`, lines: [
          { label: 'Access right', text: p.accessRight }, { label: 'Group', text: p.policyScopeGroupId },
          { label: 'Restricts', text: 'Entra application permissions on Graph and EWS only; not RBAC role assignments, not IMAP/POP' },
          ...(p.description ? [{ label: 'Description', text: p.description }] : []),
        ] },
        children: () => group
          ? group.members.map((member, i) => ({ id: childId(pid, `member/${i}`), kind: 'policyMember' as const, label: member, icon: 'person',
            mailbox: findMailbox(model, member)?.userPrincipalName }))
          : [note(pid, 'missing', `group '${p.policyScopeGroupId}' not found in the model: treated as empty`, { icon: 'warning', iconColor: WARNING_COLOR })],
      };
    }), policies.length, 'shield'));
  }
  if (app.credentials.length) {
    out.push(section(id, 'credentials', 'Credentials', () => app.credentials.map((c) => credentialNode(app, c, childId(id, 'credentials'), risk)), app.credentials.length, 'key'));
  }
  const sps = exchangeServicePrincipalsOf(model, app);
  if (sps.length) {
    const sid = childId(id, 'sp');
    out.push(section(id, 'sp', 'Exchange service principal', () => sps.map((sp) => {
      const spId = childId(sid, `sp:${fold(sp.identity || sp.objectId)}`);
      return {
        id: spId, kind: 'exchangeServicePrincipal' as const, label: sp.displayName || sp.identity, description: sp.identity, icon: 'server-process',
        tooltip: { title: `Exchange service principal ${sp.displayName}`, lines: [
          { label: 'Identity', text: sp.identity }, { label: 'App id', text: sp.appId }, { label: 'Object id', text: sp.objectId },
          ...(sp.createdDateTime ? [{ label: 'Created', text: sp.createdDateTime }] : []),
        ] },
        appId: app.appId,
        remediation: () => removeExchangeServicePrincipalScript(sp),
        children: () => {
          const held = model.mailboxes.flatMap((m) => servicePrincipalPermissionsOn(model, app, m, [sp]).map((d) => ({ m, d })));
          if (held.length === 0) return [note(spId, 'none', 'holds no mailbox permissions')];
          return held.map(({ m, d }, i) => ({
            id: childId(spId, `perm/${i}`), kind: 'spPermission' as const, label: m.userPrincipalName, description: d.right, icon: 'unlock',
            tooltip: { title: `${d.right} on ${m.userPrincipalName}`, lines: [{ label: 'Trustee', text: d.trustee },
              ...(d.grantedDateTime ? [{ label: 'Granted', text: `${d.grantedDateTime}${d.grantedBy ? ` by ${d.grantedBy}` : ''}` }] : [])] },
            appId: app.appId, mailbox: m.userPrincipalName, remediation: () => removeDelegationScript(d),
          }));
        },
      };
    }), sps.length, 'server-process'));
  }
  const readableId = childId(id, 'readable');
  out.push({
    id: readableId, kind: 'section', label: 'Readable mailboxes', description: String(risk.readableMailboxes), icon: 'mail',
    children: () => {
      const reach = mailboxesReadableByApp(model, app, { includeBasic: true });
      if (reach.mailboxes.length === 0) return [note(readableId, 'none', 'reads no mailbox app-only')];
      return reach.mailboxes.map((r) => {
        const m = findMailbox(model, r.mailbox)!;
        return appMailboxNode(readableId, m, app.appId, {
          description: `${r.rights.join(', ')}${r.tenantWide ? ' · tenant-wide' : ''}`,
          remediation: () => appMailboxRemediationScript(model, app, m),
        });
      });
    },
  });
  return out;
}

function permissionNode(app: App, p: EntraPermission, parentId: string, index: number): TenantNode {
  const def = permissionDef(p);
  const resource = p.resourceName || resourceNames[p.resourceAppId] || p.resourceAppId;
  const mail = (def?.rights.length ?? 0) > 0 || def?.administrative === true;
  const lines: TooltipLine[] = [
    { label: 'Resource', text: `${resource} (${p.resourceAppId})` },
    { label: 'Kind', text: p.kind === 'application' ? 'application permission (app role)' : 'delegated permission (scope)' },
  ];
  if (def) lines.push({ label: 'Gives', text: def.rights.length ? def.rights.join(', ') : def.administrative ? 'Exchange administration' : 'no mailbox rights' });
  if (p.consentType) lines.push({ label: 'Consent', text: p.consentType === 'AllPrincipals' ? 'admin consent for all users' : `user ${p.principalId ?? '(unknown)'}` });
  if (p.grantedDateTime) lines.push({ label: 'Granted', text: `${p.grantedDateTime}${p.grantedBy ? ` by ${p.grantedBy}` : ''}` });
  return {
    id: childId(parentId, `perm:${index}:${fold(p.resourceAppId)}:${fold(p.value)}:${fold(p.principalId)}`),
    kind: 'entraPermission',
    label: p.value,
    description: `${resource}${p.grantedDateTime ? ` · ${p.grantedDateTime.slice(0, 10)}` : ''}`,
    icon: mail ? 'unlock' : 'circle-small',
    iconColor: mail ? WARNING_COLOR : undefined,
    tooltip: { title: `${resource} ${p.value}`, lines },
    appId: app.appId,
    remediation: () => revokePermissionScript(app, p),
  };
}

function credentialNode(app: App, c: AppCredential, parentId: string, risk: AppRisk): TenantNode {
  // appRisk lists recent credentials in this form.
  const recent = risk.recentCredentials.includes(`${c.type} ${c.displayName ?? c.keyId} added ${c.startDateTime}`);
  const lines: TooltipLine[] = [
    { label: 'Type', text: c.type === 'password' ? 'client secret' : 'certificate' },
    { label: 'Key id', text: c.keyId },
    { label: 'Added', text: c.startDateTime },
    { label: 'Expires', text: c.endDateTime ?? '(not recorded)' },
  ];
  if (recent) lines.push({ label: 'Note', text: 'added recently: check who added it and whether the app was used right after' });
  return {
    id: childId(parentId, `cred:${fold(c.keyId)}`),
    kind: 'credential',
    label: c.displayName || c.keyId,
    description: `${c.type === 'password' ? 'secret' : 'certificate'} · added ${c.startDateTime.slice(0, 10)}${c.endDateTime ? ` · expires ${c.endDateTime.slice(0, 10)}` : ''}`,
    icon: c.type === 'password' ? 'symbol-key' : 'verified',
    iconColor: recent ? ERROR_COLOR : undefined,
    tooltip: { title: `Credential ${c.displayName ?? c.keyId}`, lines },
    appId: app.appId,
    remediation: () => removeCredentialScript(app, c.keyId, c.type),
  };
}
