// Findings in the editor: diagnostics on evidence records, hovers, quick fixes, the Findings view.
export { activateFindingsFeature, findingsServiceOf, FINDINGS_VIEW_ID, FINDINGS_READY_CONTEXT } from './findingsFeature';
export type { FindingsService } from './findingsService';
export type { FindingsSnapshot, EvidenceLocation, EvidenceMark } from './findingsSnapshot';
export type { RunFindingsSummary } from './findingCommands';
