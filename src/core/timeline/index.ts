/**
 * The timeline model: lanes per actor, mailbox or app; mail reads binned into density bands with
 * bursts and throttling; markers for grants, consents, RBAC changes, audit tampering, eDiscovery
 * and sign-ins; findings and stories laid over them. Pure: the extension host serves windows of it
 * to the timeline webview.
 */
export { TimelineModel } from './timelineModel';
export { TimelineIndex, type TimelineOptions } from './timelineIndex';
export type { TimelineTables } from './tables';
export type { TimelineFindings } from './findingsOverlay';
export type { ResolvedFocus } from './focus';
export type { WindowRequest } from './window';
export type { MarkerDetails } from './details';
export type { LaneSet } from './laneSet';
export type { Burst } from './bursts';
export { classifyOperation, catalogued, type EventClass } from './classify';
export { MARKER_KIND_LABELS, markerLabel } from './markerLabel';
export { orderByTime } from './timeOrder';
