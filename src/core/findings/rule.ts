/**
 * The shape of a detection rule. Each rule names the records it reads with an
 * EXQ query (valid KQL, shown to investigators so they can open and change the
 * detection), and does in TypeScript what a query cannot: sliding windows,
 * joins with tenant facts, scoring with reasons.
 */
import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';
import type { Selection } from './columns';
import { strings } from './columns';
import type { Facts, LoadedTables } from './facts';
import type { LocalClock } from './localTime';
import type { FindingsSettings } from './settings';
import type { Evidence, FindingDraft, Technique } from './types';

export interface RuleInput {
  readonly table: TableName;
  /** EXQ text selecting (and projecting) the records the rule reads. */
  readonly query: string;
  /** The same selection computed straight over the loaded table, as row numbers. */
  select(table: ColumnTable): Int32Array;
  /** The rule still runs when this table is not loaded (its selection is then absent). */
  readonly optional?: boolean;
}

export interface RuleContext {
  readonly settings: FindingsSettings;
  readonly facts: Facts;
  readonly clock: LocalClock;
  readonly tables: LoadedTables;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly techniques: readonly Technique[];
  readonly references: readonly string[];
  /** Named inputs: each a query over one table. */
  readonly inputs: Readonly<Record<string, RuleInput>>;
  /** Optional inputs whose table is not loaded are absent from `selections`. */
  detect(selections: Readonly<Record<string, Selection | undefined>>, ctx: RuleContext): FindingDraft[];
}

/** Evidence of one table from rows of a selection, in the given order. */
export function evidenceOf(sel: Selection, rows: ArrayLike<number>): Evidence {
  const ids = strings(sel.source, 'Id');
  const outIds: string[] = [];
  const outRows: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const id = ids[r];
    outIds.push(typeof id === 'string' && id !== '' ? id : `#${r}`);
    outRows.push(sel.loaded ? sel.loaded[r] ?? -1 : r);
  }
  return { table: sel.table, ids: outIds, rows: outRows };
}

/** Earliest and latest finite time among rows (nulls when none). */
export function spanOf(times: ArrayLike<number | null>, rows: ArrayLike<number>): { start: number | null; end: number | null } {
  let start = Infinity;
  let end = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const t = times[rows[i]!];
    if (typeof t === 'number' && Number.isFinite(t)) {
      if (t < start) start = t;
      if (t > end) end = t;
    }
  }
  return start === Infinity ? { start: null, end: null } : { start, end };
}

/** Row numbers sorted by time (rows without a time last), stable. */
export function sortByTime(times: ArrayLike<number | null>, rows: ArrayLike<number>): number[] {
  const out = Array.from(rows);
  out.sort((a, b) => {
    const ta = times[a];
    const tb = times[b];
    const fa = typeof ta === 'number' && Number.isFinite(ta);
    const fb = typeof tb === 'number' && Number.isFinite(tb);
    if (fa && fb) return (ta as number) - (tb as number) || a - b;
    if (fa !== fb) return fa ? -1 : 1;
    return a - b;
  });
  return out;
}

export const techniques = {
  delegate: { id: 'T1098.002', name: 'Account Manipulation: Additional Email Delegate Permissions' },
  cloudRoles: { id: 'T1098.003', name: 'Account Manipulation: Additional Cloud Roles' },
  cloudCredentials: { id: 'T1098.001', name: 'Account Manipulation: Additional Cloud Credentials' },
  appAccessToken: { id: 'T1528', name: 'Steal Application Access Token' },
  remoteEmail: { id: 'T1114.002', name: 'Email Collection: Remote Email Collection' },
  forwardingRule: { id: 'T1114.003', name: 'Email Collection: Email Forwarding Rule' },
  hidingRule: { id: 'T1564.008', name: 'Hide Artifacts: Email Hiding Rules' },
  cloudLogs: { id: 'T1562.008', name: 'Impair Defenses: Disable or Modify Cloud Logs' },
  cloudAccounts: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
} as const satisfies Record<string, Technique>;
