import { createSyntheticTenant, type SyntheticTenant, type SynthRecord } from '../../../src/core/synth';
import type { TableName } from '../../../src/core/schema/types';

export interface Collected {
  readonly tenant: SyntheticTenant;
  readonly all: SynthRecord[];
  readonly byTable: Record<TableName, SynthRecord[]>;
  readonly byId: Map<string, SynthRecord[]>;
}

const cache = new Map<string, Collected>();

/** Generates (once per options) and collects every record of a small tenant. */
export function collect(options: Parameters<typeof createSyntheticTenant>[0]): Collected {
  const key = JSON.stringify(options);
  const hit = cache.get(key);
  if (hit) return hit;
  const tenant = createSyntheticTenant(options);
  const all = [...tenant.records()];
  const byTable: Record<TableName, SynthRecord[]> = { AuditLogs: [], SignIns: [], DirectoryAudits: [] };
  const byId = new Map<string, SynthRecord[]>();
  for (const r of all) {
    byTable[r.table].push(r);
    const list = byId.get(r.id);
    if (list) list.push(r);
    else byId.set(r.id, [r]);
  }
  const c = { tenant, all, byTable, byId };
  cache.set(key, c);
  return c;
}

/** The standard attack tenant of the tests (small, two weeks). */
export const ATTACK_OPTIONS = { seed: 11, users: 40, days: 14 } as const;
/** The same tenant without attacks. */
export const BASELINE_OPTIONS = { seed: 11, users: 40, days: 14, attacks: false } as const;

export function param(r: SynthRecord, name: string): string | undefined {
  const ps = r.record.Parameters;
  if (!Array.isArray(ps)) return undefined;
  const p = ps.find((x: { Name: string }) => x.Name === name) as { Value: string } | undefined;
  return p?.Value;
}

export function op(r: SynthRecord): string {
  return String(r.record.Operation ?? r.record.activityDisplayName ?? '');
}

export function opProp(r: SynthRecord, name: string): string | undefined {
  const ps = r.record.OperationProperties;
  if (!Array.isArray(ps)) return undefined;
  return (ps.find((x: { Name: string }) => x.Name === name) as { Value: string } | undefined)?.Value;
}
