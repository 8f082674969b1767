/**
 * The findings engine: runs every rule over the loaded tables, scores the
 * drafts, gives them stable ids, honours suppressions, chains stories, and
 * returns the `Findings` / `Stories` tables.
 */
import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';
import type { TenantModel } from '../tenant/model';
import { runQuery } from '../query';
import { allRows, type Selection } from './columns';
import { RowIndex } from './rowIndex';
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
import type { Finding, FindingDraft, Story } from './types';

export interface FindingsOptions {
  readonly settings?: FindingsSettingsInput;
  /** The tenant permission model, when one is loaded: user attributes, apps, standing delegations. */
  readonly tenant?: TenantModel;
  /** The parsed content of .exo-audit/suppressions.json (any JSON; invalid entries are reported and skipped). */
  readonly suppressions?: unknown;
  /** The rules to run (default: all). */
  readonly rules?: readonly Rule[];
  /**
   * How rule inputs are selected by runFindings: 'query' (default) runs each rule's EXQ query,
   * 'scan' uses the built-in column scans that compute the same selection (runFindingsSync always scans).
   */
  readonly selection?: 'query' | 'scan';
  /** Cancels a query-backed run between rules. */
  readonly signal?: AbortSignal;
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

/** The built-in selection of every input of a rule (null when a required table is not loaded). */
function scanInputs(rule: Rule, tables: LoadedTables): Record<string, Selection> | null {
  const out: Record<string, Selection> = {};
  for (const [name, input] of Object.entries(rule.inputs)) {
    const table = tables[input.table];
    if (!table) {
      if (input.optional) continue;
      return null;
    }
    out[name] = { table: input.table, source: table, rows: input.select(table) };
  }
  return Object.keys(out).length ? out : null;
}

/** Every input of a rule selected by running its EXQ query; result rows are mapped back to loaded rows. */
async function queryInputs(rule: Rule, tables: LoadedTables, indexes: Map<TableName, RowIndex>, signal?: AbortSignal): Promise<Record<string, Selection> | null> {
  const out: Record<string, Selection> = {};
  const env = { tables: Object.fromEntries(Object.entries(tables).filter(([, t]) => t !== undefined)) as Record<string, ColumnTable> };
  for (const [name, input] of Object.entries(rule.inputs)) {
    const table = tables[input.table];
    if (!table) {
      if (input.optional) continue;
      return null;
    }
    const result = await runQuery(input.query, env, { ...(signal ? { signal } : {}), sourceRowsOf: table });
    if (!result.ok) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      throw new Error(`the ${name} query does not run: ${errors.join('; ') || 'no result'}`);
    }
    if (result.sourceRows && result.sourceOnly) {
      // The result is the loaded table's own columns at these rows: read them there, no copy.
      out[name] = { table: input.table, source: table.select(result.columns.map((c) => c.name)), rows: result.sourceRows };
      continue;
    }
    const source = result.table.reify();
    // Rows the executor read straight from the loaded table need no lookup of their Id and Time.
    let loaded = result.sourceRows;
    if (!loaded) {
      let index = indexes.get(input.table);
      if (!index) indexes.set(input.table, (index = new RowIndex(table)));
      loaded = index.rowsOf(source);
    }
    out[name] = { table: input.table, source, rows: allRows(source), loaded };
  }
  return Object.keys(out).length ? out : null;
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

interface Run {
  readonly began: number;
  readonly settings: FindingsSettings;
  readonly ctx: RuleContext;
  readonly rules: readonly Rule[];
  readonly ids: IdAllocator;
  readonly timings: RuleTiming[];
  readonly errors: RuleError[];
  readonly all: Finding[];
}

function startRun(tables: LoadedTables, options: FindingsOptions): Run {
  const settings = resolveSettings(options.settings);
  return {
    began: performance.now(),
    settings,
    ctx: {
      settings,
      facts: new Facts(tables, settings, options.tenant),
      clock: new LocalClock(settings.timeZone, settings.businessHours),
      tables,
    },
    rules: (options.rules ?? allRules).filter((r) => !settings.disabledRules.includes(r.id)),
    ids: new IdAllocator('F'),
    timings: [],
    errors: [],
    all: [],
  };
}

function detectWith(run: Run, rule: Rule, selections: Record<string, Selection> | null): number {
  if (!selections) return 0;
  const drafts = rule.detect(selections, run.ctx);
  for (const d of drafts) run.all.push(finalize(rule, d, run.ids, run.settings.baselineUntil));
  return drafts.length;
}

function finishRun(run: Run, tables: LoadedTables, options: FindingsOptions): FindingsResult {
  const { file, errors: suppressionErrors } = parseSuppressions(options.suppressions);
  const now = options.now ?? latestTime(tables);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of run.all) {
    const s = findSuppression(file.suppressions, f, now);
    if (s) suppressed.push({ finding: f, suppression: s });
    else findings.push(f);
  }
  findings.sort(compareFindings);
  // Informational findings are context, not links of a chain.
  const stories = buildStories(findings.filter((f) => f.severity !== 'informational'), run.settings.storyWindowDays);
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const m of s.memberIds) storyOf.set(m, s.id);
  return {
    findings,
    stories,
    suppressed,
    tables: { Findings: findingsTable(findings, storyOf), Stories: storiesTable(stories) },
    timings: run.timings,
    totalMs: performance.now() - run.began,
    errors: run.errors,
    suppressionErrors,
    settings: run.settings,
  };
}

function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs every rule: each rule's inputs are selected by its EXQ query (the text
 * investigators see and can change), or by the built-in scan with `selection: 'scan'`.
 */
export async function runFindings(tables: LoadedTables, options: FindingsOptions = {}): Promise<FindingsResult> {
  if (options.selection === 'scan') return runFindingsSync(tables, options);
  const run = startRun(tables, options);
  const indexes = new Map<TableName, RowIndex>();
  for (const rule of run.rules) {
    options.signal?.throwIfAborted();
    const t0 = performance.now();
    let count = 0;
    try {
      count = detectWith(run, rule, await queryInputs(rule, tables, indexes, options.signal));
    } catch (e) {
      if (options.signal?.aborted) throw e;
      run.errors.push({ ruleId: rule.id, message: failure(e) });
    }
    run.timings.push({ ruleId: rule.id, ms: performance.now() - t0, findings: count, selectedBy: 'query' });
  }
  return finishRun(run, tables, options);
}

/** The same, synchronously, with the built-in column scans selecting each rule's inputs. */
export function runFindingsSync(tables: LoadedTables, options: FindingsOptions = {}): FindingsResult {
  const run = startRun(tables, options);
  for (const rule of run.rules) {
    const t0 = performance.now();
    let count = 0;
    try {
      count = detectWith(run, rule, scanInputs(rule, tables));
    } catch (e) {
      run.errors.push({ ruleId: rule.id, message: failure(e) });
    }
    run.timings.push({ ruleId: rule.id, ms: performance.now() - t0, findings: count, selectedBy: 'scan' });
  }
  return finishRun(run, tables, options);
}
