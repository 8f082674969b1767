import { HOUR } from '../time/calendar';
import type { AttackEnv } from './env';
import type { AttackApp } from './consentApp';
import { appReads, appSignIn } from './appAccess';

const ID = 'bulk-export-throttled';
/** Exchange stops writing MailItemsAccessed for a mailbox after 1000 records in 24 hours. */
export const THROTTLE_LIMIT = 1000;

/** Procedure E: the consented app pulls the CEO mailbox until the audit throttles it. */
export function bulkExport(a: AttackEnv, attacker: AttackApp): void {
  const { w } = a;
  const mb = a.ceo.mailbox!;
  const from = a.at(3, 4);
  const to = from + 3 * HOUR;
  appSignIn(a, attacker.app, from - 60_000, a.ips[3]!, attacker.keyId, ID);
  const ids = appReads(a, attacker.app, mb, a.ips[3]!, { from, to, count: THROTTLE_LIMIT + 3, syncShare: 0, throttledLast: 3, maxItems: 12 }, ID);
  const last = w.log.events.find((e) => e.id === ids[ids.length - 1]);
  const throttledAt = last ? last.time : to;
  w.suppressions.push({ mailbox: mb.userPrincipalName, from: throttledAt + 1000, to: throttledAt + 24 * HOUR });
}
