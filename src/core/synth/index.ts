export { createSyntheticTenant, type SyntheticTenant, type SynthRecord } from './generator';
export type { SynthOptions, ResolvedOptions } from './options';
export type { SynthLabels, ScenarioLabel } from './labels';
export { SCENARIOS, type ScenarioId, type ScenarioDef } from './scenarios/catalog';
export type { ModelChange, TimedChange } from './model/changes';
export { EVENT_PATTERNS, ADMIN_GRANT_PATTERN, patternMultiplier, scheduleByPattern, type TimePattern } from './time/patterns';
export {
  SYNTH_FORMATS, SYNTH_FORMAT_SETS, createFormatWriter, formatInfo, isSynthFormat, writeFormat,
  type FormatInfo, type SynthFormatId, type RecordWriter, type WriterContext,
} from './writers';
