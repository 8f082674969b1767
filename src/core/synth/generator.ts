import type { TableName } from '../schema/types';
import type { TenantModel } from '../tenant/model';
import type { EntraEnv } from './actions/entra';
import { generateAppSignIns } from './background/appSignIns';
import { firstWeekdayAt, generateBenignAdmin, generatePlannedChanges } from './background/admin';
import { MailAccessPlan } from './background/mailAccess';
import { generateBenignSignIns } from './background/signIns';
import { buildStreams } from './background/streams';
import { OFFICE_PLACES } from './data/places';
import { EventLog } from './events';
import { buildLabels, type SynthLabels } from './labels';
import { modelFromChanges, type TimedChange } from './model/changes';
import { resolveOptions, type ResolvedOptions, type SynthOptions } from './options';
import { Prng } from './random/prng';
import type { Row } from './records/context';
import { runAttacks } from './scenarios';
import { runSetup } from './setup';
import { buildTenantPlan, type TenantPlan } from './tenant/plan';
import { DAY, HOUR, MINUTE, localMidnight } from './time/calendar';
import type { World } from './world';
import { writeFormat, type SynthFormatId } from './writers/formats';
import type { WriterContext } from './writers/types';

/** One generated record and the table it belongs to. */
export interface SynthRecord {
  readonly table: TableName;
  /** Epoch milliseconds (UTC). */
  readonly time: number;
  /** The record's Id (UAL Id, sign-in id, directory audit id): the same in every output format. */
  readonly id: string;
  /** The record in its native shape: UAL AuditData, Graph signIn, Graph directoryAudit. */
  readonly record: Row;
}

export interface SyntheticTenant {
  readonly options: ResolvedOptions;
  /** The tenant's UTC offset used for working hours and the time patterns. */
  readonly tzOffsetMinutes: number;
  /** The model at the end of the window (same as `finalModel`). */
  readonly model: TenantModel;
  /** The model right after the setup phase. */
  readonly initialModel: TenantModel;
  readonly finalModel: TenantModel;
  /** The model as of an instant (ISO-8601 or epoch ms), from the generator's own change list. */
  modelAt(time: string | number): TenantModel;
  /** Every model change with the record that carries it, in time order. */
  readonly changes: readonly TimedChange[];
  /** Every record of every table, in time order. Each call regenerates the same sequence. */
  records(): Generator<SynthRecord>;
  /** How many records `records()` yields per table. */
  readonly counts: Readonly<Record<TableName, number>>;
  readonly labels: SynthLabels;
  /** Streams one output format of this tenant's records as text chunks. */
  write(format: SynthFormatId): Generator<string>;
  readonly writerContext: WriterContext;
  /** When the setup phase ends and activity starts. */
  readonly setupEnd: number;
  readonly plan: TenantPlan;
}

/** Accounts created during the window by the benign story (weekday mornings at 30% and 60% of the window). */
function newHireTimes(users: number, start: number, days: number, tz: number): number[] {
  if (days < 3) return [];
  const n = Math.max(1, Math.round(users * 0.02));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const frac = 0.3 + (0.3 * i) / Math.max(1, n - 1);
    out.push(firstWeekdayAt(tz, start + Math.floor(days * frac) * DAY, 9.25) + i * 7 * MINUTE);
  }
  return out.filter((t) => t < start + days * DAY - 2 * HOUR);
}

/** Builds the deterministic synthetic tenant: plan, setup, benign activity, attacks, labels. */
export function createSyntheticTenant(options: SynthOptions = {}): SyntheticTenant {
  const opts = resolveOptions(options);
  const root = Prng.from(opts.seed);
  const home = root.fork('home').pick(OFFICE_PLACES);
  const tz = opts.tzOffsetMinutes ?? home.tzOffsetMinutes;
  let setupStart = localMidnight(opts.start, tz) + 8 * HOUR;
  if (setupStart < opts.start) setupStart += DAY;
  if (setupStart >= opts.end) setupStart = opts.start;
  const hires = newHireTimes(opts.users, opts.start, opts.days, tz);
  const plan = buildTenantPlan({ prng: root.fork('plan'), users: opts.users, setupTime: setupStart, newHireTimes: hires, home, tzOffsetMinutes: tz });
  const ctx = { tenantId: plan.tenantId, initialDomain: plan.initialDomain, servers: plan.servers };
  const log = new EventLog(ctx, root.fork('ids'));
  const entra: EntraEnv = { log, microsoftApps: plan.microsoftApps, tenantId: plan.tenantId };
  const w: World = {
    opts, prng: root, plan, ctx, log, entra, exchange: { log, ctx }, tz, setupStart, setupEnd: setupStart, suppressions: [], lateAccounts: [],
    personByUpn: new Map(plan.people.map((p) => [p.user.userPrincipalName.toLowerCase(), p])),
  };

  runSetup(w);
  if (opts.attacks) log.withIds(root.fork('attack-ids'), () => runAttacks(w));
  generatePlannedChanges(w);
  generateBenignAdmin(w);
  generateBenignSignIns(w);
  generateAppSignIns(w);
  log.finish();

  const inWindow = log.events.filter((e) => e.time < opts.end);
  const sparseUal = inWindow.filter((e) => e.table === 'AuditLogs').length;
  if (opts.records !== undefined && sparseUal > opts.records) {
    throw new RangeError(`the tenant's setup, sign-ins, admin activity and scenarios alone take ${sparseUal} AuditLogs records; ask for at least that many`);
  }
  const streams = buildStreams(w, log.changes);
  const mail = new MailAccessPlan(w, streams, opts.records !== undefined ? opts.records - sparseUal : undefined);
  const mailboxDays = Math.max(1, streams.filter((s) => s.reader.kind === 'owner').length) * opts.days;
  if (mail.total / mailboxDays > 250) {
    throw new RangeError(`${mail.total} MailItemsAccessed records over ${opts.users} users and ${opts.days} days would throttle benign mailboxes (over 250 per mailbox per day on average): raise users or days`);
  }

  const counts: Record<TableName, number> = { AuditLogs: sparseUal + mail.total, SignIns: 0, DirectoryAudits: 0 };
  for (const e of inWindow) if (e.table !== 'AuditLogs') counts[e.table]++;

  const setupEnd = w.setupEnd;
  const initialModel = modelFromChanges(log.changes, plan.tenantId, plan.initialDomain, setupEnd);
  const finalModel = modelFromChanges(log.changes, plan.tenantId, plan.initialDomain, opts.end);
  const labels = buildLabels(inWindow, {
    seed: opts.seed, tenantId: plan.tenantId, domain: plan.initialDomain,
    window: { start: new Date(opts.start).toISOString(), end: new Date(opts.end).toISOString() }, attacks: opts.attacks,
  });

  function* records(): Generator<SynthRecord> {
    let i = 0;
    const firstHour = mail.firstHour;
    while (i < inWindow.length && inWindow[i]!.time < firstHour) {
      const e = inWindow[i++]!;
      yield { table: e.table, time: e.time, id: e.id, record: e.build() };
    }
    let h = firstHour;
    for (const { pending, prng } of mail.hoursOfRecords()) {
      const hEnd = h + HOUR;
      let d = 0;
      while (i < inWindow.length && inWindow[i]!.time < hEnd) {
        const e = inWindow[i]!;
        while (d < pending.length && pending[d]!.time < e.time) {
          const r = mail.build(pending[d++]!, prng);
          yield { table: 'AuditLogs', time: r.time, id: r.id, record: r.record };
        }
        i++;
        yield { table: e.table, time: e.time, id: e.id, record: e.build() };
      }
      while (d < pending.length) {
        const r = mail.build(pending[d++]!, prng);
        yield { table: 'AuditLogs', time: r.time, id: r.id, record: r.record };
      }
      h = hEnd;
    }
    while (i < inWindow.length) {
      const e = inWindow[i++]!;
      yield { table: e.table, time: e.time, id: e.id, record: e.build() };
    }
  }

  return {
    options: opts,
    tzOffsetMinutes: tz,
    model: finalModel,
    initialModel,
    finalModel,
    modelAt: (time) => modelFromChanges(log.changes, plan.tenantId, plan.initialDomain, typeof time === 'number' ? time : Date.parse(time)),
    changes: log.changes,
    records,
    counts,
    labels,
    write: (format) => writeFormat(format, records(), { tenantId: plan.tenantId }),
    writerContext: { tenantId: plan.tenantId },
    setupEnd,
    plan,
  };
}
