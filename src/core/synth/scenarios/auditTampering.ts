import * as exo from '../actions/exchange';
import { signInPerson } from '../actions/signIns';
import type { Person } from '../tenant/types';
import type { AttackEnv } from './env';
import type { AdminFoothold } from './adminTakeover';

const ID = 'audit-tampering';

/**
 * Covering tracks: the CFO mailbox's AuditEnabled turned off and the
 * contractor put on the audit bypass list; the contractor then signs in and
 * reads again, and no mailbox audit record of that read exists.
 */
export function auditTampering(a: AttackEnv, admin: AdminFoothold, contractor: Person): void {
  const { w, prng } = a;
  const t = a.at(4, 2);
  const ps = admin.powershell(t);
  exo.setMailboxAuditEnabled(w.exchange, ps, t, a.cfo.mailbox!, false, { scenario: ID });
  exo.setAuditBypass(w.exchange, ps, t + 110_000, contractor.mailbox!, true, { scenario: ID });
  w.suppressions.push({ mailbox: a.cfo.mailbox!.userPrincipalName, actor: contractor.user.userPrincipalName, from: t + 110_000, to: w.opts.end });
  signInPerson(w.log, prng, contractor, {
    time: a.at(4, 3), client: 'owa', ip: contractor.officeIp, place: a.place, sessionId: prng.guid(), device: a.device,
  }, { scenario: 'contractor-delegation' });
}
