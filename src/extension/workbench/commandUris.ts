import * as path from 'node:path';
import * as vscode from 'vscode';

/** A string argument as a URI: "scheme://..." is parsed, an absolute path is a file, a relative path is in the first workspace folder. */
function uriOfString(text: string): vscode.Uri {
  if (/^[a-z][\w+.-]*:\/\//i.test(text)) return vscode.Uri.parse(text, true);
  if (path.isAbsolute(text)) return vscode.Uri.file(text);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error(`"${text}" is a relative path and no folder is open`);
  return vscode.Uri.joinPath(folder.uri, text);
}

function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') return uriOfString(value);
  return undefined;
}

/**
 * The URIs a command was given instead of asking with a dialog: a URI, a string (URI or path), or an
 * array of them; from the explorer's context menu VS Code passes the clicked URI and then every selected one.
 * Undefined when the arguments name nothing (the command then asks).
 */
export function urisFromArgs(first: unknown, selection?: unknown): vscode.Uri[] | undefined {
  const candidates = Array.isArray(selection) && selection.length > 0 ? selection : Array.isArray(first) ? first : [first];
  const uris = candidates.map(uriOf).filter((u): u is vscode.Uri => u !== undefined);
  return uris.length > 0 ? uris : undefined;
}
