// The timeline webview: the panel host, the command, and what other features call to open it.
export { activateTimelineFeature, showTimeline, showTimelineForQueryResult } from './timelineFeature';
export { provideTimelineFindings, type TimelineFindingsProvider } from './findingsSource';
