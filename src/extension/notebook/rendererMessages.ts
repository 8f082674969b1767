// Wires the renderers' messages to the extension (see rendererActions.ts for what each one does).
import * as vscode from 'vscode';
import { CHART_RENDERER_ID, TABLE_RENDERER_ID, type RendererReply } from '../../protocol/notebook';
import { handleRendererMessage, type RendererActions } from './rendererActions';

/** Listens to both renderers; replies go to the editor the message came from. */
export function listenToRenderers(actions: RendererActions): vscode.Disposable[] {
  return [TABLE_RENDERER_ID, CHART_RENDERER_ID].map((id) => {
    const messaging = vscode.notebooks.createRendererMessaging(id);
    return messaging.onDidReceiveMessage(async ({ editor, message }) => {
      try {
        const reply = await handleRendererMessage(message, actions);
        if (reply) await messaging.postMessage(reply, editor);
      } catch (e) {
        actions.log(`notebook renderer action failed: ${e instanceof Error ? e.message : String(e)}`);
        await messaging.postMessage({ type: 'status', text: 'That did not work; see the exo-audit output.' } satisfies RendererReply, editor);
      }
    });
  });
}
