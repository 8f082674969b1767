import * as vscode from 'vscode';
import {
  hasFocus, parseTimelineViewMessage, TIMELINE_VIEW_TYPE, type ShowTimelineArgs, type TimelineActionKind,
  type TimelineDetails, type TimelineGroupBy, type TimelineHostMessage, type TimelineViewMessage, type TimelineWindowRequest,
} from '../../protocol/timeline';
import type { TimelineModel } from '../../core/timeline';
import type { Ctx } from '../ctx';
import { DisposalScope } from '../disposalScope';
import { openQuery, recordSource, revealRecord, revealTreeItem } from './timelineActions';
import type { TimelineData } from './timelineData';
import { makeNonce, mediaRoot, timelineHtml } from './timelineHtml';
import { timelineTheme } from './timelineTheme';

const TITLE = 'exo-audit Timeline';
const OPEN_EXPORTS_COMMAND = 'exoAudit.openAuditExports';

export function timelineWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)] };
}

/**
 * The timeline webview panel: one at a time, created by the command or revived after a reload by
 * the serializer. Every message from the webview is validated (parseTimelineViewMessage) and only
 * the allowlisted requests and actions are carried out; the webview names markers by id only.
 */
export class TimelinePanel implements vscode.Disposable {
  private static current: TimelinePanel | undefined;
  private readonly scope = new DisposalScope();
  private groupBy: TimelineGroupBy = 'actor';
  private initSeq = 0;

  static show(ctx: Ctx, data: TimelineData, args: ShowTimelineArgs): TimelinePanel {
    const open = TimelinePanel.current;
    if (open) {
      open.panel.reveal(undefined, false);
      void open.focusOn(args);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, timelineWebviewOptions(ctx.extensionContext.extensionUri));
    return new TimelinePanel(ctx, data, panel, args);
  }

  static revive(ctx: Ctx, data: TimelineData, panel: vscode.WebviewPanel, args: ShowTimelineArgs): TimelinePanel {
    TimelinePanel.current?.dispose();
    panel.webview.options = timelineWebviewOptions(ctx.extensionContext.extensionUri);
    return new TimelinePanel(ctx, data, panel, args);
  }

  private constructor(
    private readonly ctx: Ctx, private readonly data: TimelineData, readonly panel: vscode.WebviewPanel, private args: ShowTimelineArgs,
  ) {
    TimelinePanel.current = this;
    this.scope.add(panel.onDidDispose(() => this.dispose()));
    this.scope.add(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.scope.add(data.onDidChange((change) => (change === 'dataset' ? this.sendInit() : this.sendRefresh())));
    this.scope.add(vscode.window.onDidChangeActiveColorTheme((theme) => this.post({ type: 'theme', theme: timelineTheme(theme.kind) })));
    panel.webview.html = timelineHtml(panel.webview, ctx.extensionContext.extensionUri, makeNonce());
  }

  /** Focuses the open view on new arguments (a finding, an app, a query result ...). */
  async focusOn(args: ShowTimelineArgs): Promise<void> {
    this.args = args;
    await this.sendInit();
  }

  private post(message: TimelineHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseTimelineViewMessage(raw);
    if (!message) {
      const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
      this.ctx.output.warn(`timeline: ignored a message the view may not send (${type})`);
      return;
    }
    try {
      this.handle(message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.ctx.output.error(`timeline: ${message.type} failed: ${text}`);
      this.post({ type: 'notice', text: `Something went wrong: ${text}` });
    }
  }

  private handle(message: TimelineViewMessage): void {
    switch (message.type) {
      case 'ready':
        // After a reload the saved state carries the focus the view was opened with.
        if (message.state?.focus && !hasFocus(this.args)) this.args = message.state.focus;
        void this.sendInit();
        return;
      case 'requestWindow':
        this.sendWindow(message);
        return;
      case 'selectMarker':
        this.sendDetails(message.markerId);
        return;
      case 'action':
        void this.runAction(message.kind, message.markerId).catch((error: unknown) => {
          const text = error instanceof Error ? error.message : String(error);
          this.ctx.output.error(`timeline: ${message.kind} failed: ${text}`);
          void vscode.window.showErrorMessage(`exo-audit: ${text}`);
        });
        return;
      case 'openDataset':
        void vscode.commands.executeCommand(OPEN_EXPORTS_COMMAND);
        return;
    }
  }

  private async sendInit(): Promise<void> {
    const seq = ++this.initSeq;
    const model = this.data.current();
    const theme = timelineTheme();
    if (!model) {
      this.panel.title = TITLE;
      this.post({ type: 'init', summary: null, focus: null, focusArgs: hasFocus(this.args) ? this.args : null, theme, notice: '' });
      return;
    }
    if (this.args.findingId || this.args.storyId) {
      this.post({ type: 'notice', text: 'Running findings…' });
      await this.data.findingsReady();
      if (seq !== this.initSeq || this.data.current() !== model) return;
    }
    const focus = model.setFocus(hasFocus(this.args) ? this.args : null);
    const view = model.focusView();
    const notes = [...(focus?.notes ?? [])];
    if (model.summary().findings === 0 && this.data.awaitsFindings()) notes.push('no findings yet: run "exo-audit: Run Findings" to see them on the timeline');
    this.panel.title = view ? `Timeline: ${view.label.slice(0, 60)}` : TITLE;
    this.post({
      type: 'init', summary: model.summary(), focus: view, focusArgs: hasFocus(this.args) ? this.args : null, theme,
      notice: notes.join('; '),
    });
  }

  private sendRefresh(): void {
    const model = this.data.current();
    if (!model) return;
    this.post({ type: 'refresh', summary: model.summary() });
  }

  private sendWindow(req: TimelineWindowRequest): void {
    const model = this.data.current();
    if (!model) return;
    this.groupBy = req.groupBy;
    const window = model.window({
      requestId: req.requestId, from: req.from, to: req.to, buckets: req.buckets, groupBy: req.groupBy,
      laneOffset: req.lanes.offset, laneLimit: req.lanes.limit, focusOnly: req.focusOnly,
    });
    this.post({ type: 'window', window });
  }

  private sendDetails(markerId: number): void {
    const model = this.data.current();
    const loaded = this.data.loaded;
    const details = model?.details(markerId, this.groupBy);
    if (!model || !loaded || !details) return;
    const record = model.markerRecord(markerId)!;
    const subject = model.treeSubject(markerId);
    const message: TimelineDetails = {
      ...details,
      actions: {
        revealRecord: recordSource(loaded, record.table, record.row) !== undefined,
        openQuery: true,
        revealTreeItem: Boolean(subject.appId || subject.mailbox),
      },
    };
    this.post({ type: 'details', details: message });
  }

  private async runAction(kind: TimelineActionKind, markerId: number): Promise<void> {
    const model: TimelineModel | undefined = this.data.current();
    const loaded = this.data.loaded;
    const record = model?.markerRecord(markerId);
    if (!model || !loaded || !record) return;
    switch (kind) {
      case 'revealRecord': {
        const source = recordSource(loaded, record.table, record.row);
        if (!source) throw new Error('the file this record came from cannot be opened');
        await revealRecord(source);
        return;
      }
      case 'openQuery':
        await openQuery(model.aroundQuery(markerId)!);
        return;
      case 'revealTreeItem': {
        const subject = model.treeSubject(markerId);
        if (!subject.appId && !subject.mailbox) throw new Error('this record names no app or mailbox');
        await revealTreeItem(subject);
        return;
      }
    }
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (TimelinePanel.current === this) TimelinePanel.current = undefined;
    this.scope.dispose();
    this.panel.dispose();
  }
}
