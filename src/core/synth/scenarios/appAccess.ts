import { emitReads, type ReadBurst } from '../actions/mailReads';
import { APP_ONLY_CLIENT_INFO } from '../data/clients';
import { MS_APPS } from '../data/apps';
import type { App, Mailbox } from '../../tenant/model';
import { mailboxSid } from '../world';
import type { AttackEnv } from './env';

/**
 * App-only Graph reads as the mailbox audit shows them: attributed to the
 * mailbox owner (Owner logon, Regular user type) with the app in AppId and
 * ClientAppId and the REST system client string.
 */
export function appReads(a: AttackEnv, app: App, mb: Mailbox, ip: string, burst: ReadBurst, scenario: string): string[] {
  const sid = mailboxSid(a.w, mb.userPrincipalName, mb.guid);
  const owner = a.w.personByUpn.get(mb.userPrincipalName.toLowerCase());
  return emitReads(a.w, a.prng, mb, {
    userId: mb.userPrincipalName, userKey: owner?.puid ?? mb.guid, userType: 0, logonType: 0, logonUserSid: sid,
    appId: app.appId, clientAppId: app.appId, clientIp: ip, clientInfo: APP_ONLY_CLIENT_INFO,
  }, burst, { scenario });
}

/** The app's token request (ServicePrincipalSignInLogs) before it reads. */
export function appSignIn(a: AttackEnv, app: App, time: number, ip: string, keyId: string, scenario: string): void {
  a.w.log.servicePrincipalSignIn({
    time, app: { appId: app.appId, displayName: app.displayName, servicePrincipalId: app.servicePrincipalId },
    resource: MS_APPS.graph, ip, place: a.place, correlationId: a.prng.guid(), credentialKeyId: keyId,
  }, { scenario });
}
