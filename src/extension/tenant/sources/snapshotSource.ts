import * as vscode from 'vscode';
import { parseTenantModel, TenantModelError } from '../../../core/tenant/modelValidation';
import type { TenantSource } from '../tenantSource';

/** A saved inventory (TenantModel JSON, schemaVersion 1), read through the workspace file system. */
export function snapshotSource(uri: vscode.Uri): TenantSource {
  const name = vscode.workspace.asRelativePath(uri, false);
  return {
    kind: 'snapshot',
    description: `snapshot ${name}`,
    load: async () => {
      const bytes = await vscode.workspace.fs.readFile(uri);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
      } catch (error) {
        throw new Error(`${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        const model = parseTenantModel(json);
        return { model, notes: [`tenant ${model.tenantId || '(unknown)'} as of ${model.asOf} (${model.source})`] };
      } catch (error) {
        if (error instanceof TenantModelError) throw new Error(`${name} is not a tenant snapshot: ${error.message}`);
        throw error;
      }
    },
  };
}
