import type { ColumnTable } from 'arquero';
import * as vscode from 'vscode';
import {
  parseShowTimelineArgs, parseTimelineViewState, SHOW_TIMELINE_COMMAND, TIMELINE_LIMITS, TIMELINE_VIEW_TYPE, type ShowTimelineArgs,
} from '../../protocol/timeline';
import { registerCommands } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { findingsServiceOf } from '../findings';
import { provideTimelineFindings } from './findingsSource';
import { TimelineData } from './timelineData';
import { TimelinePanel } from './timelinePanel';

let data: TimelineData | undefined;

/** The Findings feature's findings (the ones its view names by id), when that feature is active. */
function provideFindingsFromService(ctx: Ctx): void {
  const service = findingsServiceOf(ctx);
  if (!service) return;
  const changed = ctx.extensionScope.add(new vscode.EventEmitter<void>());
  ctx.extensionScope.add(service.onDidChange(() => changed.fire()));
  ctx.extensionScope.add(provideTimelineFindings({
    findingsFor: (dataset) => {
      const snapshot = service.current;
      return snapshot && snapshot.dataset === dataset ? { findings: snapshot.result.findings, stories: snapshot.result.stories } : undefined;
    },
    onDidChange: changed.event,
  }));
}

/**
 * Registers `exoAudit.showTimeline` and the panel serializer; returns the command ids. Activate it
 * after the Findings feature, whose findings it shows.
 */
export function activateTimelineFeature(ctx: Ctx): string[] {
  provideFindingsFromService(ctx);
  const timelineData = ctx.extensionScope.add(new TimelineData(ctx));
  data = timelineData;
  ctx.extensionScope.add(new vscode.Disposable(() => {
    if (data === timelineData) data = undefined;
  }));
  ctx.extensionScope.add(vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      TimelinePanel.revive(ctx, timelineData, panel, parseTimelineViewState(state)?.focus ?? {});
    },
  }));
  return registerCommands(ctx, {
    [SHOW_TIMELINE_COMMAND]: (c: Ctx) => async (arg?: unknown) => showTimeline(c, parseShowTimelineArgs(arg)),
  });
}

/**
 * Opens (or focuses) the timeline: the whole dataset, or focused on an app, mailbox, actor, finding,
 * story, records or a time window. Other features call this or the command with the same arguments.
 */
export async function showTimeline(_ctx: Ctx, args: ShowTimelineArgs = {}): Promise<void> {
  if (!data) throw new Error('the timeline feature is not active');
  TimelinePanel.show(_ctx, data, args);
}

/**
 * Opens the timeline on a query result: the records it names by Id (AuditLogs, SignIns or
 * DirectoryAudits Ids), or else the time range of its Time column.
 */
export async function showTimelineForQueryResult(ctx: Ctx, result: ColumnTable): Promise<void> {
  const names = result.columnNames();
  if (names.includes('Id')) {
    const ids = (result.array('Id') as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '');
    if (ids.length > 0) return showTimeline(ctx, parseShowTimelineArgs({ recordIds: [...new Set(ids)].slice(0, TIMELINE_LIMITS.maxRecordIds) }));
  }
  if (names.includes('Time')) {
    let from = Infinity;
    let to = -Infinity;
    const times = result.array('Time') as ArrayLike<unknown>;
    for (let i = 0; i < times.length; i++) {
      const v = times[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (v < from) from = v;
      if (v > to) to = v;
    }
    if (from <= to) return showTimeline(ctx, parseShowTimelineArgs({ from, to: Math.max(to, from + 60_000) }));
  }
  return showTimeline(ctx, {});
}
