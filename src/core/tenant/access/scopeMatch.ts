import type { Mailbox, ManagementScope, TenantModel } from '../model';
import type { OpathNode } from '../opath/ast';
import { OpathError } from '../opath/errors';
import { evaluateOpath } from '../opath/evaluate';
import { parseOpath } from '../opath/parser';

const parsed = new Map<string, OpathNode | OpathError>();

/** Parses a filter once and remembers it (filters repeat across every mailbox of a tenant). */
export function cachedOpath(filter: string): OpathNode | OpathError {
  let r = parsed.get(filter);
  if (r === undefined) {
    try {
      r = parseOpath(filter);
    } catch (e) {
      if (!(e instanceof OpathError)) throw e;
      r = e;
    }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(filter, r);
  }
  return r;
}

export type ScopeMatch = { matched: boolean; error?: OpathError };

/** Whether a management scope's RecipientRestrictionFilter selects the mailbox (an unparsable filter selects nothing). */
export function scopeMatchesMailbox(model: Pick<TenantModel, 'users' | 'groups'>, scope: ManagementScope, m: Mailbox): ScopeMatch {
  const ast = cachedOpath(scope.recipientRestrictionFilter);
  if (ast instanceof OpathError) return { matched: false, error: ast };
  return { matched: evaluateOpath(ast, model, m) };
}
