/**
 * The findings engine: runs every rule over the loaded tables, scores the
 * drafts, gives them stable ids, honours suppressions, chains stories, and
 * returns the `Findings` / `Stories` tables.
 */
import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';
import type { TenantModel } from '../tenant/model';
import { allRows, strings, type Selection } from './columns';
import { Facts, type LoadedTables } from './facts';
import { IdAllocator } from './ids';
import { identityKey } from './identities';
import { LocalClock } from './localTime';
import type { Rule, RuleContext } from './rule';
import { allRules } from './rules';
import { resolveSettings, type FindingsSettings, type FindingsSettingsInput } from './settings';
import { severityOfScore, severityRank, totalScore } from './severity';
import { buildStories } from './stories';
import { findSuppression, parseSuppressions, type Suppression } from './suppressions';
import { findingsTable, storiesTable } from './tables';
import type { Evidence, Finding, FindingDraft, Story } from './types';

/** Runs an EXQ query over the tables and returns its result table (the query engine's runQuery). */
export type QueryRunner = (query: string, tables: LoadedTables) => ColumnTable;

export interface FindingsOptions {
  readonly settings?: FindingsSettingsInput;
  /** The tenant permission model, when one is loaded: user attributes, apps, standing delegations. */
  readonly tenant?: TenantModel;
  /** The parsed content of .exo-audit/suppressions.json (any JSON; invalid entries are reported and skipped). */
  readonly suppressions?: unknown;
  /** The rules to run (default: all). */
  readonly rules?: readonly Rule[];
  /** When given, each rule's inputs are selected by running its EXQ query instead of the built-in scan. */
  readonly runQuery?: QueryRunner;
  /** Epoch ms used for suppression expiry (default: the latest record time, so results depend on data only). */
  readonly now?: number;
}

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

export interface RuleTiming {
  readonly ruleId: string;
  readonly ms: number;
  readonly findings: number;
  /** 'query' when the inputs came from EXQ, 'scan' when from the built-in selection. */
  readonly selectedBy: 'query' | 'scan';
}

export interface RuleError {
  readonly ruleId: string;
  readonly message: string;
}

export interface FindingsResult {
  /** Not suppressed, highest severity first. */
  readonly findings: readonly Finding[];
  readonly stories: readonly Story[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly tables: { readonly Findings: ColumnTable; readonly Stories: ColumnTable };
  readonly timings: readonly RuleTiming[];
  readonly totalMs: number;
  /** A rule that threw is reported here; the others still run. */
  readonly errors: readonly RuleError[];
  readonly suppressionErrors: readonly string[];
  readonly settings: FindingsSettings;
}

function latestTime(tables: LoadedTables): number {
  let max = -Infinity;
  for (const t of Object.values(tables)) {
    if (!t) continue;
    const col = t.column('Time') as ArrayLike<number> | undefined;
    if (!col) continue;
    for (let i = 0; i < col.length; i++) if (col[i]! > max) max = col[i]!;
  }
  return Number.isFinite(max) ? max : 0;
}

function selectInputs(rule: Rule, tables: LoadedTables, runQuery: QueryRunner | undefined): Record<string, Selection> | null {
  const out: Record<string, Selection> = {};
  for (const [name, input] of Object.entries(rule.inputs)) {
    const table = tables[input.table];
    if (!table) {
      if (input.optional) continue;
      return null;
    }
    if (runQuery) {
      const result = runQuery(input.query, tables).reify();
      out[name] = { table: input.table, source: result, rows: allRows(result), loadedRows: false };
    } else {
      out[name] = { table: input.table, source: table, rows: input.select(table), loadedRows: true };
    }
  }
  return Object.keys(out).length ? out : null;
}

/** Fills evidence rows a query result could not give (rows -1) by looking the Ids up in the loaded table. */
function resolveRows(drafts: FindingDraft[], tables: LoadedTables): FindingDraft[] {
  const need = new Map<TableName, Set<string>>();
  for (const d of drafts) {
    for (const e of d.evidence) {
      if (!e.rows.some((r) => r < 0)) continue;
      let s = need.get(e.table);
      if (!s) need.set(e.table, (s = new Set()));
      for (const id of e.ids) s.add(id);
    }
  }
  if (need.size === 0) return drafts;
  const index = new Map<TableName, Map<string, number>>();
  for (const [table, ids] of need) {
    const t = tables[table];
    const m = new Map<string, number>();
    if (t) {
      const col = strings(t, 'Id');
      for (let i = 0; i < col.length; i++) if (ids.has(col[i]!) && !m.has(col[i]!)) m.set(col[i]!, i);
    }
    index.set(table, m);
  }
  return drafts.map((d) => ({
    ...d,
    evidence: d.evidence.map((e): Evidence => ({ ...e, rows: e.rows.map((r, i) => (r >= 0 ? r : index.get(e.table)?.get(e.ids[i]!) ?? -1)) })),
  }));
}

function withBaseline(d: FindingDraft, baselineUntil: number | null): FindingDraft {
  const last = d.end ?? d.start;
  if (baselineUntil === null || last === null || last > baselineUntil) return d;
  return { ...d, reasons: [...d.reasons, { points: -40, text: `before the baseline cut-off ${new Date(baselineUntil).toISOString()}: part of the known configuration` }] };
}

function finalize(rule: Rule, draft: FindingDraft, ids: IdAllocator, baselineUntil: number | null): Finding {
  const d = withBaseline(draft, baselineUntil);
  const score = totalScore(d.baseScore, d.reasons);
  const firstId = d.evidence[0]?.ids[0] ?? '';
  const key = [rule.id, d.kind, identityKey(d.mailbox ?? ''), identityKey(d.actor ?? ''), identityKey(d.app ?? ''), identityKey(d.grantee ?? ''), firstId].join('|');
  return {
    id: ids.next(key),
    ruleId: rule.id,
    title: d.title,
    severity: severityOfScore(score),
    score,
    baseScore: d.baseScore,
    reasons: d.reasons,
    techniques: d.techniques ?? rule.techniques,
    description: d.description,
    stage: d.stage,
    evidence: d.evidence,
    start: d.start,
    end: d.end,
    mailbox: d.mailbox ?? '',
    actor: d.actor ?? '',
    app: d.app ?? '',
    grantee: d.grantee ?? '',
    related: d.related ?? [],
    remediation: d.remediation ?? [],
    references: rule.references,
    details: d.details ?? {},
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.score - a.score || (a.start ?? Infinity) - (b.start ?? Infinity) || a.id.localeCompare(b.id);
}

export function runFindings(tables: LoadedTables, options: FindingsOptions = {}): FindingsResult {
  const began = performance.now();
  const settings = resolveSettings(options.settings);
  const ctx: RuleContext = {
    settings,
    facts: new Facts(tables, settings, options.tenant),
    clock: new LocalClock(settings.timeZone, settings.businessHours),
    tables,
  };
  const { file, errors: suppressionErrors } = parseSuppressions(options.suppressions);
  const now = options.now ?? latestTime(tables);
  const rules = (options.rules ?? allRules).filter((r) => !settings.disabledRules.includes(r.id));
  const ids = new IdAllocator('F');
  const timings: RuleTiming[] = [];
  const errors: RuleError[] = [];
  const all: Finding[] = [];
  for (const rule of rules) {
    const t0 = performance.now();
    let count = 0;
    try {
      const selections = selectInputs(rule, tables, options.runQuery);
      if (selections) {
        const drafts = resolveRows(rule.detect(selections, ctx), tables);
        for (const d of drafts) all.push(finalize(rule, d, ids, settings.baselineUntil));
        count = drafts.length;
      }
    } catch (e) {
      errors.push({ ruleId: rule.id, message: e instanceof Error ? e.message : String(e) });
    }
    timings.push({ ruleId: rule.id, ms: performance.now() - t0, findings: count, selectedBy: options.runQuery ? 'query' : 'scan' });
  }
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of all) {
    const s = findSuppression(file.suppressions, f, now);
    if (s) suppressed.push({ finding: f, suppression: s });
    else findings.push(f);
  }
  findings.sort(compareFindings);
  // Informational findings are context, not links of a chain.
  const stories = buildStories(findings.filter((f) => f.severity !== 'informational'), settings.storyWindowDays);
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const m of s.memberIds) storyOf.set(m, s.id);
  return {
    findings,
    stories,
    suppressed,
    tables: { Findings: findingsTable(findings, storyOf), Stories: storiesTable(stories) },
    timings,
    totalMs: performance.now() - began,
    errors,
    suppressionErrors,
    settings,
  };
}
