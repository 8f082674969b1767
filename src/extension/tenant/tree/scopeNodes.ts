import { assignmentIsForApp } from '../../../core/tenant/access/rbac';
import { allApps } from '../../../core/tenant/access/whoCanRead';
import type { TenantService } from '../tenantService';
import type { LoadedTenant } from '../tenantSource';
import { roleAssignmentNode, scopeNode } from './sharedNodes';
import { childId, section, type TenantNode } from './tenantNode';

/** Management scopes with the role assignments that use them and the mailboxes they match. */
export function scopesRoots(loaded: LoadedTenant, service: TenantService): TenantNode[] {
  const model = loaded.model;
  const apps = allApps(model);
  return service.scopes().map((view) => {
    const node = scopeNode(model, '', view.scope);
    const assignments = view.roleAssignments;
    if (assignments.length === 0) return node;
    const usedBy = childId(node.id, 'usedBy');
    return {
      ...node,
      children: () => [
        section(node.id, 'usedBy', 'Used by role assignments', () => assignments.map((ra) => roleAssignmentNode(model, usedBy, ra, {
          appId: apps.find((a) => assignmentIsForApp(model, ra, a))?.appId, showScope: false,
        })), assignments.length, 'law', true),
        ...node.children!(),
      ],
    };
  });
}
