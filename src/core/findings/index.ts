/**
 * Findings: detections of mailbox-access abuse over the loaded tables, scored
 * with reasons, chained into stories, honouring suppressions, and returned as
 * the Findings / Stories tables the query language can query.
 */
export {
  runFindings, runFindingsSync, compareFindings,
  type FindingsOptions, type FindingsResult, type RuleTiming, type RuleError, type SuppressedFinding,
} from './engine';
export type { Finding, Story, Severity, Stage, ScoreReason, Technique, Evidence, Remediation, FindingDraft } from './types';
export { severities, severityRank, severityOfScore, scoreThresholds, isSeverity } from './severity';
export { defaultSettings, resolveSettings, microsoftMailClients, type FindingsSettings, type FindingsSettingsInput } from './settings';
export {
  parseSuppressions, markAsExpected, suppressionMatches, suppressionsFile,
  type Suppression, type SuppressionFileContent, type ParsedSuppressions, type MarkOptions,
} from './suppressions';
export { derivedTables, findingsTableDef, storiesTableDef, type DerivedTable, type DerivedColumn } from './tables';
export { allRules } from './rules';
export type { Rule, RuleInput, RuleContext } from './rule';
export type { LoadedTables } from './facts';
export { psQuote } from './remediation';
