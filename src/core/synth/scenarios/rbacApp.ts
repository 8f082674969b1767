import { actorOf } from '../actions/actors';
import * as entra from '../actions/entra';
import * as exo from '../actions/exchange';
import { HOUR, MINUTE } from '../time/calendar';
import type { App, AppCredential } from '../../tenant/model';
import type { Person } from '../tenant/types';
import type { AttackEnv } from './env';
import type { AdminFoothold } from './adminTakeover';
import { appReads, appSignIn } from './appAccess';

const ID = 'rbac-app-scope-widened';

/**
 * Procedure B through Exchange RBAC for Applications: no Entra mail
 * permission at all; a scoped "Application Mail.Read" assignment that is
 * widened twice.
 */
export function rbacApp(a: AttackEnv, admin: AdminFoothold): void {
  const { w, prng } = a;
  const app: App = {
    appId: prng.guid(), servicePrincipalId: prng.guid(), applicationObjectId: prng.guid(), displayName: 'Backup Connector',
    isMicrosoft: false, owners: [a.admin.user.userPrincipalName], credentials: [], permissions: [],
  };
  const t = a.at(2, 1.5);
  const by = { kind: 'user' as const, actor: actorOf(a.admin), ip: admin.ip };
  admin.signIn(t - 5 * MINUTE, 'azurePortal');
  entra.addApplication(w.entra, t, by, app, { scenario: ID });
  entra.addServicePrincipal(w.entra, t + 30_000, by, app, { scenario: ID });
  const secret: AppCredential = {
    keyId: prng.guid(), type: 'password', displayName: 'backup', startDateTime: new Date(t + 90_000).toISOString(),
    endDateTime: new Date(t + 90_000 + 365 * 24 * HOUR).toISOString(),
  };
  entra.addServicePrincipalCredential(w.entra, t + 90_000, by, app, secret, { scenario: ID });

  const scope = 'IT Mailboxes - Backup';
  const ps = admin.powershell(t + 10 * MINUTE);
  exo.newExchangeServicePrincipal(w.exchange, ps, t + 10 * MINUTE, app, { scenario: ID });
  exo.newManagementScope(w.exchange, ps, t + 12 * MINUTE, scope, "Department -eq 'IT'", { scenario: ID });
  const { name } = exo.newAppRoleAssignment(w.exchange, ps, t + 13 * MINUTE, app, 'Application Mail.Read', scope, undefined, { scenario: ID });

  const ip = a.ips[3]!;
  const people = (pred: (p: Person) => boolean): Person[] => w.plan.people.filter((p) => p.mailbox && p.createdAt === w.setupStart && pred(p));
  const readBatch = (at: number, targets: Person[]): void => {
    appSignIn(a, app, at, ip, secret.keyId, ID);
    targets.forEach((p, i) => {
      const from = at + (i + 1) * 3 * MINUTE;
      appReads(a, app, p.mailbox!, ip, { from, to: from + 20 * MINUTE, count: 2 + prng.int(4), syncShare: 0.3, maxItems: 8 }, ID);
    });
  };
  readBatch(a.at(2, 3), people((p) => p.user.department === 'IT').slice(0, 4));

  const ps2 = admin.powershell(a.at(3, 0.85));
  exo.setManagementScope(w.exchange, ps2, a.at(3, 0.85), scope, "Department -eq 'IT' -or Department -eq 'Executive' -or Department -eq 'Finance'", { scenario: ID });
  readBatch(a.at(3, 1.5), people((p) => p.user.department === 'Executive' || p.user.department === 'Finance').slice(0, 6));
  exo.setAppRoleAssignmentScope(w.exchange, ps2, a.at(3, 2.15), name, null, { scenario: ID });
  readBatch(a.at(3, 2.75), people((p) => p.user.department === 'Legal' || p.user.department === 'Human Resources').slice(0, 5));
}
