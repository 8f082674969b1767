import { findApp, findGroup, findMailbox, fold, groupMatches, mailboxMatches } from '../identity';
import type { ApplicationAccessPolicy, Mailbox, TenantModel } from '../model';
import type { PolicyEffect } from './types';

export interface ApplicationAccessPolicyTest {
  appId: string;
  mailbox: string;
  /** Test-ApplicationAccessPolicy's AccessCheckResult. */
  accessCheckResult: 'Granted' | 'Denied';
  /** The policies of this app and whether the mailbox is in their group. */
  policies: PolicyEffect[];
  reason: string;
}

/** The application access policies that name this app. */
export function policiesOfApp(model: Pick<TenantModel, 'accessPolicies'>, appId: string): ApplicationAccessPolicy[] {
  return model.accessPolicies.filter((p) => fold(p.appId) === fold(appId));
}

function groupMembersInclude(model: Pick<TenantModel, 'groups'>, groupId: string, m: Mailbox): { found: boolean; member: boolean } {
  const g = findGroup(model, groupId) ?? model.groups.find((x) => groupMatches(x, groupId));
  if (!g) return { found: false, member: false };
  return { found: true, member: g.members.some((member) => mailboxMatches(m, member)) };
}

/**
 * Offline Test-ApplicationAccessPolicy: a mailbox in a DenyAccess group is denied;
 * otherwise, if the app has RestrictAccess policies, only members of their groups are granted;
 * an app with no policy is granted everywhere.
 */
export function evaluateAccessPolicies(model: Pick<TenantModel, 'accessPolicies' | 'groups'>, appId: string, m: Mailbox): ApplicationAccessPolicyTest {
  const policies = policiesOfApp(model, appId);
  const effects: PolicyEffect[] = [];
  const missingGroups: string[] = [];
  for (const p of policies) {
    const { found, member } = groupMembersInclude(model, p.policyScopeGroupId, m);
    if (!found) missingGroups.push(p.policyScopeGroupId);
    effects.push({ policyIdentity: p.identity, accessRight: p.accessRight, group: p.policyScopeGroupId, mailboxIsMember: member });
  }
  const missing = missingGroups.length ? ` (group ${missingGroups.map((g) => `'${g}'`).join(', ')} not found: treated as empty)` : '';
  const deny = effects.find((e) => e.accessRight === 'DenyAccess' && e.mailboxIsMember);
  let result: 'Granted' | 'Denied';
  let reason: string;
  if (deny) {
    result = 'Denied';
    reason = `DenyAccess policy ${deny.policyIdentity} denies it: the mailbox is a member of ${deny.group}`;
  } else {
    const restricts = effects.filter((e) => e.accessRight === 'RestrictAccess');
    if (restricts.length === 0) {
      result = 'Granted';
      reason = effects.length === 0 ? 'no application access policy applies to this app'
        : `the mailbox is not in any DenyAccess group (${effects.map((e) => e.group).join(', ')})`;
    } else {
      const allow = restricts.find((e) => e.mailboxIsMember);
      result = allow ? 'Granted' : 'Denied';
      reason = allow ? `RestrictAccess policy ${allow.policyIdentity} grants it: the mailbox is a member of ${allow.group}`
        : `RestrictAccess ${restricts.length > 1 ? 'policies restrict' : 'policy restricts'} the app to ${restricts.map((e) => e.group).join(', ')} and the mailbox is not a member`;
    }
  }
  return { appId, mailbox: m.userPrincipalName, accessCheckResult: result, policies: effects, reason: reason + missing };
}

/** Test-ApplicationAccessPolicy -AppId -Identity, offline. Undefined when the mailbox is unknown. */
export function testApplicationAccessPolicy(model: TenantModel, appIdOrName: string, mailboxIdentity: string): ApplicationAccessPolicyTest | undefined {
  const m = findMailbox(model, mailboxIdentity);
  if (!m) return undefined;
  const appId = findApp(model, appIdOrName)?.appId ?? appIdOrName;
  return evaluateAccessPolicies(model, appId, m);
}
