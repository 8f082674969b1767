import { DATACENTER_PLACES } from '../data/places';
import type { TimedChange } from '../model/changes';
import type { Mailbox } from '../../tenant/model';
import { ipIn } from '../tenant/people';
import type { AppPlan, Person } from '../tenant/types';
import { MINUTE } from '../time/calendar';
import type { World } from '../world';

/** Who reads a mailbox in the benign background, and how their reads look. */
export type StreamReader =
  | { readonly kind: 'owner'; readonly person: Person }
  | { readonly kind: 'delegate'; readonly person: Person }
  | { readonly kind: 'app'; readonly plan: AppPlan; readonly ip: string };

/** One reader on one mailbox with its rate, hourly profile and active spans. */
export interface AccessStream {
  readonly key: number;
  readonly mailbox: Mailbox;
  readonly reader: StreamReader;
  /** Expected records on an ordinary weekday. */
  readonly perDay: number;
  /** 168 weights (local weekday x 24 + hour), a weekday summing to 1. */
  readonly profile: Float64Array;
  /** Sorted, disjoint [from, to) spans in which the stream writes records. */
  readonly intervals: readonly (readonly [number, number])[];
}

const WORKDAY: readonly number[] = [
  0.004, 0.002, 0.002, 0.002, 0.002, 0.004, 0.012, 0.04, 0.1, 0.11, 0.1, 0.1,
  0.07, 0.1, 0.1, 0.09, 0.08, 0.05, 0.03, 0.025, 0.025, 0.02, 0.012, 0.008,
];

/** Weekday profile, and weekend days carrying `weekendShare` of a weekday's volume. */
function humanProfile(weekendShare: number): Float64Array {
  const sum = WORKDAY.reduce((a, b) => a + b, 0);
  const p = new Float64Array(168);
  for (let d = 0; d < 7; d++) {
    const weekend = d === 0 || d === 6;
    for (let h = 0; h < 24; h++) {
      const base = WORKDAY[h]! / sum;
      p[d * 24 + h] = weekend ? (base * 0.4 + (h >= 9 && h < 22 ? 0.6 / 13 : 0)) * weekendShare : base;
    }
  }
  return p;
}

function appProfile(from: number, to: number): Float64Array {
  const p = new Float64Array(168);
  const hours = to - from;
  for (let d = 0; d < 7; d++) for (let h = from; h < to; h++) p[d * 24 + h] = 1 / hours;
  return p;
}

/** Subtracts [from, to) from a list of disjoint spans. */
export function subtractSpan(spans: (readonly [number, number])[], from: number, to: number): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (const [a, b] of spans) {
    if (to <= a || from >= b) { out.push([a, b]); continue; }
    if (a < from) out.push([a, from]);
    if (to < b) out.push([to, b]);
  }
  return out;
}

/** Where a benign vendor app runs: a cloud region and an address there, stable per app. */
export function appPlace(w: World, a: AppPlan): { place: (typeof DATACENTER_PLACES)[number]; ip: string } {
  const prng = w.prng.fork(`app-ip:${a.app.appId}`);
  const place = prng.pick(DATACENTER_PLACES);
  return { place, ip: ipIn(prng.pick(place.prefixes), prng) };
}

export function appIp(w: World, a: AppPlan): string {
  return appPlace(w, a).ip;
}

function lacksMailItemsAccessed(list: readonly string[] | undefined): boolean {
  return list !== undefined && !list.some((x) => x.toLowerCase() === 'mailitemsaccessed');
}

/**
 * Every benign access stream of the window, from the plan and the change list
 * (delegations granted over time, department moves), with the spans in which
 * audit settings, throttling and bypasses let them write.
 */
export function buildStreams(w: World, changes: readonly TimedChange[]): AccessStream[] {
  const { plan } = w;
  const start = w.setupEnd;
  const end = w.opts.end;
  const streams: AccessStream[] = [];
  const mailboxes = new Map<string, Mailbox>();
  for (const p of plan.people) if (p.mailbox) mailboxes.set(p.mailbox.userPrincipalName.toLowerCase(), p.mailbox);
  for (const s of plan.shared) mailboxes.set(s.mailbox.userPrincipalName.toLowerCase(), s.mailbox);

  // Spans cut by audit settings, per mailbox: owner / delegate action sets without MailItemsAccessed.
  const ownerOff = new Map<string, number>();
  const delegateOff = new Map<string, number>();
  const bypassFrom = new Map<string, number>();
  for (const c of changes) {
    if (c.change.kind !== 'setMailboxAudit') continue;
    const key = c.change.mailbox.toLowerCase();
    if (lacksMailItemsAccessed(c.change.set.auditOwner) && !ownerOff.has(key)) ownerOff.set(key, c.time);
    if (lacksMailItemsAccessed(c.change.set.auditDelegate) && !delegateOff.has(key)) delegateOff.set(key, c.time);
    if (c.change.set.auditBypassEnabled && !bypassFrom.has(key)) bypassFrom.set(key, c.time);
  }

  const spansFor = (mb: Mailbox, actorUpn: string | undefined, from: number, delegate: boolean): (readonly [number, number])[] => {
    const key = mb.userPrincipalName.toLowerCase();
    let spans: (readonly [number, number])[] = from < end ? [[Math.max(from, start), end]] : [];
    const off = (delegate ? delegateOff : ownerOff).get(key);
    if (off !== undefined) spans = subtractSpan(spans, off, end);
    if (actorUpn) {
      const b = bypassFrom.get(actorUpn.toLowerCase());
      if (b !== undefined) spans = subtractSpan(spans, b, end);
    }
    for (const s of w.suppressions) {
      if (s.mailbox.toLowerCase() !== key) continue;
      if (s.actor && (!actorUpn || s.actor.toLowerCase() !== actorUpn.toLowerCase())) continue;
      spans = subtractSpan(spans, s.from, s.to);
    }
    return spans.filter(([a, b]) => b > a);
  };

  const human = humanProfile(0.2);
  const add = (mailbox: Mailbox, reader: StreamReader, perDay: number, profile: Float64Array, intervals: (readonly [number, number])[]): void => {
    if (intervals.length === 0 || perDay <= 0) return;
    streams.push({ key: streams.length, mailbox, reader, perDay, profile, intervals });
  };

  const readyAt = (p: Person): number => Math.max(start, p.createdAt + 10 * MINUTE);
  for (const p of plan.people) {
    if (!p.mailbox) continue;
    const upn = p.user.userPrincipalName;
    add(p.mailbox, { kind: 'owner', person: p }, 36 * p.activity, human, spansFor(p.mailbox, upn, readyAt(p), false));
  }

  const byUpn = new Map(plan.people.map((p) => [p.user.userPrincipalName.toLowerCase(), p]));
  const sharedReads = new Map(plan.shared.map((s) => [s.mailbox.userPrincipalName.toLowerCase(), s.memberReadsPerDay]));
  for (const c of changes) {
    const ch = c.change;
    if (ch.kind !== 'addDelegation' || ch.delegation.right !== 'FullAccess' || c.scenario) continue;
    const person = byUpn.get(ch.delegation.trustee.toLowerCase());
    const mb = mailboxes.get(ch.delegation.mailbox.toLowerCase());
    if (!person || !mb) continue;
    const perDay = sharedReads.get(mb.userPrincipalName.toLowerCase()) ?? 7;
    add(mb, { kind: 'delegate', person }, perDay, human, spansFor(mb, person.user.userPrincipalName, c.time + 10 * MINUTE, true));
  }

  for (const a of plan.apps) {
    if (a.readsPerMailboxPerDay <= 0) continue;
    const ip = appIp(w, a);
    const profile = appProfile(a.activeHours[0], a.activeHours[1]);
    const reader: StreamReader = { kind: 'app', plan: a, ip };
    const r = a.reach;
    const targets: [Mailbox, number][] = [];
    if (r.kind === 'entra-all') {
      for (const p of plan.people) if (p.mailbox) targets.push([p.mailbox, readyAt(p)]);
    } else if (r.kind === 'access-policy') {
      const g = plan.groups.find((x) => x.id === r.groupId);
      for (const m of g?.members ?? []) {
        const mb = mailboxes.get(m.toLowerCase());
        if (mb) targets.push([mb, start]);
      }
    } else if (r.kind === 'rbac-guid' || r.kind === 'esp-fullaccess') {
      targets.push([r.mailbox, start]);
    } else if (r.kind === 'rbac-department') {
      for (const p of plan.people) {
        if (!p.mailbox) continue;
        let spans: (readonly [number, number])[] = [];
        let inDept = p.user.department === r.department;
        let since = readyAt(p);
        for (const c of changes) {
          const ch = c.change;
          if (ch.kind !== 'updateMailbox' || ch.mailbox.toLowerCase() !== p.mailbox.userPrincipalName.toLowerCase() || ch.set.department === undefined) continue;
          const now = ch.set.department === r.department;
          if (inDept && !now) spans.push([since, c.time]);
          if (!inDept && now) since = c.time;
          inDept = now;
        }
        if (inDept) spans.push([since, end]);
        spans = spans.filter(([x, y]) => y > x);
        if (spans.length === 0) continue;
        const allowed = spansFor(p.mailbox, undefined, start, false);
        const cut = spans.flatMap(([x, y]) => allowed.map(([u, v]) => [Math.max(x, u), Math.min(y, v)] as const)).filter(([x, y]) => y > x);
        add(p.mailbox, reader, a.readsPerMailboxPerDay, profile, cut);
      }
      continue;
    }
    for (const [mb, from] of targets) add(mb, reader, a.readsPerMailboxPerDay, profile, spansFor(mb, undefined, from, false));
  }
  return streams;
}
