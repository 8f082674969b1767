/** Runs the engine (built-in scans) on hand-built tables, with one rule or all. */
import { allRules, runFindingsSync, type Finding, type FindingsOptions, type LoadedTables } from '../../../../src/core/findings';

export function findingsOf(ruleId: string, t: LoadedTables, options: FindingsOptions = {}): Finding[] {
  const rule = allRules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const res = runFindingsSync(t, { ...options, rules: [rule] });
  if (res.errors.length) throw new Error(res.errors.map((e) => `${e.ruleId}: ${e.message}`).join('\n'));
  return [...res.findings];
}

export function evidenceIds(f: Finding): string[] {
  return f.evidence.flatMap((e) => e.ids);
}

export function reasonTexts(f: Finding): string[] {
  return f.reasons.map((r) => r.text);
}

export function points(f: Finding, pattern: RegExp): number {
  return f.reasons.filter((r) => pattern.test(r.text)).reduce((s, r) => s + r.points, 0);
}
