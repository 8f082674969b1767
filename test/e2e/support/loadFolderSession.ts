import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOGS_FOLDER } from '../../../src/cli/commands/workspace';
import { packageExtension } from './buildExtension';
import { installExtension } from './codeServer';
import { Session } from './session';

/**
 * A UI session on a sample investigation workspace, ready once the extension has activated. A keybinding
 * is how the UI passes a command an argument: `loadLogsKey` runs Load Folder on the workspace's logs.
 * The workspace's README preview is turned off: opening at startup, it would take the editor's focus.
 */
export async function startLoadFolderSession(name: string, workspace: string, loadLogsKey: string): Promise<Session> {
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'workbench.startupEditor': 'none' }, null, 2));
  const vsix = await packageExtension();
  const session = await Session.start({
    name,
    workspace,
    prepare: async (tools, dirs) => {
      await installExtension(tools, dirs, vsix);
      const keybindings = [{ key: loadLogsKey, command: 'exoAudit.loadFolder', args: path.join(workspace, LOGS_FOLDER) }];
      writeFileSync(path.join(dirs.userData, 'User', 'keybindings.json'), JSON.stringify(keybindings, null, 2));
    },
  });
  await session.page.goto(session.workbenchUrl(workspace));
  await session.workbench.waitUntilReady();
  await session.events.waitFor('activated');
  return session;
}
