import { CLIENTS, type ClientKey } from '../data/clients';
import type { Place } from '../data/places';
import type { EmitOptions, EventLog } from '../events';
import type { Prng } from '../random/prng';
import type { Person } from '../tenant/types';

export interface PersonSignIn {
  readonly time: number;
  readonly client: ClientKey;
  readonly ip: string;
  readonly place: Place;
  readonly sessionId: string;
  /** 0 on success; 50126 bad password, 50074 MFA required, 53003 blocked by Conditional Access. */
  readonly errorCode?: number;
  readonly mfa?: boolean;
  readonly riskLevel?: 'none' | 'low' | 'medium' | 'high';
  /** Overrides the person's own device (an attacker's machine). */
  readonly device?: { readonly os: string; readonly browser: string; readonly userAgent: string };
}

const FAILURE_REASONS: Record<number, string> = {
  50126: 'Error validating credentials due to invalid username or password.',
  50074: 'Strong Authentication is required.',
  53003: 'Access has been blocked by Conditional Access policies.',
  50140: 'This error occurred due to \'Keep me signed in\' interrupt when the user was signing in.',
};

/** An interactive sign-in of a person, written to SignIns and (as UserLoggedIn) to the UAL. */
export function signInPerson(log: EventLog, prng: Prng, p: Person, s: PersonSignIn, o?: EmitOptions): string {
  const c = CLIENTS[s.client];
  const dev = s.device ?? p.device;
  const errorCode = s.errorCode ?? 0;
  return log.signIn({
    time: s.time,
    user: { id: p.user.id, upn: p.user.userPrincipalName, displayName: p.user.displayName, userType: p.user.userType },
    app: c.app,
    resource: c.resource,
    ip: s.ip,
    place: s.place,
    clientAppUsed: c.clientAppUsed,
    userAgent: c.userAgent ?? dev.userAgent,
    deviceOs: c.deviceOs ?? dev.os,
    browser: c.browser ?? dev.browser,
    errorCode,
    ...(errorCode !== 0 ? { failureReason: FAILURE_REASONS[errorCode] ?? 'Other.' } : {}),
    correlationId: prng.guid(),
    sessionId: s.sessionId,
    conditionalAccessStatus: errorCode === 53003 ? 'failure' : 'notApplied',
    mfa: s.mfa ?? false,
    riskLevel: s.riskLevel ?? 'none',
    uniqueTokenIdentifier: prng.hex(22),
  }, o);
}
