import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { markAsExpected, parseSuppressions, suppressionsFile, type Finding, type MarkOptions } from '../../core/findings';

/**
 * The workspace's suppressions file (.exo-audit/suppressions.json): read before every findings run,
 * written by "Mark as expected". Writes stay inside the workspace folder: a `.exo-audit` folder or
 * file that is a link pointing elsewhere is refused.
 */
export class SuppressionStore {
  /** The workspace folder the file belongs to (the first one), or undefined without a folder. */
  folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  uri(): vscode.Uri | undefined {
    const folder = this.folder();
    return folder ? vscode.Uri.joinPath(folder.uri, ...suppressionsFile.split('/')) : undefined;
  }

  /** The file's parsed JSON, undefined when there is no file; a file that is not JSON is reported and ignored. */
  async read(report: (message: string) => void): Promise<unknown> {
    const uri = this.uri();
    if (!uri) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch (error) {
      report(`${suppressionsFile} is not valid JSON (${error instanceof Error ? error.message : String(error)}); no suppressions applied`);
      return undefined;
    }
  }

  /** Adds a suppression for `finding` and writes the file; resolves with the file's URI and its entry count. */
  async add(finding: Finding, reason: string, options: MarkOptions = {}): Promise<{ uri: vscode.Uri; count: number }> {
    const folder = this.folder();
    const uri = this.uri();
    if (!folder || !uri) throw new Error('Mark as expected writes to .exo-audit/suppressions.json in the workspace: open a folder first');
    const existing = parseSuppressions(await this.read(() => undefined)).file;
    const content = markAsExpected(existing, finding, reason, { createdAt: new Date().toISOString(), ...options });
    const dir = vscode.Uri.joinPath(uri, '..');
    await vscode.workspace.fs.createDirectory(dir);
    if (uri.scheme === 'file') await assertInside(folder.uri.fsPath, [dir.fsPath, uri.fsPath]);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(content, null, 2)}\n`));
    return { uri, count: content.suppressions.length };
  }
}

/** Throws unless every existing path resolves (links followed) to a place inside `folder`. */
async function assertInside(folder: string, paths: readonly string[]): Promise<void> {
  const root = await fsp.realpath(folder);
  for (const p of paths) {
    let real: string;
    try {
      real = await fsp.realpath(p);
    } catch {
      continue; // not there yet: it is created inside its (checked) parent
    }
    const rel = path.relative(root, real);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      throw new Error(`refusing to write ${suppressionsFile}: ${path.basename(p)} leads outside the workspace folder`);
    }
  }
}
