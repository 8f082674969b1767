import type {
  App, AppCredential, ApplicationAccessPolicy, Delegation, DelegationRight, EntraPermission, ExchangeServicePrincipal,
  Group, Mailbox, MailboxAuditSettings, ManagementScope, OrganizationConfig, RoleAssignment, TenantModel, User,
} from '../../tenant/model';

/**
 * One change to the permission model, as data. The generator records one for
 * every state-changing audit record it writes; folding them in time order
 * gives the model at any instant.
 */
export type ModelChange =
  | { kind: 'addUser'; user: User }
  | { kind: 'updateUser'; userId: string; set: Partial<Pick<User, 'department' | 'jobTitle' | 'accountEnabled' | 'company'>> }
  | { kind: 'addMailbox'; mailbox: Mailbox }
  | { kind: 'updateMailbox'; mailbox: string; set: Partial<Pick<Mailbox, 'department' | 'company' | 'city'>> }
  | { kind: 'setMailboxAudit'; mailbox: string; set: Partial<MailboxAuditSettings> }
  | { kind: 'setSendOnBehalf'; mailbox: string; trustees: string[] }
  | { kind: 'addGroup'; group: Group }
  | { kind: 'addGroupMember'; groupId: string; member: string }
  | { kind: 'addApp'; app: App }
  | { kind: 'addAppPermission'; appId: string; permission: EntraPermission }
  | { kind: 'addAppCredential'; appId: string; credential: AppCredential }
  | { kind: 'addExchangeServicePrincipal'; servicePrincipal: ExchangeServicePrincipal }
  | { kind: 'addManagementScope'; scope: ManagementScope }
  | { kind: 'setManagementScopeFilter'; name: string; recipientRestrictionFilter: string }
  | { kind: 'addRoleAssignment'; assignment: RoleAssignment }
  | { kind: 'setRoleAssignmentScope'; name: string; customResourceScope: string | null }
  | { kind: 'addAccessPolicy'; policy: ApplicationAccessPolicy }
  | { kind: 'addDelegation'; delegation: Delegation }
  | { kind: 'removeDelegation'; mailbox: string; trustee: string; right: DelegationRight }
  | { kind: 'setOrganization'; set: Partial<OrganizationConfig> };

/** A change with when it happened and the audit record that carries it. */
export interface TimedChange {
  readonly time: number;
  /** Id of the Unified Audit Log record the change is visible in. */
  readonly recordId: string;
  readonly table: 'AuditLogs';
  /** For Entra activities: the id of the same activity in DirectoryAudits. */
  readonly directoryAuditId?: string;
  /** Set when the record belongs to an injected attack scenario. */
  readonly scenario?: string;
  readonly change: ModelChange;
}

function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Builds a model by applying changes; keeps lookups fast with indexes. */
export class ModelBuilder {
  readonly model: TenantModel;
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly users = new Map<string, User>();
  private readonly apps = new Map<string, App>();

  constructor(base: TenantModel) {
    this.model = base;
  }

  private mailbox(key: string): Mailbox {
    const m = this.mailboxes.get(key.toLowerCase());
    if (!m) throw new Error(`synthetic change names an unknown mailbox: ${key}`);
    return m;
  }

  private app(appId: string): App {
    const a = this.apps.get(appId);
    if (!a) throw new Error(`synthetic change names an unknown app: ${appId}`);
    return a;
  }

  apply(c: ModelChange): void {
    const m = this.model;
    switch (c.kind) {
      case 'addUser': {
        const u = structuredClone(c.user);
        m.users.push(u);
        this.users.set(u.id, u);
        return;
      }
      case 'updateUser': {
        const u = this.users.get(c.userId);
        if (!u) throw new Error(`synthetic change names an unknown user: ${c.userId}`);
        Object.assign(u, c.set);
        return;
      }
      case 'addMailbox': {
        const mb = structuredClone(c.mailbox);
        m.mailboxes.push(mb);
        this.mailboxes.set(mb.userPrincipalName.toLowerCase(), mb);
        return;
      }
      case 'updateMailbox':
        Object.assign(this.mailbox(c.mailbox), c.set);
        return;
      case 'setMailboxAudit': {
        const mb = this.mailbox(c.mailbox);
        mb.audit = { ...mb.audit, ...structuredClone(c.set) };
        return;
      }
      case 'setSendOnBehalf':
        this.mailbox(c.mailbox).grantSendOnBehalfTo = [...c.trustees];
        return;
      case 'addGroup':
        m.groups.push(structuredClone(c.group));
        return;
      case 'addGroupMember': {
        const g = m.groups.find((x) => x.id === c.groupId);
        if (!g) throw new Error(`synthetic change names an unknown group: ${c.groupId}`);
        if (!g.members.some((x) => sameKey(x, c.member))) g.members.push(c.member);
        return;
      }
      case 'addApp': {
        const a = structuredClone(c.app);
        m.apps.push(a);
        this.apps.set(a.appId, a);
        return;
      }
      case 'addAppPermission':
        this.app(c.appId).permissions.push(structuredClone(c.permission));
        return;
      case 'addAppCredential':
        this.app(c.appId).credentials.push(structuredClone(c.credential));
        return;
      case 'addExchangeServicePrincipal':
        m.exchangeServicePrincipals.push(structuredClone(c.servicePrincipal));
        return;
      case 'addManagementScope':
        m.managementScopes.push(structuredClone(c.scope));
        return;
      case 'setManagementScopeFilter': {
        const s = m.managementScopes.find((x) => sameKey(x.name, c.name));
        if (!s) throw new Error(`synthetic change names an unknown scope: ${c.name}`);
        s.recipientRestrictionFilter = c.recipientRestrictionFilter;
        return;
      }
      case 'addRoleAssignment':
        m.roleAssignments.push(structuredClone(c.assignment));
        return;
      case 'setRoleAssignmentScope': {
        const r = m.roleAssignments.find((x) => sameKey(x.name, c.name));
        if (!r) throw new Error(`synthetic change names an unknown role assignment: ${c.name}`);
        if (c.customResourceScope === null) delete r.customResourceScope;
        else r.customResourceScope = c.customResourceScope;
        return;
      }
      case 'addAccessPolicy':
        m.accessPolicies.push(structuredClone(c.policy));
        return;
      case 'addDelegation':
        m.delegations.push(structuredClone(c.delegation));
        return;
      case 'removeDelegation': {
        const i = m.delegations.findIndex((d) => sameKey(d.mailbox, c.mailbox) && sameKey(d.trustee, c.trustee) && d.right === c.right);
        if (i >= 0) m.delegations.splice(i, 1);
        return;
      }
      case 'setOrganization':
        Object.assign(m.organization, c.set);
        return;
    }
  }
}

/** An empty synthetic model of a tenant. */
export function emptyModel(tenantId: string, domain: string, asOf: string): TenantModel {
  return {
    schemaVersion: 1,
    tenantId,
    domain,
    asOf,
    source: 'synthetic',
    organization: { auditDisabled: false, unifiedAuditLogIngestionEnabled: true },
    users: [],
    groups: [],
    mailboxes: [],
    apps: [],
    exchangeServicePrincipals: [],
    managementScopes: [],
    roleAssignments: [],
    accessPolicies: [],
    delegations: [],
  };
}

/** The model after every change at or before `time`. */
export function modelFromChanges(changes: readonly TimedChange[], tenantId: string, domain: string, time: number): TenantModel {
  const b = new ModelBuilder(emptyModel(tenantId, domain, new Date(time).toISOString()));
  for (const c of changes) {
    if (c.time > time) break;
    b.apply(c.change);
  }
  return b.model;
}
