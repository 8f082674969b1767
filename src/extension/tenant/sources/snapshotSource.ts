import * as vscode from 'vscode';
import { parseSnapshot } from '../../../connect/snapshot';
import type { TenantSource } from '../tenantSource';

/** A saved inventory (src/connect's snapshot envelope, or a bare TenantModel), read through the workspace file system. */
export function snapshotSource(uri: vscode.Uri): TenantSource {
  const name = vscode.workspace.asRelativePath(uri, false);
  return {
    kind: 'snapshot',
    description: `snapshot ${name}`,
    load: async () => {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const snapshot = parseSnapshot(new TextDecoder('utf-8').decode(bytes), name);
      const m = snapshot.model;
      return {
        model: m,
        notes: [
          `tenant ${m.tenantId || '(unknown)'} as of ${m.asOf}, saved from a ${snapshot.savedFrom} model${snapshot.savedAt ? ` at ${snapshot.savedAt}` : ''}`,
          ...snapshot.warnings,
        ],
      };
    },
  };
}
