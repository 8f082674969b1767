import type { TableName } from '../schema/types';
import type { SparseEvent } from './events';
import { SCENARIOS, type ScenarioId } from './scenarios/catalog';

/** Ground truth of one injected scenario: which records show it, per table. */
export interface ScenarioLabel {
  readonly id: ScenarioId;
  readonly procedure: string;
  readonly title: string;
  readonly description: string;
  /** First and last record of the scenario (ISO-8601 UTC). */
  readonly start: string;
  readonly end: string;
  readonly records: Readonly<Record<TableName, readonly string[]>>;
}

/** The labels file: scenario -> record Ids. JSON-safe. */
export interface SynthLabels {
  readonly generator: 'exo-audit synth';
  readonly seed: number | string;
  readonly tenantId: string;
  readonly domain: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly attacks: boolean;
  readonly scenarios: readonly ScenarioLabel[];
}

export function buildLabels(
  events: readonly SparseEvent[], base: Omit<SynthLabels, 'scenarios' | 'generator'>,
): SynthLabels {
  const byScenario = new Map<string, SparseEvent[]>();
  for (const e of events) {
    if (!e.scenario) continue;
    let list = byScenario.get(e.scenario);
    if (!list) byScenario.set(e.scenario, (list = []));
    list.push(e);
  }
  const scenarios: ScenarioLabel[] = [];
  for (const def of SCENARIOS) {
    const list = byScenario.get(def.id);
    if (!list || list.length === 0) continue;
    const records: Record<TableName, string[]> = { AuditLogs: [], SignIns: [], DirectoryAudits: [] };
    let first = Infinity;
    let last = -Infinity;
    for (const e of list) {
      records[e.table].push(e.id);
      first = Math.min(first, e.time);
      last = Math.max(last, e.time);
    }
    scenarios.push({
      id: def.id, procedure: def.procedure, title: def.title, description: def.description,
      start: new Date(first).toISOString(), end: new Date(last).toISOString(), records,
    });
  }
  return { generator: 'exo-audit synth', ...base, scenarios };
}
