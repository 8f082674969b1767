import { actorOf } from '../actions/actors';
import * as entra from '../actions/entra';
import { HOUR, MINUTE } from '../time/calendar';
import type { App, AppCredential } from '../../tenant/model';
import type { AttackEnv } from './env';
import type { AdminFoothold } from './adminTakeover';
import { appReads, appSignIn } from './appAccess';

const ID = 'consent-app-mail-read';

export interface AttackApp {
  readonly app: App;
  readonly keyId: string;
}

/** Procedure B through Entra: register an app, add a secret, admin-consent Graph Mail.Read, read VIP and finance mail. */
export function consentApp(a: AttackEnv, admin: AdminFoothold): AttackApp {
  const { w, prng } = a;
  const app: App = {
    appId: prng.guid(), servicePrincipalId: prng.guid(), applicationObjectId: prng.guid(), displayName: 'Mail Insights Analytics',
    isMicrosoft: false, owners: [a.admin.user.userPrincipalName], credentials: [], permissions: [],
  };
  const t = a.at(1, 2.5);
  const by = { kind: 'user' as const, actor: actorOf(a.admin), ip: admin.ip };
  entra.addApplication(w.entra, t, by, app, { scenario: ID });
  entra.addServicePrincipal(w.entra, t + 40_000, by, app, { scenario: ID });
  const secret: AppCredential = {
    keyId: prng.guid(), type: 'password', displayName: 'sync', startDateTime: new Date(t + 2 * MINUTE).toISOString(),
    endDateTime: new Date(t + 2 * MINUTE + 730 * 24 * HOUR).toISOString(),
  };
  entra.addServicePrincipalCredential(w.entra, t + 2 * MINUTE, by, app, secret, { scenario: ID });
  entra.consentToApplication(w.entra, t + 4 * MINUTE, by, app, { admin: true, appOnly: true, scopes: [], consenter: a.admin }, { scenario: ID });
  entra.grantAppRole(w.entra, t + 4 * MINUTE + 3_000, by, app, 'Microsoft Graph', 'Mail.Read', { scenario: ID });

  const ip = a.ips[3]!;
  const targets = [
    ...w.plan.executives, a.victim,
    ...w.plan.people.filter((p) => p.role === 'staff' && (p.user.department === 'Finance' || p.user.department === 'Legal') && p.createdAt === w.setupStart).slice(0, 8),
  ].filter((p) => p.mailbox);
  const readAt = a.at(1, 4);
  appSignIn(a, app, readAt, ip, secret.keyId, ID);
  targets.forEach((p, i) => {
    const from = readAt + (i + 1) * 4 * MINUTE;
    appReads(a, app, p.mailbox!, ip, { from, to: from + 25 * MINUTE, count: 3 + prng.int(5), syncShare: 0.2, maxItems: 10 }, ID);
  });
  return { app, keyId: secret.keyId };
}
