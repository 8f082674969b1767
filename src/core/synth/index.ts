export { createSyntheticTenant, type SyntheticTenant, type SynthRecord } from './generator';
export type { SynthOptions, ResolvedOptions } from './options';
export type { SynthLabels, ScenarioLabel } from './labels';
export { SCENARIOS, type ScenarioId, type ScenarioDef } from './scenarios/catalog';
export type { ModelChange, TimedChange } from './model/changes';
export { EVENT_PATTERNS, ADMIN_GRANT_PATTERN, patternMultiplier, scheduleByPattern, type TimePattern } from './time/patterns';
