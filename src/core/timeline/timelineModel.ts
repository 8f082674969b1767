/**
 * The timeline of one loaded dataset: the index (built once), the findings laid over it, the
 * current focus, and the windows, details and queries the extension host serves to the webview.
 */
import type {
  ShowTimelineArgs, TimelineFocusView, TimelineGroupBy, TimelineMarkerKind, TimelineSummary, TimelineWindow,
} from '../../protocol/timeline';
import { aroundQuery } from './aroundQuery';
import { markerDetails, type MarkerDetails } from './details';
import { FindingsOverlay, type TimelineFindings } from './findingsOverlay';
import { resolveFocus, type ResolvedFocus } from './focus';
import { laneOrder, type LaneOrder } from './laneOrder';
import { LaneNameReader } from './laneKeys';
import { markerLabel } from './markerLabel';
import type { TableName } from '../schema/types';
import type { TimelineTables } from './tables';
import { TimelineIndex, type TimelineOptions } from './timelineIndex';
import { timelineWindow, type WindowRequest } from './window';

const APP_SUBJECT_KINDS: ReadonlySet<TimelineMarkerKind> = new Set(['consent', 'appRole', 'appCredential', 'rbac']);

export class TimelineModel {
  readonly index: TimelineIndex;
  private overlay: FindingsOverlay;
  private resolved: ResolvedFocus | null = null;
  private orders = new Map<string, LaneOrder>();

  constructor(tables: TimelineTables, options: TimelineOptions = {}, findings?: TimelineFindings) {
    this.index = new TimelineIndex(tables, options);
    this.overlay = new FindingsOverlay(this.index, findings);
  }

  get focus(): ResolvedFocus | null {
    return this.resolved;
  }

  /** Lays findings and stories over the timeline (replacing earlier ones); the focus is resolved again. */
  setFindings(findings: TimelineFindings | undefined): void {
    this.overlay = new FindingsOverlay(this.index, findings);
    this.orders.clear();
    if (this.resolved) this.resolved = resolveFocus(this.index, this.overlay, this.resolved.args);
  }

  setFocus(args: ShowTimelineArgs | null): ResolvedFocus | null {
    this.resolved = args && Object.keys(args).length ? resolveFocus(this.index, this.overlay, args) : null;
    this.orders.clear();
    return this.resolved;
  }

  summary(): TimelineSummary {
    const span = this.index.span();
    return {
      from: span?.from ?? null, to: span?.to ?? null, densityEvents: this.index.density.n, markers: this.index.markers.n,
      findings: this.overlay.findings.length, stories: this.overlay.stories.length,
    };
  }

  /** The grouping a focus reads best in: an app's lane for an app, a mailbox's for a mailbox. */
  preferredGroupBy(): TimelineGroupBy {
    const args = this.resolved?.args;
    if (args?.appId) return 'app';
    if (args?.mailbox) return 'mailbox';
    return 'actor';
  }

  focusView(): TimelineFocusView | null {
    const f = this.resolved;
    if (!f) return null;
    const span = this.index.span();
    const from = f.from ?? span?.from ?? 0;
    const to = f.to ?? span?.to ?? from + 1;
    return { label: f.label, from, to: Math.max(to, from + 1), groupBy: this.preferredGroupBy() };
  }

  order(groupBy: TimelineGroupBy, focusOnly: boolean): LaneOrder {
    const key = `${groupBy}:${focusOnly}`;
    let o = this.orders.get(key);
    if (!o) this.orders.set(key, (o = laneOrder(this.index, this.overlay, this.resolved, groupBy, focusOnly)));
    return o;
  }

  window(req: WindowRequest, limits: { maxMarkers?: number; maxFindings?: number } = {}): TimelineWindow {
    const order = this.order(req.groupBy, req.focusOnly && this.resolved !== null);
    return timelineWindow(this.index, this.overlay, this.resolved, order, req, { ...limits, label: (id) => markerLabel(this.index, id) });
  }

  hasMarker(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.index.markers.n;
  }

  details(markerId: number, groupBy: TimelineGroupBy): MarkerDetails | undefined {
    return this.hasMarker(markerId) ? markerDetails(this.index, this.overlay, markerId, groupBy) : undefined;
  }

  markerRecord(markerId: number): { table: TableName; row: number } | undefined {
    return this.hasMarker(markerId) ? this.index.markerRecord(markerId) : undefined;
  }

  aroundQuery(markerId: number): string | undefined {
    return this.hasMarker(markerId) ? aroundQuery(this.index, markerId, markerLabel(this.index, markerId)) : undefined;
  }

  /**
   * What a marker's record is about in the tenant views: the app that received a permission (consent,
   * app role, credential, RBAC), else the mailbox acted on. Not the admin tool that made the change.
   */
  treeSubject(markerId: number): { appId?: string; mailbox?: string } {
    if (!this.hasMarker(markerId)) return {};
    const { table, row } = this.index.markerRecord(markerId);
    const t = this.index.table(table);
    if (!t) return {};
    const reader = new LaneNameReader(table, t);
    const kind = this.index.markerKind(markerId);
    if (APP_SUBJECT_KINDS.has(kind)) {
      const appId = reader.name('app', row, kind);
      if (appId) return { appId };
    }
    const mailbox = table === 'AuditLogs' ? reader.name('mailbox', row, kind) : '';
    return mailbox ? { mailbox } : {};
  }
}
