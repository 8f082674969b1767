import { fold } from '../identity';
import type { ManagementScope, RoleAssignment, TenantModel } from '../model';
import { matchMailboxes } from '../opath/evaluate';

export interface ScopeView {
  scope: ManagementScope;
  matchedMailboxes: string[];
  /** Parse error of the filter, if any (then nothing matches). */
  error?: { message: string; position: number };
  /** Role assignments that use this scope. */
  roleAssignments: RoleAssignment[];
}

/** Management scopes with the mailboxes their filters select and the assignments that use them. */
export function managementScopeViews(model: TenantModel): ScopeView[] {
  return model.managementScopes.map((scope) => {
    const r = matchMailboxes(scope.recipientRestrictionFilter, model);
    return {
      scope,
      matchedMailboxes: r.matched.map((m) => m.userPrincipalName),
      error: r.error ? { message: r.error.message, position: r.error.position } : undefined,
      roleAssignments: model.roleAssignments.filter((ra) => fold(ra.customResourceScope) === fold(scope.name)),
    };
  });
}
