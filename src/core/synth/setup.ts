import { AdminSession, actorOf } from './actions/actors';
import * as entra from './actions/entra';
import * as exo from './actions/exchange';
import { signInPerson } from './actions/signIns';
import { LEGACY_AUDIT_OWNER, MS_APPS } from './data/apps';
import { HOUR, MINUTE } from './time/calendar';
import type { DirectoryInitiator } from './records/directory';
import type { World } from './world';
import type { AppCredential } from '../tenant/model';

/**
 * The setup phase: every element of the tenant is created by a real-shaped
 * audit record in the first working hours of the window, in dependency order.
 */
export function runSetup(w: World): void {
  const { plan, log } = w;
  const prng = w.prng.fork('setup');
  const admin = plan.admins[0]!;
  const people = plan.people.filter((p) => p.createdAt === w.setupStart);
  const count = 8 + people.length * 2 + plan.shared.length * 8 + plan.apps.length * 5 + plan.groups.reduce((n, g) => n + g.members.length + 1, 0) + plan.executives.length * 3;
  const step = Math.min(30_000, Math.max(1_000, Math.floor((3 * HOUR) / count)));
  let t = w.setupStart;
  const next = (): number => {
    t += step + prng.int(step);
    return Math.floor(t / 1000) * 1000;
  };

  const session = prng.guid();
  signInPerson(log, prng, admin, { time: t - 6 * MINUTE, client: 'azurePortal', ip: admin.officeIp, place: admin.place, sessionId: session, mfa: true });
  signInPerson(log, prng, admin, { time: t - 4 * MINUTE, client: 'exoPowerShell', ip: admin.officeIp, place: admin.place, sessionId: session, mfa: true });
  const by: DirectoryInitiator = { kind: 'user', actor: actorOf(admin), ip: admin.officeIp };
  const byPortal: DirectoryInitiator = { kind: 'app', appId: '00000006-0000-0ff1-ce00-000000000000', displayName: 'Microsoft Office 365 Portal', servicePrincipalId: prng.guid() };
  const jit: DirectoryInitiator = { kind: 'app', appId: '00000001-0000-0000-c000-000000000000', displayName: 'Microsoft Azure AD Internal - Jit Provisioning', servicePrincipalId: prng.guid() };
  const ps = new AdminSession(log, actorOf(admin), admin.officeIp, MS_APPS.exoPowerShell.appId, plan.servers[0]!, prng, t - 4 * MINUTE);

  for (const app of plan.microsoftApps) entra.addServicePrincipal(w.entra, next(), jit, app);
  for (const p of people) {
    entra.addUser(w.entra, next(), p === admin ? byPortal : by, p);
    if (p.mailbox) entra.assignLicense(w.entra, next(), p === admin ? byPortal : by, p);
  }
  for (const s of plan.shared) exo.newMailbox(w.exchange, ps, next(), s.mailbox);
  for (const r of plan.resources) exo.newMailbox(w.exchange, ps, next(), r);
  for (const weak of plan.weakAudit) {
    if (weak.kind === 'ownerActions') exo.setMailboxAuditActions(w.exchange, ps, next(), weak.mailbox, 'AuditOwner', LEGACY_AUDIT_OWNER);
    else if (weak.kind === 'delegateActions') exo.setMailboxAuditActions(w.exchange, ps, next(), weak.mailbox, 'AuditDelegate', ['Update', 'SoftDelete', 'HardDelete', 'SendAs']);
    else exo.setMailboxAuditEnabled(w.exchange, ps, next(), weak.mailbox, false);
  }
  for (const g of plan.groups) {
    exo.newSecurityGroup(w.exchange, ps, next(), g);
    for (const m of g.members) exo.addGroupMember(w.exchange, ps, next(), g, m);
  }

  for (const a of plan.apps) {
    if (a.registeredHere) entra.addApplication(w.entra, next(), by, a.app);
    if (a.reach.kind !== 'delegated-consent') entra.addServicePrincipal(w.entra, next(), by, a.app);
    if (a.registeredHere) {
      const cred: AppCredential = {
        keyId: prng.guid(), type: 'certificate', displayName: `CN=${a.app.displayName.replace(/\s+/g, '')}`,
        startDateTime: new Date(t).toISOString(), endDateTime: new Date(t + 730 * 24 * HOUR).toISOString(),
      };
      entra.addApplicationCredential(w.entra, next(), by, a.app, cred);
    }
    if (a.appRoles.length > 0) {
      const consentBy = by as DirectoryInitiator & { kind: 'user' };
      entra.consentToApplication(w.entra, next(), consentBy, a.app, { admin: true, appOnly: true, scopes: [], consenter: admin });
      for (const [resource, value] of a.appRoles) entra.grantAppRole(w.entra, next(), consentBy, a.app, resource, value);
    }
    const r = a.reach;
    if (r.kind === 'access-policy') {
      const g = plan.groups.find((x) => x.id === r.groupId)!;
      exo.newApplicationAccessPolicy(w.exchange, ps, next(), a.app, g, `Restrict ${a.app.displayName} to the finance report mailboxes`);
    } else if (r.kind === 'rbac-department' || r.kind === 'rbac-guid') {
      exo.newExchangeServicePrincipal(w.exchange, ps, next(), a.app);
      const filter = r.kind === 'rbac-department' ? `Department -eq '${r.department}'` : `Guid -eq '${r.mailbox.guid}'`;
      exo.newManagementScope(w.exchange, ps, next(), r.scopeName, filter);
      exo.newAppRoleAssignment(w.exchange, ps, next(), a.app, r.role, r.scopeName, r.assignmentName);
    } else if (r.kind === 'esp-fullaccess') {
      exo.newExchangeServicePrincipal(w.exchange, ps, next(), a.app);
      exo.addFullAccess(w.exchange, ps, next(), r.mailbox, a.app.servicePrincipalId, undefined);
    }
  }

  plan.executives.forEach((exec, i) => {
    const assistant = plan.assistants[i % plan.assistants.length];
    if (!assistant || !exec.mailbox) return;
    const upn = assistant.user.userPrincipalName;
    exo.addFullAccess(w.exchange, ps, next(), exec.mailbox, upn, undefined);
    exo.setSendOnBehalf(w.exchange, ps, next(), exec.mailbox, [upn]);
    exo.addFolderPermission(w.exchange, ps, next(), exec.mailbox, 'Calendar', upn, 'Editor');
  });
  for (const s of plan.shared) {
    for (const m of s.members) {
      exo.addFullAccess(w.exchange, ps, next(), s.mailbox, m.user.userPrincipalName, undefined);
      if (s.sendAs) exo.addSendAs(w.exchange, ps, next(), s.mailbox, m.user.userPrincipalName);
    }
  }
  w.setupEnd = next() + 5 * MINUTE;
}
