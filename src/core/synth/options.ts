import { DAY } from './time/calendar';

/** What to generate. Every field has a default; the same options always give the same output. */
export interface SynthOptions {
  /** Seed of every random choice (default 1). */
  readonly seed?: number | string;
  /** Entra accounts, including guests (at least 16; default 50, or with `records` enough for about 40 mail records per mailbox per day). */
  readonly users?: number;
  /** Length of the window in days (default 14). */
  readonly days?: number;
  /** Start of the window, ISO-8601 (default 2024-03-04T00:00:00Z, a Monday). */
  readonly start?: string;
  /** Inject the labelled attack scenarios (default true); false gives a benign baseline. */
  readonly attacks?: boolean;
  /** Exact number of Unified Audit Log (AuditLogs) records to produce; the MailItemsAccessed volume is scaled to fit. */
  readonly records?: number;
  /** Multiplier of the benign MailItemsAccessed rates when `records` is not given (default 1). */
  readonly mailVolume?: number;
  /** The tenant's UTC offset in minutes for working hours (default: its head office's). */
  readonly tzOffsetMinutes?: number;
}

export interface ResolvedOptions {
  readonly seed: number | string;
  readonly users: number;
  readonly days: number;
  readonly start: number;
  readonly end: number;
  readonly attacks: boolean;
  readonly records: number | undefined;
  readonly mailVolume: number;
  readonly tzOffsetMinutes: number | undefined;
}

export const DEFAULT_START = '2024-03-04T00:00:00Z';

function positiveInt(name: string, v: number | undefined, dflt: number, min: number): number {
  const n = v ?? dflt;
  if (!Number.isInteger(n) || n < min) throw new RangeError(`synth option ${name} must be an integer >= ${min} (got ${String(v)})`);
  return n;
}

export function resolveOptions(o: SynthOptions): ResolvedOptions {
  const days = positiveInt('days', o.days, 14, 1);
  const defaultUsers = o.records !== undefined ? Math.max(50, Math.ceil(o.records / (days * 40))) : 50;
  const users = positiveInt('users', o.users, defaultUsers, 16);
  const start = Date.parse(o.start ?? DEFAULT_START);
  if (!Number.isFinite(start)) throw new RangeError(`synth option start is not a date: ${String(o.start)}`);
  if (o.records !== undefined) positiveInt('records', o.records, 0, 0);
  const mailVolume = o.mailVolume ?? 1;
  if (!(mailVolume >= 0) || !Number.isFinite(mailVolume)) throw new RangeError(`synth option mailVolume must be a number >= 0 (got ${String(o.mailVolume)})`);
  return {
    seed: o.seed ?? 1,
    users,
    days,
    start: Math.floor(start / 1000) * 1000,
    end: Math.floor(start / 1000) * 1000 + days * DAY,
    attacks: o.attacks ?? true,
    records: o.records,
    mailVolume,
    tzOffsetMinutes: o.tzOffsetMinutes,
  };
}
