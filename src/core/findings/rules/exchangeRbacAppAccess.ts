/**
 * Rule 3: an app given mail access through Exchange RBAC for Applications (a
 * grant Entra never sees): New-ServicePrincipal, New-ManagementRoleAssignment
 * -App with an "Application ..." role, Set-ManagementRoleAssignment dropping or
 * changing its scope, management scopes whose filter widens, and application
 * access policies lifted (removed, or a mailbox added to the policy's group).
 */
import type { ColumnTable } from 'arquero';
import { hasParam, numbers, operationKey, param, rowsWithOperation, strings, timeAt, values, type Selection } from '../columns';
import { identityKey, isSystemActor } from '../identities';
import { matchMailboxes } from '../../tenant/opath/evaluate';
import {
  removeExchangeServicePrincipal, removeRoleAssignment, removeRoleAssignmentsOfApp, reviewManagementScope, restrictAppAccess,
  setManagementScopeFilter, setRoleAssignmentScope,
} from '../remediation';
import { evidenceOf, sortByTime, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { failed, offHours, riskyAccount } from './commonReasons';
import { isApplicationRole, roleReadsContent } from './mailPermissions';

const cmdlets = [
  'New-ServicePrincipal', 'New-ManagementRoleAssignment', 'Set-ManagementRoleAssignment',
  'New-ManagementScope', 'Set-ManagementScope', 'Remove-ManagementScope',
  'New-ApplicationAccessPolicy', 'Set-ApplicationAccessPolicy', 'Remove-ApplicationAccessPolicy',
  'Add-DistributionGroupMember', 'Remove-DistributionGroupMember', 'Update-DistributionGroupMember',
];

const query = `AuditLogs
| where Operation in~ (${cmdlets.map((c) => `"${c}"`).join(', ')})
| project Time, Id, Operation, ResultStatus, UserId, UserType, Parameters, TargetMailbox, Grantee, AccessRights`;

function select(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, cmdlets);
}

/** Human role assignments that also read other people's mail. */
const mailRolesForPeople = /^(applicationimpersonation|mailbox import export|mailbox search)$/i;
const guidIn = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

interface ScopeState { filter: string; removed: boolean; /** The record that set the filter, when it is in the data. */ row?: number }
interface PolicyState { appId: string; accessRight: string; group: string }

function isNull(v: string): boolean {
  return /^\s*(\$null|null|)\s*$/i.test(v);
}

class Rbac {
  readonly scopes = new Map<string, ScopeState>();
  readonly assignmentScopes = new Map<string, string>();
  readonly policies = new Map<string, PolicyState>();

  constructor(private readonly ctx: RuleContext) {
    const t = ctx.facts.tenant;
    if (!t) return;
    for (const s of t.managementScopes) this.scopes.set(identityKey(s.name), { filter: s.recipientRestrictionFilter, removed: false });
    for (const ra of t.roleAssignments) this.assignmentScopes.set(identityKey(ra.name), ra.customResourceScope ?? '');
    for (const p of t.accessPolicies) this.policies.set(identityKey(p.identity), { appId: p.appId, accessRight: p.accessRight, group: p.policyScopeGroupId });
  }

  policiesOnGroup(group: string): PolicyState[] {
    const k = identityKey(group);
    return [...this.policies.values()].filter((p) => identityKey(p.group) === k || identityKey(p.group.split('@')[0] ?? '') === k);
  }

  /** How many more / fewer mailboxes a filter reaches than another, when the tenant model can tell. */
  reach(filter: string): number | null {
    const t = this.ctx.facts.tenant;
    if (!t || t.mailboxes.length === 0) return null;
    const m = matchMailboxes(filter, t);
    return m.error ? null : m.matched.length;
  }
}

function appOfAssignment(bag: unknown, grantee: string): string {
  const app = param(bag, 'App');
  if (app) return app;
  const name = param(bag, 'Name') || param(bag, 'Identity');
  return guidIn.exec(name)?.[0] ?? grantee;
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.changes!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const ops = strings(t, 'Operation');
  const status = strings(t, 'ResultStatus');
  const actors = strings(t, 'UserId');
  const params = values(t, 'Parameters');
  const grantees = strings(t, 'Grantee');
  const rightsCol = strings(t, 'AccessRights');
  const state = new Rbac(ctx);
  const out: FindingDraft[] = [];

  for (const r of sortByTime(times, s.rows)) {
    const op = operationKey(ops[r] ?? '');
    const bag = params[r];
    const actor = actors[r] ?? '';
    const time = timeAt(times, r);
    const reasons = new Reasons();
    const didFail = failed(reasons, status[r] ?? '');
    const common = () => {
      offHours(reasons, ctx, time);
      if (!isSystemActor(actor)) riskyAccount(reasons, ctx, actor, time, 'actor');
    };
    const draft = (d: Omit<FindingDraft, 'reasons' | 'evidence' | 'start' | 'end' | 'stage' | 'actor'>, contextRows: readonly (number | undefined)[] = []): void => {
      const rows = [...contextRows.filter((x): x is number => x !== undefined && x !== r), r];
      out.push({ ...d, stage: 'grant', reasons: reasons.list, evidence: [evidenceOf(s, rows)], start: time, end: time, actor });
    };

    switch (op) {
      case 'new-serviceprincipal': {
        const appId = param(bag, 'AppId') || grantees[r] || '';
        const name = param(bag, 'DisplayName');
        const spId = param(bag, 'ObjectId') || param(bag, 'ServiceId');
        if (ctx.facts.isKnownApp(appId)) reasons.add(-20, `${appId} is in the known-apps allowlist`);
        common();
        draft({
          kind: 'servicePrincipal', baseScore: 30,
          title: `App ${name || appId} registered as an Exchange service principal`,
          description: `${actor || 'Someone'} ran New-ServicePrincipal for app ${appId}${name ? ` (${name})` : ''}: the first step to Exchange application roles or IMAP/POP/SMTP app access to mailboxes.`,
          app: appId, grantee: appId, related: [spId, name].filter(Boolean),
          remediation: [removeExchangeServicePrincipal(spId || appId)],
          details: { appId, ...(name ? { displayName: name } : {}) },
        });
        break;
      }
      case 'new-managementroleassignment': {
        const role = param(bag, 'Role') || rightsCol[r] || '';
        const scope = param(bag, 'CustomResourceScope');
        const name = param(bag, 'Name') || `${role}-${param(bag, 'App')}`;
        if (!didFail) state.assignmentScopes.set(identityKey(name), scope);
        const scopeState = scope ? state.scopes.get(identityKey(scope)) : undefined;
        const isApp = hasParam(bag, 'App') || isApplicationRole(role);
        if (!isApp && !mailRolesForPeople.test(role.trim())) break;
        const who = isApp ? appOfAssignment(bag, grantees[r] ?? '') : param(bag, 'User') || param(bag, 'SecurityGroup') || grantees[r] || '';
        let base: number;
        if (isApp) {
          base = scope ? 45 : 65;
          reasons.add(0, scope ? `limited to management scope ${scope}` : 'no CustomResourceScope: every mailbox in the organisation');
          if (roleReadsContent(role)) reasons.add(10, `${role} reads message contents`);
          if (ctx.facts.isKnownApp(who)) reasons.add(-30, `${who} is in the known-apps allowlist`);
        } else {
          base = 50;
          reasons.add(0, `${role} lets ${who} reach other people's mailboxes`);
        }
        common();
        draft({
          kind: isApp ? 'appRole' : 'personRole', baseScore: base,
          title: `${role} assigned to ${isApp ? 'app ' : ''}${who}${scope ? ` (scope ${scope})` : isApp ? ' for the whole organisation' : ''}`,
          description: `${actor || 'Someone'} ran New-ManagementRoleAssignment: ${who} received ${role}${scope ? ` limited by scope ${scope}` : ''}. Exchange RBAC for Applications grants are invisible in Entra ID.`,
          ...(isApp ? { app: who } : {}), grantee: who, related: [name],
          remediation: [param(bag, 'Name') ? removeRoleAssignment(name) : removeRoleAssignmentsOfApp(who, role)],
          details: { role, scope, assignment: name, ...(scopeState ? { scopeFilter: scopeState.filter } : {}) },
        }, [scopeState?.row]);
        break;
      }
      case 'set-managementroleassignment': {
        const identity = param(bag, 'Identity');
        const key = identityKey(identity);
        const before = state.assignmentScopes.get(key);
        const touchesScope = hasParam(bag, 'CustomResourceScope') || hasParam(bag, 'RecipientRelativeWriteScope') || hasParam(bag, 'ExclusiveRecipientWriteScope');
        const enabled = param(bag, 'Enabled');
        if (!touchesScope && !/^\$?true$/i.test(enabled.trim())) break;
        const after = param(bag, 'CustomResourceScope');
        const relative = param(bag, 'RecipientRelativeWriteScope');
        const dropped = (hasParam(bag, 'CustomResourceScope') && isNull(after)) || /^organization$/i.test(relative);
        if (!didFail && hasParam(bag, 'CustomResourceScope')) state.assignmentScopes.set(key, isNull(after) ? '' : after);
        let base: number;
        if (dropped) {
          base = 70;
          reasons.add(0, `scope ${before ? `${before} ` : ''}dropped: the assignment now reaches every mailbox`);
        } else if (touchesScope) {
          base = 50;
          reasons.add(0, `scope changed${before !== undefined ? ` from ${before || '(none)'}` : ''} to ${after || relative}`);
          const oldFilter = before ? state.scopes.get(identityKey(before))?.filter : undefined;
          const newFilter = state.scopes.get(identityKey(after))?.filter;
          if (oldFilter !== undefined && newFilter !== undefined) {
            const a = state.reach(oldFilter);
            const b = state.reach(newFilter);
            if (a !== null && b !== null) reasons.add(b > a ? 15 : -20, `the new scope reaches ${b} mailbox(es), the old one ${a}`);
          }
        } else {
          base = 45;
          reasons.add(0, 'a disabled assignment was enabled again');
        }
        const appId = guidIn.exec(identity)?.[0] ?? '';
        if (roleReadsContent(identity)) reasons.add(10, 'the assignment\'s role reads message contents');
        common();
        draft({
          kind: dropped ? 'scopeDropped' : touchesScope ? 'scopeChanged' : 'enabled', baseScore: base,
          title: `Role assignment ${identity} ${dropped ? 'lost its scope' : touchesScope ? 'changed scope' : 're-enabled'}`,
          description: `${actor || 'Someone'} ran Set-ManagementRoleAssignment on ${identity}. Changing an existing assignment's scope silently changes which mailboxes the app can read.`,
          ...(appId ? { app: appId, grantee: appId } : {}), related: [identity],
          remediation: before ? [setRoleAssignmentScope(identity, before)] : [removeRoleAssignment(identity)],
          details: { assignment: identity, scopeBefore: before ?? 'unknown', scopeAfter: dropped ? '' : after || relative },
        });
        break;
      }
      case 'new-managementscope':
      case 'set-managementscope': {
        const name = param(bag, op === 'new-managementscope' ? 'Name' : 'Identity') || param(bag, 'Name');
        const filter = param(bag, 'RecipientRestrictionFilter');
        const key = identityKey(name);
        const previous = state.scopes.get(key);
        if (!didFail && hasParam(bag, 'RecipientRestrictionFilter')) state.scopes.set(key, { filter, removed: false, row: r });
        if (!previous || !hasParam(bag, 'RecipientRestrictionFilter') || previous.filter.trim() === filter.trim()) break;
        const a = state.reach(previous.filter);
        const b = state.reach(filter);
        let base = 50;
        if (a !== null && b !== null) {
          if (b > a) {
            base = 60;
            reasons.add(0, `the filter now reaches ${b} mailbox(es) instead of ${a}`);
          } else {
            base = 15;
            reasons.add(0, `the filter reaches ${b} mailbox(es), ${a} before: not wider`);
          }
        } else if (isNull(filter)) {
          base = 65;
          reasons.add(0, 'the filter was emptied');
        } else {
          reasons.add(0, 'the tenant model is not loaded: cannot tell whether the new filter reaches more mailboxes');
        }
        common();
        draft({
          kind: 'scopeFilter', baseScore: base,
          title: `Management scope ${name} ${previous.removed ? 're-created with' : 'changed to'} filter ${filter || '(empty)'}`,
          description: `${actor || 'Someone'} ${previous.removed ? 're-created' : 'changed'} scope ${name}: ${previous.filter} -> ${filter}. Every role assignment using the scope now reaches the mailboxes the new filter selects.`,
          related: [name],
          remediation: [setManagementScopeFilter(name, previous.filter), reviewManagementScope(name)],
          details: { scope: name, filterBefore: previous.filter, filterAfter: filter },
        }, [previous.row]);
        break;
      }
      case 'remove-managementscope': {
        const key = identityKey(param(bag, 'Identity'));
        const prev = state.scopes.get(key);
        if (prev && !didFail) prev.removed = true;
        break;
      }
      case 'new-applicationaccesspolicy': {
        const identity = param(bag, 'Identity') || `${param(bag, 'AppId')}:${param(bag, 'PolicyScopeGroupId')}`;
        if (!didFail) state.policies.set(identityKey(identity), { appId: param(bag, 'AppId'), accessRight: param(bag, 'AccessRight'), group: param(bag, 'PolicyScopeGroupId') });
        break;
      }
      case 'set-applicationaccesspolicy':
      case 'remove-applicationaccesspolicy': {
        const identity = param(bag, 'Identity');
        const known = state.policies.get(identityKey(identity));
        const appId = known?.appId || guidIn.exec(identity)?.[0] || '';
        if (op === 'set-applicationaccesspolicy') {
          const changed = Object.keys((bag ?? {}) as object).filter((k) => !/^(identity|description|confirm|domaincontroller|force)$/i.test(k));
          if (changed.length === 0) break;
          reasons.add(0, `changed ${changed.join(', ')}`);
        } else {
          reasons.add(0, `${known ? `${known.accessRight} on ${known.group}` : 'a restriction'} is gone: the app's Entra mail permissions reach every mailbox again`);
          if (!didFail) state.policies.delete(identityKey(identity));
        }
        if (appId && ctx.facts.isKnownApp(appId)) reasons.add(-20, `${appId} is in the known-apps allowlist`);
        common();
        draft({
          kind: op === 'remove-applicationaccesspolicy' ? 'policyRemoved' : 'policyChanged',
          baseScore: op === 'remove-applicationaccesspolicy' ? 60 : 45,
          title: `Application access policy ${identity} ${op === 'remove-applicationaccesspolicy' ? 'removed' : 'changed'}`,
          description: `${actor || 'Someone'} ran ${ops[r]} on ${identity}. An application access policy is what limits an app's Graph/EWS mail permissions to a group of mailboxes.`,
          ...(appId ? { app: appId, grantee: appId } : {}), related: [identity],
          remediation: appId ? [restrictAppAccess(appId, known?.group ?? '', known?.accessRight ?? '')] : [],
          details: { policy: identity, ...(known ? { accessRight: known.accessRight, group: known.group } : {}) },
        });
        break;
      }
      default: {
        // Group membership changes matter only for a group an access policy is scoped to.
        const group = param(bag, 'Identity');
        const policies = group ? state.policiesOnGroup(group) : [];
        if (policies.length === 0) break;
        const member = param(bag, 'Member') || param(bag, 'Members');
        const widening = policies.filter((p) => (op === 'add-distributiongroupmember' || op === 'update-distributiongroupmember') ? /restrict/i.test(p.accessRight) : /deny/i.test(p.accessRight));
        if (widening.length === 0) break;
        for (const p of widening) reasons.add(0, `${p.appId} has ${p.accessRight} on ${p.group}`);
        if (member) {
          const why = ctx.facts.mailboxSensitivity(member);
          if (why) reasons.add(15, `${member} is ${why}`);
        }
        common();
        const apps = widening.map((p) => p.appId);
        draft({
          kind: 'policyGroup', baseScore: 45,
          title: `${member || 'Members'} ${op.startsWith('remove') ? 'removed from' : 'added to'} access-policy group ${group}`,
          description: `${actor || 'Someone'} ran ${ops[r]} on ${group}, the group application access policies of ${apps.join(', ')} are scoped to: ${member || 'the mailbox'} is now in the app's reach.`,
          mailbox: member, app: apps[0] ?? '', grantee: apps.join(','), related: [group],
          remediation: [],
          details: { group, member, apps },
        });
      }
    }
  }
  return out;
}

export const exchangeRbacAppAccess: Rule = {
  id: 'rbac-app-mail-access',
  title: 'App given mail access through Exchange RBAC for Applications',
  description: 'New-ServicePrincipal, application role assignments and their scopes, management scope filters that widen, and application access policies that are lifted.',
  techniques: [techniques.cloudRoles],
  references: [
    'https://learn.microsoft.com/en-us/exchange/permissions-exo/application-rbac',
    'https://learn.microsoft.com/en-us/graph/auth-limit-mailbox-access',
    'https://attack.mitre.org/techniques/T1098/003/',
  ],
  inputs: { changes: { table: 'AuditLogs', query, select } },
  detect,
};
