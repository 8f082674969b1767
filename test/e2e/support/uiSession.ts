import { installExtension } from './codeServer';
import { packageExtension } from './buildExtension';
import { Session, type SessionOptions } from './session';
import { timed } from './timing';

/**
 * The UI end-to-end mode: the packaged extension (.vsix) installed into a private extensions folder,
 * code-server started on the workspace, and the workbench open in chromium and waiting on the
 * extension's "activated" test event.
 */
export async function startUiSession(options: SessionOptions): Promise<Session> {
  const vsix = await packageExtension();
  return timed(`start session "${options.name}" (install vsix, code-server, chromium, activation)`, async () => {
    const session = await Session.start({
      ...options,
      prepare: (tools, dirs) => installExtension(tools, dirs, vsix),
    });
    try {
      await session.page.goto(session.workbenchUrl(options.workspace));
      await session.workbench.waitUntilReady();
      await session.events.waitFor('activated');
      return session;
    } catch (error) {
      await session.dispose();
      throw error;
    }
  });
}
