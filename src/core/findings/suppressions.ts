/**
 * "Mark as expected": suppressions kept in a workspace file
 * (.exo-audit/suppressions.json). The engine takes the file's parsed content;
 * the caller reads and writes the file.
 */
import { fold, identityKey } from './identities';
import type { Finding } from './types';

/** Where the extension keeps the file, relative to the workspace folder. */
export const suppressionsFile = '.exo-audit/suppressions.json';

export interface Suppression {
  /** One finding, by its stable id. */
  readonly findingId?: string;
  /** A rule id, or '*' for every rule (with at least one entity below). */
  readonly ruleId?: string;
  /** Entity patterns, matched without case; '*' matches any run of characters. */
  readonly mailbox?: string;
  readonly actor?: string;
  readonly app?: string;
  readonly grantee?: string;
  /** Why this is expected: shown next to the suppressed finding. Required. */
  readonly reason: string;
  readonly createdBy?: string;
  /** ISO time. */
  readonly createdAt?: string;
  /** ISO time after which the suppression no longer applies. */
  readonly expires?: string;
}

export interface SuppressionFileContent {
  readonly version: 1;
  readonly suppressions: readonly Suppression[];
}

export interface ParsedSuppressions {
  readonly file: SuppressionFileContent;
  /** One line per entry that was ignored, with its index. */
  readonly errors: readonly string[];
}

const entityFields = ['mailbox', 'actor', 'app', 'grantee'] as const;
const stringFields = ['findingId', 'ruleId', ...entityFields, 'reason', 'createdBy', 'createdAt', 'expires'] as const;

/** Validates the parsed JSON of a suppressions file; bad entries are skipped with a reason, never thrown. */
export function parseSuppressions(json: unknown): ParsedSuppressions {
  const errors: string[] = [];
  if (json === null || json === undefined) return { file: { version: 1, suppressions: [] }, errors };
  const list = Array.isArray(json) ? json : typeof json === 'object' ? (json as Record<string, unknown>).suppressions : undefined;
  if (!Array.isArray(list)) return { file: { version: 1, suppressions: [] }, errors: ['the file has no "suppressions" array'] };
  const out: Suppression[] = [];
  list.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push(`entry ${i}: not an object`);
      return;
    }
    const o = raw as Record<string, unknown>;
    const s: Record<string, string> = {};
    for (const k of stringFields) {
      const v = o[k];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string') {
        errors.push(`entry ${i}: ${k} must be a string`);
        return;
      }
      s[k] = v;
    }
    if (!s.reason) {
      errors.push(`entry ${i}: a reason is required`);
      return;
    }
    if (!s.findingId && !s.ruleId) {
      errors.push(`entry ${i}: needs a findingId or a ruleId`);
      return;
    }
    if (!s.findingId && !entityFields.some((k) => s[k])) {
      errors.push(`entry ${i}: a ruleId suppression needs at least one of ${entityFields.join(', ')}`);
      return;
    }
    if (s.expires && !Number.isFinite(Date.parse(s.expires))) {
      errors.push(`entry ${i}: expires is not a date`);
      return;
    }
    out.push(s as unknown as Suppression);
  });
  return { file: { version: 1, suppressions: out }, errors };
}

function globMatches(pattern: string, value: string): boolean {
  const p = identityKey(pattern);
  const v = identityKey(value);
  if (!p.includes('*')) return p === v || fold(pattern) === fold(value);
  const re = new RegExp(`^${p.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(v) || re.test(fold(value));
}

export function suppressionMatches(s: Suppression, f: Finding, now: number): boolean {
  if (s.expires && Date.parse(s.expires) < now) return false;
  if (s.findingId) return s.findingId === f.id;
  if (s.ruleId !== '*' && s.ruleId !== f.ruleId) return false;
  for (const k of entityFields) {
    const pattern = s[k];
    if (pattern === undefined) continue;
    const value = f[k];
    // A grantee or mailbox list ("a,b") matches when any member does.
    const candidates = value.includes(',') ? [value, ...value.split(',')] : [value];
    if (!candidates.some((c) => globMatches(pattern, c))) return false;
  }
  return true;
}

export function findSuppression(list: readonly Suppression[], f: Finding, now: number): Suppression | undefined {
  return list.find((s) => suppressionMatches(s, f, now));
}

export interface MarkOptions {
  /** 'finding' (default) suppresses this finding only; 'entities' suppresses the rule for its mailbox, actor, app and grantee. */
  readonly scope?: 'finding' | 'entities';
  readonly createdBy?: string;
  /** ISO time of the mark (the caller's clock; core reads none). */
  readonly createdAt?: string;
  readonly expires?: string;
}

/** The file content with a suppression for `finding` added (the input is not changed). */
export function markAsExpected(
  file: SuppressionFileContent | undefined, finding: Pick<Finding, 'id' | 'ruleId' | 'mailbox' | 'actor' | 'app' | 'grantee' | 'title'>,
  reason: string, options: MarkOptions = {},
): SuppressionFileContent {
  if (!reason.trim()) throw new Error('a reason is required to mark a finding as expected');
  const base: Record<string, string> = { reason: reason.trim() };
  if (options.scope === 'entities') {
    base.ruleId = finding.ruleId;
    for (const k of entityFields) if (finding[k]) base[k] = finding[k];
    if (!entityFields.some((k) => base[k])) base.findingId = finding.id;
  } else {
    base.findingId = finding.id;
    base.ruleId = finding.ruleId;
  }
  if (options.createdBy) base.createdBy = options.createdBy;
  if (options.createdAt) base.createdAt = options.createdAt;
  if (options.expires) base.expires = options.expires;
  return { version: 1, suppressions: [...(file?.suppressions ?? []), base as unknown as Suppression] };
}
