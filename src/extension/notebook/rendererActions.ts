// What a message from the table or chart renderer does. Only the allowlisted actions of
// parseRendererMessage (src/protocol/notebook.ts) are acted on; anything else is logged and dropped.
// No vscode import: the actions are handed in (unit-tested with recording actions).
import { parseRendererMessage, type RendererMessage, type RendererReply } from '../../protocol/notebook';
import type { TestEvent } from '../../protocol/testEvents';
import { SHOW_TIMELINE_COMMAND, type ShowTimelineArgs } from '../../protocol/timeline';

export { SHOW_TIMELINE_COMMAND };

export interface RendererActions {
  copy(text: string): PromiseLike<void>;
  /** Whether the timeline command is registered (another part of the extension owns it). */
  hasTimeline(): PromiseLike<boolean>;
  showTimeline(args: ShowTimelineArgs): PromiseLike<unknown>;
  openAuditExports(): PromiseLike<unknown>;
  info(message: string): void;
  log(message: string): void;
  emit(event: TestEvent): void;
}

/** Acts on one message; the reply (if any) goes back to the renderer that sent it. */
export async function handleRendererMessage(raw: unknown, actions: RendererActions): Promise<RendererReply | undefined> {
  const message: RendererMessage | undefined = parseRendererMessage(raw);
  if (!message) {
    actions.log(`notebook renderer: ignored a message that is not an allowed action: ${describe(raw)}`);
    return undefined;
  }
  switch (message.type) {
    case 'copy': {
      await actions.copy(message.text);
      actions.emit({ event: 'notebookRendererAction', action: 'copy', detail: `${message.format}:${message.rows}` });
      return { type: 'status', text: `Copied ${message.rows.toLocaleString('en-US')} row${message.rows === 1 ? '' : 's'} as ${message.format.toUpperCase()}.` };
    }
    case 'openTimeline': {
      actions.emit({ event: 'notebookRendererAction', action: 'openTimeline', detail: String(message.recordIds.length) });
      if (!(await actions.hasTimeline())) {
        actions.info(`exo-audit: the timeline is not available in this build (command ${SHOW_TIMELINE_COMMAND}).`);
        return { type: 'status', text: 'The timeline is not available.' };
      }
      await actions.showTimeline({
        recordIds: message.recordIds,
        ...(message.from !== undefined ? { from: message.from } : {}),
        ...(message.to !== undefined ? { to: message.to } : {}),
      });
      return { type: 'status', text: `Opened ${message.recordIds.length.toLocaleString('en-US')} records on the timeline.` };
    }
    case 'openAuditExports':
      actions.emit({ event: 'notebookRendererAction', action: 'openAuditExports', detail: '' });
      await actions.openAuditExports();
      return undefined;
  }
}

function describe(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 200);
  } catch {
    return typeof raw;
  }
}
