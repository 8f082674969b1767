import { hashString, mixInts } from './random/hash';
import type { EntraEnv } from './actions/entra';
import type { ExchangeEnv } from './actions/exchange';
import type { EventLog } from './events';
import type { ResolvedOptions } from './options';
import type { Prng } from './random/prng';
import type { RecordContext } from './records/context';
import type { TenantPlan } from './tenant/plan';
import type { Person } from './tenant/types';

/** A span during which an access stream writes nothing (mailbox throttled, actor's audit bypassed). */
export interface Suppression {
  readonly mailbox: string;
  /** Only this actor's access (UPN), or every access to the mailbox when absent. */
  readonly actor?: string;
  readonly from: number;
  readonly to: number;
}

/** Everything the phases of the generator share. */
export interface World {
  readonly opts: ResolvedOptions;
  readonly prng: Prng;
  readonly plan: TenantPlan;
  readonly ctx: RecordContext;
  readonly log: EventLog;
  readonly entra: EntraEnv;
  readonly exchange: ExchangeEnv;
  readonly tz: number;
  /** First setup record. */
  readonly setupStart: number;
  /** After the last setup record: activity starts here. */
  setupEnd: number;
  readonly suppressions: Suppression[];
  /** Accounts an attack creates during the window (not in `plan.people`: no benign activity). */
  readonly lateAccounts: Person[];
  /** People by lower-cased UPN (plan people and late accounts). */
  readonly personByUpn: Map<string, Person>;
}

/** MailboxOwnerSid of a mailbox: its owner's SID, or one derived from the mailbox GUID. */
export function mailboxSid(w: World, upn: string, guid: string): string {
  const p = w.personByUpn.get(upn.toLowerCase());
  if (p) return p.sid;
  const h = mixInts(hashString(guid), 7);
  return `S-1-5-21-${1000000000 + (h % 3000000000)}-${100000000 + (mixInts(h, 1) % 3000000000)}-${100000000 + (mixInts(h, 2) % 3000000000)}-${20000000 + (mixInts(h, 3) % 70000000)}`;
}

/** A server name for a record, stable per key. */
export function serverFor(w: World, key: number): string {
  return w.plan.servers[Math.abs(key) % w.plan.servers.length]!;
}
