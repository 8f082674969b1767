import { AdminSession, actorOf } from '../actions/actors';
import { signInPerson } from '../actions/signIns';
import { MS_APPS } from '../data/apps';
import type { ClientKey } from '../data/clients';
import type { AttackEnv } from './env';

const ID = 'admin-takeover';

/** The attacker's use of the second administrator: sign-ins, and the PowerShell session the later steps run in. */
export interface AdminFoothold {
  /** Signs the admin in (labelled as the takeover) and returns the session id. */
  signIn(time: number, client: ClientKey): string;
  /** An Exchange Online PowerShell session from the attacker's address, signed in just before `time`. */
  powershell(time: number): AdminSession;
  readonly ip: string;
}

export function adminFoothold(a: AttackEnv): AdminFoothold {
  const { w, prng, admin } = a;
  const ip = a.ips[1]!;
  const signIn = (time: number, client: ClientKey): string => {
    const sessionId = prng.guid();
    signInPerson(w.log, prng, admin, { time, client, ip, place: a.place, sessionId, mfa: true, riskLevel: 'low', device: a.device }, { scenario: ID });
    return sessionId;
  };
  return {
    ip,
    signIn,
    powershell(time: number): AdminSession {
      const at = time - 3 * 60_000;
      signIn(at, 'exoPowerShell');
      return new AdminSession(w.log, actorOf(admin), ip, MS_APPS.exoPowerShell.appId, w.plan.servers[2]!, prng, at);
    },
  };
}
