/** Severity levels, their order, and the score thresholds that map a score to a level. */
import type { ScoreReason, Severity } from './types';

export const severities: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** 0 (informational) .. 4 (critical). */
export function severityRank(s: Severity): number {
  return severities.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (severities as readonly string[]).includes(s);
}

/** Lowest score of each level above informational. */
export const scoreThresholds: Readonly<Record<Exclude<Severity, 'informational'>, number>> = {
  low: 25,
  medium: 50,
  high: 70,
  critical: 90,
};

export function severityOfScore(score: number): Severity {
  if (score >= scoreThresholds.critical) return 'critical';
  if (score >= scoreThresholds.high) return 'high';
  if (score >= scoreThresholds.medium) return 'medium';
  if (score >= scoreThresholds.low) return 'low';
  return 'informational';
}

export function totalScore(base: number, reasons: readonly ScoreReason[]): number {
  let s = base;
  for (const r of reasons) s += r.points;
  return Math.max(0, Math.min(100, s));
}

/** Collects the reasons of one finding; a reason with 0 points is context shown in the hover. */
export class Reasons {
  readonly list: ScoreReason[] = [];

  add(points: number, text: string): this {
    this.list.push({ points, text });
    return this;
  }

  /** Adds the reason only when `condition` holds. */
  when(condition: boolean, points: number, text: string): this {
    if (condition) this.list.push({ points, text });
    return this;
  }
}
