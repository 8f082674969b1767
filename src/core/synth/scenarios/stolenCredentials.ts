import { signInPerson } from '../actions/signIns';
import { emitReads } from '../actions/mailReads';
import { CLIENTS } from '../data/clients';
import { MINUTE } from '../time/calendar';
import type { AttackEnv } from './env';

const ID = 'stolen-credentials';

/** Procedure A: password guessing, a successful sign-in from abroad, then reading the victim's mailbox in that session. */
export function stolenCredentials(a: AttackEnv): { sessionId: string } {
  const { w, prng, victim } = a;
  const mb = victim.mailbox!;
  const sessionId = prng.guid();
  const ip = a.ips[0]!;
  const base = { client: 'owa' as const, ip, place: a.place, sessionId, device: a.device };
  const t0 = a.at(0, 1.15);
  for (let i = 0; i < 4; i++) signInPerson(w.log, prng, victim, { ...base, time: t0 + i * 47_000, errorCode: 50126, riskLevel: 'medium' }, { scenario: ID });
  const ok = t0 + 4 * 47_000 + 30_000;
  signInPerson(w.log, prng, victim, { ...base, time: ok, riskLevel: 'medium' }, { scenario: ID });
  const reader = {
    userId: victim.user.userPrincipalName, userKey: victim.puid, userType: 0, logonType: 0, logonUserSid: victim.sid,
    appId: CLIENTS.owa.mailAppId, clientAppId: '', clientIp: ip, clientInfo: CLIENTS.owa.clientInfo, sessionId,
  };
  emitReads(w, prng, mb, reader, { from: ok + 2 * MINUTE, to: ok + 85 * MINUTE, count: 42, syncShare: 0.08 }, { scenario: ID });
  const back = a.at(1, 22.3);
  const session2 = prng.guid();
  signInPerson(w.log, prng, victim, { ...base, sessionId: session2, time: back, riskLevel: 'low' }, { scenario: ID });
  emitReads(w, prng, mb, { ...reader, sessionId: session2 }, { from: back + MINUTE, to: back + 30 * MINUTE, count: 15, syncShare: 0.1 }, { scenario: ID });
  return { sessionId };
}
