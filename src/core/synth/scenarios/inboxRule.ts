import { MS_APPS } from '../data/apps';
import { exchangeObjectPath, withPort } from '../records/context';
import type { AttackEnv } from './env';

/** The classic hiding rule, created from the stolen session. */
export function suspiciousInboxRule(a: AttackEnv, sessionId: string): void {
  const { w, prng, victim } = a;
  const mb = victim.mailbox!;
  const lookalike = w.plan.domain.replace(/\.com$/, '-billing.com');
  const name = '..';
  w.log.cmdlet({
    time: a.at(0, 1.55), operation: 'New-InboxRule', actor: { upn: victim.user.userPrincipalName, puid: victim.puid }, userType: 2,
    clientIp: withPort(a.ips[0]!, prng.between(1025, 65000)), objectId: `${exchangeObjectPath(w.ctx, mb.name)}\\${name}`,
    parameters: [
      ['AlwaysDeleteOutlookRulesBlob', 'False'], ['Force', 'False'], ['ForwardTo', `accounts.payable@${lookalike}`],
      ['MarkAsRead', 'True'], ['MoveToFolder', 'RSS Subscriptions'], ['Name', name], ['StopProcessingRules', 'True'],
      ['SubjectOrBodyContainsWords', 'invoice;payment;wire transfer;bank details'],
    ],
    sessionId, appId: MS_APPS.exchangeOnline.appId, server: w.plan.servers[1]!, tokenId: prng.hex(22), issuedAt: a.at(0, 1.2),
  }, { scenario: 'inbox-rule' });
}
