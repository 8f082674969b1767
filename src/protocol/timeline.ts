// Messages between the extension host and the timeline webview (media/timeline). Declared once, imported by both.
// Imports nothing: the webview bundle imports this file. The extension validates every message it receives
// with parseTimelineViewMessage (an allowlist by type, every field checked) before acting on it.

export const TIMELINE_VIEW_TYPE = 'exoAudit.timeline';
export const SHOW_TIMELINE_COMMAND = 'exoAudit.showTimeline';

export type TimelineGroupBy = 'actor' | 'mailbox' | 'app';
export const TIMELINE_GROUP_BYS: readonly TimelineGroupBy[] = ['actor', 'mailbox', 'app'];

/** What a discrete marker stands for. MailItemsAccessed and other mail reads are a density band, not markers. */
export type TimelineMarkerKind =
  | 'delegation'      // mailbox, folder and recipient permission grants and removals, SendOnBehalf
  | 'consent'         // Entra consent and delegated permission grants
  | 'appRole'         // Entra application permission (app role) assignments
  | 'appCredential'   // app registrations, service principals, their credentials and owners
  | 'rbac'            // Exchange RBAC for Applications: role assignments, scopes, access policies; directory role membership
  | 'auditTampering'  // audit settings turned down or off
  | 'ediscovery'      // compliance searches, exports and downloads
  | 'inboxRule'
  | 'signIn';
export const TIMELINE_MARKER_KINDS: readonly TimelineMarkerKind[] = [
  'delegation', 'consent', 'appRole', 'appCredential', 'rbac', 'auditTampering', 'ediscovery', 'inboxRule', 'signIn',
];

/** How each marker kind is named in the view (legend, list, details). */
export const TIMELINE_MARKER_KIND_LABELS: Readonly<Record<TimelineMarkerKind, string>> = {
  delegation: 'Mailbox delegation',
  consent: 'Consent',
  appRole: 'App role grant',
  appCredential: 'App or credential change',
  rbac: 'RBAC role or scope change',
  auditTampering: 'Audit setting change',
  ediscovery: 'eDiscovery',
  inboxRule: 'Inbox rule',
  signIn: 'Sign-in',
};

export type TimelineSeverity = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type TimelineThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';
export type TimelineActionKind = 'revealRecord' | 'openQuery' | 'revealTreeItem';
export const TIMELINE_ACTION_KINDS: readonly TimelineActionKind[] = ['revealRecord', 'openQuery', 'revealTreeItem'];

/** What `exoAudit.showTimeline` may be focused on. Times are epoch ms. */
export interface ShowTimelineArgs {
  readonly appId?: string;
  readonly mailbox?: string;
  readonly actor?: string;
  readonly findingId?: string;
  readonly storyId?: string;
  readonly recordIds?: readonly string[];
  readonly from?: number;
  readonly to?: number;
}

export interface TimelineSummary {
  /** Epoch ms of the first and last event on the timeline (null when there are none). */
  readonly from: number | null;
  readonly to: number | null;
  readonly densityEvents: number;
  readonly markers: number;
  readonly findings: number;
  readonly stories: number;
}

export interface TimelineFocusView {
  /** One line naming what the view is focused on (shown as text). */
  readonly label: string;
  readonly from: number;
  readonly to: number;
  readonly groupBy: TimelineGroupBy;
}

export interface TimelineLane {
  /** Position in the lane order of this grouping (stable for one dataset and focus). */
  readonly index: number;
  readonly label: string;
  readonly densityEvents: number;
  readonly markers: number;
  readonly findings: number;
  readonly maxSeverity: TimelineSeverity | null;
  readonly focused: boolean;
}

/** One lane's density: non-empty buckets as flattened triples [bucket, records, throttledRecords, ...]. */
export interface TimelineDensityRow {
  readonly lane: number;
  readonly bins: readonly number[];
}

/** A stretch where a lane's mail reads exceeded the burst rate (records per hour). */
export interface TimelineBurst {
  readonly lane: number;
  readonly from: number;
  readonly to: number;
  /** Most records within one hour inside the burst. */
  readonly peak: number;
  readonly throttled: boolean;
}

export interface TimelineMarker {
  /** Stable id of the first record the marker stands for (selectMarker / action take it). */
  readonly id: number;
  readonly kind: TimelineMarkerKind;
  readonly time: number;
  readonly lane: number;
  /** 1 for a single record; more when markers of one kind were clustered at this zoom. */
  readonly count: number;
  /** Short text: the operation and what it granted (attacker-controlled: render as text). */
  readonly label: string;
  readonly failed: boolean;
  readonly severity: TimelineSeverity | null;
  readonly highlighted: boolean;
}

export interface TimelineFindingSpan {
  readonly id: string;
  readonly title: string;
  readonly severity: TimelineSeverity;
  readonly from: number;
  readonly to: number;
  readonly lanes: readonly number[];
  readonly highlighted: boolean;
}

export interface TimelineStoryPoint {
  readonly time: number;
  readonly lane: number;
}

export interface TimelineStorySpan {
  readonly id: string;
  readonly title: string;
  readonly severity: TimelineSeverity;
  readonly from: number;
  readonly to: number;
  /** Member findings in time order, where they sit on the visible lanes. */
  readonly points: readonly TimelineStoryPoint[];
  readonly highlighted: boolean;
}

export interface TimelineWindow {
  readonly requestId: number;
  readonly from: number;
  readonly to: number;
  readonly buckets: number;
  readonly bucketMs: number;
  readonly groupBy: TimelineGroupBy;
  readonly focusOnly: boolean;
  /** Lanes in this grouping (after the focus filter) and the range sent. */
  readonly totalLanes: number;
  readonly laneOffset: number;
  readonly lanes: readonly TimelineLane[];
  readonly density: readonly TimelineDensityRow[];
  /** Largest bucket count in `density` (for scaling). */
  readonly maxDensity: number;
  readonly bursts: readonly TimelineBurst[];
  readonly markers: readonly TimelineMarker[];
  /** True when markers were merged into clusters because the window holds too many. */
  readonly clustered: boolean;
  readonly findings: readonly TimelineFindingSpan[];
  readonly stories: readonly TimelineStorySpan[];
}

export interface TimelineField {
  readonly name: string;
  readonly value: string;
}

export interface TimelineFindingDetails {
  readonly id: string;
  readonly title: string;
  readonly severity: TimelineSeverity;
  readonly description: string;
  readonly reasons: readonly string[];
  readonly techniques: readonly string[];
}

export interface TimelineDetails {
  readonly markerId: number;
  readonly kind: TimelineMarkerKind;
  readonly title: string;
  readonly time: number;
  readonly table: string;
  readonly lane: string;
  /** The record's non-empty columns, in catalogue order, as text. */
  readonly fields: readonly TimelineField[];
  readonly findings: readonly TimelineFindingDetails[];
  readonly story: TimelineFindingDetails | null;
  readonly actions: Readonly<Record<TimelineActionKind, boolean>>;
}

/** What the webview keeps with setState (and VS Code hands back to the serializer after a reload). */
export interface TimelineViewState {
  readonly version: 1;
  readonly from: number | null;
  readonly to: number | null;
  readonly groupBy: TimelineGroupBy;
  readonly laneOffset: number;
  readonly focusOnly: boolean;
  readonly selectedMarker: number | null;
  readonly focus: ShowTimelineArgs | null;
  /** Which data the window and selection belong to (timelineDataKey): a later init for other data starts afresh. */
  readonly dataKey?: string;
}

/** Names the data a view shows: the same dataset loaded again (after a reload) has the same key. */
export function timelineDataKey(summary: TimelineSummary): string {
  return `${summary.from}|${summary.to}|${summary.densityEvents}|${summary.markers}`;
}

// extension -> webview
export type TimelineHostMessage =
  | {
    readonly type: 'init';
    /** null when no audit data is loaded. */
    readonly summary: TimelineSummary | null;
    readonly focus: TimelineFocusView | null;
    /** The arguments the view is focused by (the webview keeps them in its state for a reload). */
    readonly focusArgs: ShowTimelineArgs | null;
    readonly theme: TimelineThemeKind;
    readonly notice: string;
  }
  /** The same dataset with new findings (or a finished build): keep the view, fetch the window again. */
  | { readonly type: 'refresh'; readonly summary: TimelineSummary }
  | { readonly type: 'window'; readonly window: TimelineWindow }
  | { readonly type: 'details'; readonly details: TimelineDetails }
  | { readonly type: 'theme'; readonly theme: TimelineThemeKind }
  | { readonly type: 'notice'; readonly text: string };

// webview -> extension
export interface TimelineWindowRequest {
  readonly type: 'requestWindow';
  readonly requestId: number;
  readonly from: number;
  readonly to: number;
  readonly buckets: number;
  readonly groupBy: TimelineGroupBy;
  readonly lanes: { readonly offset: number; readonly limit: number };
  readonly focusOnly: boolean;
}

export type TimelineViewMessage =
  | { readonly type: 'ready'; readonly state: TimelineViewState | null }
  | TimelineWindowRequest
  | { readonly type: 'selectMarker'; readonly markerId: number }
  | { readonly type: 'action'; readonly kind: TimelineActionKind; readonly markerId: number }
  | { readonly type: 'openDataset' };

export const TIMELINE_LIMITS = {
  maxBuckets: 8192,
  maxLanes: 400,
  maxRecordIds: 100_000,
  maxTextLength: 1024,
  /** Epoch ms accepted for window bounds: years 1970 to 2200. */
  maxTime: 7_258_118_400_000,
} as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(o: Obj, keys: readonly string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= TIMELINE_LIMITS.maxTime;
}

function isGroupBy(v: unknown): v is TimelineGroupBy {
  return typeof v === 'string' && (TIMELINE_GROUP_BYS as readonly string[]).includes(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v.length <= TIMELINE_LIMITS.maxTextLength ? v : undefined;
}

/** A time given as epoch ms or as an ISO-8601 string. */
function timeArg(v: unknown): number | undefined {
  if (isTime(v)) return v;
  if (typeof v === 'string' && v.length <= 64) {
    const t = Date.parse(v);
    if (isTime(t)) return t;
  }
  return undefined;
}

/**
 * Reads `exoAudit.showTimeline` arguments from another command, a tree item or a saved state: known
 * string fields only, record ids as a bounded list of strings, times as epoch ms or ISO strings.
 * Anything else is dropped, so a bad argument widens the view rather than failing.
 */
export function parseShowTimelineArgs(value: unknown): ShowTimelineArgs {
  if (!isObj(value)) return {};
  const out: { -readonly [K in keyof ShowTimelineArgs]: ShowTimelineArgs[K] } = {};
  const appId = text(value.appId);
  const mailbox = text(value.mailbox);
  const actor = text(value.actor);
  const findingId = text(value.findingId);
  const storyId = text(value.storyId);
  if (appId) out.appId = appId;
  if (mailbox) out.mailbox = mailbox;
  if (actor) out.actor = actor;
  if (findingId) out.findingId = findingId;
  if (storyId) out.storyId = storyId;
  if (Array.isArray(value.recordIds)) {
    const ids = value.recordIds.slice(0, TIMELINE_LIMITS.maxRecordIds).map(text).filter((s): s is string => s !== undefined);
    if (ids.length) out.recordIds = ids;
  }
  const from = timeArg(value.from);
  const to = timeArg(value.to);
  if (from !== undefined) out.from = from;
  if (to !== undefined && (from === undefined || to >= from)) out.to = to;
  return out;
}

export function hasFocus(args: ShowTimelineArgs): boolean {
  return Object.keys(args).length > 0;
}

/** A saved view state, or null when it is not one this version wrote. */
export function parseTimelineViewState(value: unknown): TimelineViewState | null {
  if (!isObj(value) || value.version !== 1) return null;
  const from = value.from === null || isTime(value.from) ? value.from : undefined;
  const to = value.to === null || isTime(value.to) ? value.to : undefined;
  if (from === undefined || to === undefined) return null;
  if (!isGroupBy(value.groupBy) || !isInt(value.laneOffset, 0, 1e9) || typeof value.focusOnly !== 'boolean') return null;
  const selected = value.selectedMarker === null || isInt(value.selectedMarker, 0, 2 ** 31) ? value.selectedMarker : undefined;
  if (selected === undefined) return null;
  const focus = value.focus === null ? null : parseShowTimelineArgs(value.focus);
  const dataKey = typeof value.dataKey === 'string' && value.dataKey.length <= 200 ? value.dataKey : undefined;
  return {
    version: 1, from, to, groupBy: value.groupBy, laneOffset: value.laneOffset, focusOnly: value.focusOnly,
    selectedMarker: selected, focus: focus && hasFocus(focus) ? focus : null, ...(dataKey === undefined ? {} : { dataKey }),
  };
}

/**
 * The only messages the extension acts on. Returns undefined for anything else: an unknown type,
 * an extra field, a missing or out-of-range value.
 */
export function parseTimelineViewMessage(value: unknown): TimelineViewMessage | undefined {
  if (!isObj(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready': {
      if (!onlyKeys(value, ['type', 'state'])) return undefined;
      return { type: 'ready', state: parseTimelineViewState(value.state) };
    }
    case 'requestWindow': {
      if (!onlyKeys(value, ['type', 'requestId', 'from', 'to', 'buckets', 'groupBy', 'lanes', 'focusOnly'])) return undefined;
      const { requestId, from, to, buckets, groupBy, lanes, focusOnly } = value;
      if (!isInt(requestId, 0, Number.MAX_SAFE_INTEGER) || !isTime(from) || !isTime(to) || !(to > from)) return undefined;
      if (!isInt(buckets, 1, TIMELINE_LIMITS.maxBuckets) || !isGroupBy(groupBy) || typeof focusOnly !== 'boolean') return undefined;
      if (!isObj(lanes) || !onlyKeys(lanes, ['offset', 'limit'])) return undefined;
      if (!isInt(lanes.offset, 0, 1e9) || !isInt(lanes.limit, 1, TIMELINE_LIMITS.maxLanes)) return undefined;
      return { type: 'requestWindow', requestId, from, to, buckets, groupBy, lanes: { offset: lanes.offset, limit: lanes.limit }, focusOnly };
    }
    case 'selectMarker': {
      if (!onlyKeys(value, ['type', 'markerId']) || !isInt(value.markerId, 0, 2 ** 31)) return undefined;
      return { type: 'selectMarker', markerId: value.markerId };
    }
    case 'action': {
      if (!onlyKeys(value, ['type', 'kind', 'markerId']) || !isInt(value.markerId, 0, 2 ** 31)) return undefined;
      const kind = value.kind;
      if (typeof kind !== 'string' || !(TIMELINE_ACTION_KINDS as readonly string[]).includes(kind)) return undefined;
      return { type: 'action', kind: kind as TimelineActionKind, markerId: value.markerId };
    }
    case 'openDataset':
      return onlyKeys(value, ['type']) ? { type: 'openDataset' } : undefined;
    default:
      return undefined;
  }
}

/** The webview side's check of what the host sends (defence in depth: the host is trusted, the data is not). */
export function isTimelineHostMessage(value: unknown): value is TimelineHostMessage {
  if (!isObj(value)) return false;
  switch (value.type) {
    case 'init': return typeof value.notice === 'string';
    case 'refresh': return isObj(value.summary);
    case 'window': return isObj(value.window);
    case 'details': return isObj(value.details);
    case 'theme': return typeof value.theme === 'string';
    case 'notice': return typeof value.text === 'string';
    default: return false;
  }
}
