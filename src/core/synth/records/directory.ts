import { iso7Z, ualTime } from '../time/format';
import type { Actor, RecordContext, Row } from './context';

/** A changed property in both spellings: the Graph one (JSON text) and the UAL one (pretty JSON with CRLF, or plain). */
export interface PropertyChange {
  readonly name: string;
  readonly graphOld: string | null;
  readonly graphNew: string;
  readonly ualOld: string;
  readonly ualNew: string;
}

/** A property set on creation ("[]" -> ["value"]). */
export function listProp(name: string, value: unknown, old: unknown[] = []): PropertyChange {
  const pretty = (v: unknown[]): string => (v.length === 0 ? '[]' : JSON.stringify(v, null, 2).replace(/\n/g, '\r\n'));
  return { name, graphOld: JSON.stringify(old), graphNew: JSON.stringify([value]), ualOld: pretty(old), ualNew: pretty([value]) };
}

/** A scalar property (app role values, consent context flags). */
export function scalarProp(name: string, value: string, old = ''): PropertyChange {
  return { name, graphOld: old === '' ? null : JSON.stringify(old), graphNew: JSON.stringify(value), ualOld: old, ualNew: value };
}

/** The "Included Updated Properties" summary both shapes carry. */
export function includedProps(props: readonly PropertyChange[]): PropertyChange {
  const names = props.map((p) => p.name).join(', ');
  return { name: 'Included Updated Properties', graphOld: null, graphNew: JSON.stringify(names), ualOld: '', ualNew: names };
}

export type DirectoryTargetType = 'User' | 'ServicePrincipal' | 'Application' | 'Group';

export interface DirectoryTarget {
  readonly type: DirectoryTargetType;
  /** Object id. */
  readonly id: string;
  readonly displayName: string | null;
  readonly userPrincipalName?: string;
  /** Application / service principal: the app id. */
  readonly appId?: string;
  readonly puid?: string;
  readonly modifiedProperties: readonly PropertyChange[];
}

export type DirectoryInitiator =
  | { readonly kind: 'user'; readonly actor: Actor; readonly ip: string }
  | { readonly kind: 'app'; readonly appId: string; readonly displayName: string; readonly servicePrincipalId: string };

/** One Entra directory activity, written both to the UAL (RecordType 8) and to directoryAudits. */
export interface DirectoryEventSpec {
  readonly ualId: string;
  readonly directoryId: string;
  /** Milliseconds precision (directoryAudits); the UAL copy keeps whole seconds. */
  readonly time: number;
  readonly correlationId: string;
  /** Activity name without the trailing period (directoryAudits spelling). */
  readonly activity: string;
  readonly category: 'UserManagement' | 'ApplicationManagement' | 'GroupManagement' | 'RoleManagement';
  readonly operationType: 'Add' | 'Update' | 'Assign' | 'Delete';
  readonly initiatedBy: DirectoryInitiator;
  readonly targets: readonly DirectoryTarget[];
  readonly additionalDetails: readonly (readonly [string, string])[];
  readonly eventCategory: 'User' | 'ServicePrincipal' | 'Application' | 'Group' | 'Role';
  /** Sub-millisecond digits of activityDateTime. */
  readonly fraction: number;
}

function ualTargets(t: DirectoryTarget): { ID: string; Type: number }[] {
  const out = [
    { ID: `${t.type}_${t.id}`, Type: 2 },
    { ID: t.id, Type: 2 },
    { ID: t.type, Type: 2 },
  ];
  if (t.type === 'User') {
    if (t.userPrincipalName) out.push({ ID: t.userPrincipalName, Type: 5 });
    if (t.puid) out.push({ ID: t.puid, Type: 3 });
  } else {
    if (t.displayName) out.push({ ID: t.displayName, Type: 1 });
    if (t.appId) {
      out.push({ ID: t.appId, Type: 2 });
      if (t.type === 'ServicePrincipal') out.push({ ID: t.appId, Type: 4 });
    }
  }
  return out;
}

/** The UAL copy (RecordType 8, AzureActiveDirectory), activity with the trailing period UAL adds. */
export function directoryUalRecord(ctx: RecordContext, s: DirectoryEventSpec): Row {
  const first = s.targets[0]!;
  const by = s.initiatedBy;
  const actor = by.kind === 'user'
    ? [
      { ID: by.actor.upn, Type: 5 }, { ID: by.actor.puid, Type: 3 },
      { ID: `User_${by.actor.id}`, Type: 2 }, { ID: by.actor.id, Type: 2 }, { ID: 'User', Type: 2 },
    ]
    : [{ ID: by.displayName, Type: 1 }, { ID: by.servicePrincipalId, Type: 2 }, { ID: 'ServicePrincipal', Type: 2 }];
  const details: Record<string, string> = {};
  for (const [k, v] of s.additionalDetails) details[k] = v;
  const r: Row = {
    CreationTime: ualTime(s.time),
    Id: s.ualId,
    Operation: `${s.activity}.`,
    OrganizationId: ctx.tenantId,
    RecordType: 8,
    ResultStatus: 'Success',
    UserKey: by.kind === 'user' ? `${by.actor.puid}@${ctx.initialDomain}` : 'Not Available',
    UserType: by.kind === 'user' ? 0 : 4,
    Version: 1,
    Workload: 'AzureActiveDirectory',
  };
  if (by.kind === 'user') r.ClientIP = by.ip;
  r.ObjectId = first.type === 'User' ? (first.userPrincipalName ?? first.id) : (first.appId ?? first.id);
  r.UserId = by.kind === 'user' ? by.actor.upn : by.displayName;
  r.AzureActiveDirectoryEventType = 1;
  r.ExtendedProperties = [
    { Name: 'additionalDetails', Value: JSON.stringify(details) },
    { Name: 'extendedAuditEventCategory', Value: s.eventCategory },
  ];
  r.ModifiedProperties = s.targets.flatMap((t) => t.modifiedProperties.map((p) => ({ Name: p.name, NewValue: p.ualNew, OldValue: p.ualOld })));
  r.Actor = actor;
  r.ActorContextId = ctx.tenantId;
  if (by.kind === 'user') r.ActorIpAddress = by.ip;
  r.InterSystemsId = s.correlationId;
  r.IntraSystemId = s.ualId;
  r.SupportTicketId = '';
  r.Target = s.targets.flatMap(ualTargets);
  r.TargetContextId = ctx.tenantId;
  return r;
}

/** The Graph auditLogs/directoryAudits item. */
export function directoryAuditRecord(_ctx: RecordContext, s: DirectoryEventSpec): Row {
  const by = s.initiatedBy;
  return {
    id: s.directoryId,
    category: s.category,
    correlationId: s.correlationId,
    result: 'success',
    resultReason: '',
    activityDisplayName: s.activity,
    activityDateTime: iso7Z(s.time, s.fraction),
    loggedByService: 'Core Directory',
    operationType: s.operationType,
    initiatedBy: by.kind === 'user'
      ? { user: { id: by.actor.id, displayName: null, userPrincipalName: by.actor.upn, ipAddress: by.ip, roles: [] } }
      : { app: { appId: by.appId, displayName: by.displayName, servicePrincipalId: by.servicePrincipalId, servicePrincipalName: null } },
    targetResources: s.targets.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      ...(t.userPrincipalName ? { userPrincipalName: t.userPrincipalName } : {}),
      modifiedProperties: t.modifiedProperties.map((p) => ({ displayName: p.name, oldValue: p.graphOld, newValue: p.graphNew })),
      administrativeUnits: [],
    })),
    additionalDetails: s.additionalDetails.map(([key, value]) => ({ key, value })),
  };
}
