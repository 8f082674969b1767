// Workspace-relative paths from settings. No vscode import (testable anywhere).
import * as path from 'node:path';

/**
 * A setting's path as segments under the workspace folder, or undefined when it is absolute or leads
 * outside the folder (a workspace's settings must not make the extension read elsewhere).
 */
export function segmentsInsideWorkspace(relative: string): string[] | undefined {
  const text = relative.trim().replace(/\\/g, '/');
  if (text === '' || path.posix.isAbsolute(text) || /^[a-z]:/i.test(text)) return undefined;
  const normalized = path.posix.normalize(text);
  if (normalized === '..' || normalized.startsWith('../')) return undefined;
  return normalized === '.' ? [] : normalized.split('/').filter((s) => s !== '' && s !== '.');
}
