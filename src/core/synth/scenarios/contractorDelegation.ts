import { actorOf } from '../actions/actors';
import * as entra from '../actions/entra';
import * as exo from '../actions/exchange';
import { emitReads } from '../actions/mailReads';
import { signInPerson } from '../actions/signIns';
import { CLIENTS } from '../data/clients';
import { newMailbox } from '../tenant/people';
import { MINUTE } from '../time/calendar';
import type { User } from '../../tenant/model';
import type { Person } from '../tenant/types';
import type { AttackEnv } from './env';
import type { AdminFoothold } from './adminTakeover';

const ID = 'contractor-delegation';

/** The contractor account the attacker creates (an Apex-style staffing company, Finance). */
function contractor(a: AttackEnv, createdAt: number): Person {
  const { w, prng } = a;
  const local = 'jordan.reyes.ext';
  const upn = `${local}@${w.plan.domain}`;
  const user: User = {
    id: prng.guid(), userPrincipalName: upn, displayName: 'Jordan Reyes (Contractor)', department: 'Finance', jobTitle: 'Contractor',
    company: 'Apex Staffing', userType: 'Member', createdDateTime: new Date(createdAt).toISOString(), isContractor: true, accountEnabled: true,
  };
  const mailbox = newMailbox(prng, {
    userPrincipalName: upn, primarySmtpAddress: upn, alias: local.replace(/\./g, ''), name: user.id, displayName: user.displayName,
    recipientTypeDetails: 'UserMailbox', department: 'Finance', company: 'Apex Staffing', userId: user.id,
  });
  return {
    index: 100_000, user, role: 'contractor', puid: `1003${prng.hex(12)}`.toUpperCase(),
    sid: `S-1-5-21-${prng.between(1000000000, 4000000000)}-${prng.between(100000000, 4000000000)}-${prng.between(100000000, 4000000000)}-${prng.between(20000000, 90000000)}`,
    mailbox, place: a.place, officeIp: a.ips[2]!, homeIp: a.ips[2]!, mobileIp: a.ips[2]!, activity: 1, mobile: null, createdAt, device: a.device,
  };
}

/**
 * Procedure D: a fresh contractor account, FullAccess with AutoMapping off on
 * the CFO mailbox granted at night, then delegated reads from attacker
 * addresses. Returns the contractor (the tampering step bypasses its audit).
 */
export function contractorDelegation(a: AttackEnv, admin: AdminFoothold): Person {
  const { w, prng, cfo } = a;
  const createdAt = a.at(1, 1.1);
  const c = contractor(a, createdAt);
  w.lateAccounts.push(c);
  w.personByUpn.set(c.user.userPrincipalName.toLowerCase(), c);
  const by = { kind: 'user' as const, actor: actorOf(a.admin), ip: admin.ip };
  admin.signIn(createdAt - 4 * MINUTE, 'azurePortal');
  entra.addUser(w.entra, createdAt, by, c, { scenario: ID });
  entra.assignLicense(w.entra, createdAt + 2 * MINUTE, by, c, { scenario: ID });
  const grantAt = a.at(1, 1.35);
  const ps = admin.powershell(grantAt);
  exo.addFullAccess(w.exchange, ps, grantAt, cfo.mailbox!, c.user.userPrincipalName, false, { scenario: ID });

  const sessions: [number, number, number][] = [[1, 2.2, 30], [2, 1.0, 22], [3, 23.4, 26]];
  for (const [k, hour, count] of sessions) {
    const t = a.at(k, hour);
    const sessionId = prng.guid();
    signInPerson(w.log, prng, c, { time: t, client: 'owa', ip: c.officeIp, place: a.place, sessionId, device: a.device }, { scenario: ID });
    emitReads(w, prng, cfo.mailbox!, {
      userId: c.user.userPrincipalName, userKey: c.puid, userType: 0, logonType: 2, logonUserSid: c.sid,
      appId: CLIENTS.owa.mailAppId, clientAppId: '', clientIp: c.officeIp, clientInfo: CLIENTS.owa.clientInfo, sessionId,
    }, { from: t + MINUTE, to: t + 50 * MINUTE, count, syncShare: 0.05 }, { scenario: ID });
  }
  return c;
}
