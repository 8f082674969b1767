/**
 * The deterministic synthetic tenant: a tenant model built by real-shaped
 * setup records, benign activity with seed 004's time patterns, labelled
 * attack scenarios, and writers for every input format exo-audit loads.
 *
 *   const t = createSyntheticTenant({ seed: 1, users: 50, days: 14 });
 *   for (const r of t.records()) ...            // { table, time, id, record } in time order
 *   for (const chunk of t.write('purview-csv')) // text chunks for a file
 *   t.labels                                    // scenario -> record Ids per table
 *   t.initialModel / t.finalModel / t.modelAt(iso)
 *
 * Pure: no I/O, no clock, no Math.random.
 */
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
