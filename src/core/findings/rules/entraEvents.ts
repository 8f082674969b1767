/**
 * Entra directory changes read from both places they arrive: UAL
 * AzureActiveDirectory records (AuditLogs) and directory audits
 * (DirectoryAudits). The same change often comes twice (a UAL copy and the
 * directory audit): such pairs are merged so one finding carries both records.
 */
import { numbers, strings, timeAt, values, type Selection } from '../columns';
import { fold } from '../identities';
import {
  entraEventFromAuditLog, entraEventFromDirectoryAudit, prop, propEither, type EntraEvent, type EntraTarget,
} from '../../tenant/replay/entraEvent';
import type { Evidence } from '../types';
import { evidenceOf } from '../rule';

export interface SourcedEvent {
  readonly event: EntraEvent;
  readonly time: number | null;
  readonly evidence: Evidence[];
}

const guidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string): boolean {
  return guidRe.test(s.trim());
}

function fromAuditLogs(sel: Selection): SourcedEvent[] {
  const t = sel.source;
  const times = numbers(t, 'Time');
  const cols = {
    Operation: strings(t, 'Operation'), Id: strings(t, 'Id'), ResultStatus: strings(t, 'ResultStatus'), UserId: strings(t, 'UserId'),
    ObjectId: strings(t, 'ObjectId'), ModifiedProperties: values(t, 'ModifiedProperties'), ExtendedProperties: values(t, 'ExtendedProperties'),
    Target: values(t, 'Target'),
  };
  return Array.from(sel.rows, (r) => ({
    event: entraEventFromAuditLog({
      Time: timeAt(times, r) ?? Number.NaN, Operation: cols.Operation[r] ?? '', Id: cols.Id[r], ResultStatus: cols.ResultStatus[r],
      UserId: cols.UserId[r], ObjectId: cols.ObjectId[r], ModifiedProperties: cols.ModifiedProperties[r],
      ExtendedProperties: cols.ExtendedProperties[r], Target: cols.Target[r],
    }),
    time: timeAt(times, r),
    evidence: [evidenceOf(sel, [r])],
  }));
}

function fromDirectoryAudits(sel: Selection): SourcedEvent[] {
  const t = sel.source;
  const times = numbers(t, 'Time');
  const cols = {
    Operation: strings(t, 'Operation'), Id: strings(t, 'Id'), Result: strings(t, 'Result'), InitiatedByUser: strings(t, 'InitiatedByUser'),
    InitiatedByApp: strings(t, 'InitiatedByApp'), TargetResources: values(t, 'TargetResources'), ModifiedProperties: values(t, 'ModifiedProperties'),
  };
  return Array.from(sel.rows, (r) => ({
    event: entraEventFromDirectoryAudit({
      Time: timeAt(times, r) ?? Number.NaN, Operation: cols.Operation[r] ?? '', Id: cols.Id[r], Result: cols.Result[r],
      InitiatedByUser: cols.InitiatedByUser[r], InitiatedByApp: cols.InitiatedByApp[r],
      TargetResources: cols.TargetResources[r], ModifiedProperties: cols.ModifiedProperties[r],
    }),
    time: timeAt(times, r),
    evidence: [evidenceOf(sel, [r])],
  }));
}

export function targetOfType(e: EntraEvent, type: string): EntraTarget | undefined {
  return e.targets.find((t) => fold(t.type) === fold(type));
}

/** The client app an Entra change is about: its app id, service principal / application object id and name. */
export interface AppRef {
  readonly appId: string;
  readonly objectId: string;
  readonly name: string;
  readonly objectType: 'servicePrincipal' | 'application' | '';
}

export function appOf(e: EntraEvent): AppRef {
  const op = e.operation;
  if (op.includes('certificates and secrets') || op.includes('service principal credentials')) {
    const t = targetOfType(e, 'Application') ?? targetOfType(e, 'ServicePrincipal') ?? e.targets[0];
    const appId = propEither(e, 'AppId') || t?.servicePrincipalNames.find(isGuid) || '';
    return { appId, objectId: t?.id ?? '', name: t?.displayName ?? '', objectType: fold(t?.type) === 'application' ? 'application' : 'servicePrincipal' };
  }
  if (op === 'consent to application') {
    const sp = targetOfType(e, 'ServicePrincipal') ?? e.targets[0];
    const appId = [prop(e, 'TargetId.ServicePrincipalNames'), ...(sp?.servicePrincipalNames ?? []), e.objectId].map((s) => s.trim()).find(isGuid) ?? '';
    return { appId, objectId: sp?.id ?? '', name: sp?.displayName ?? '', objectType: 'servicePrincipal' };
  }
  return {
    appId: propEither(e, 'ServicePrincipal.AppId'),
    objectId: propEither(e, 'ServicePrincipal.ObjectID'),
    name: propEither(e, 'ServicePrincipal.DisplayName') || e.targets[1]?.displayName || '',
    objectType: 'servicePrincipal',
  };
}

/** Every key an app is known by (for matching an app across events). */
export function appKeys(a: AppRef): string[] {
  return [a.appId, a.objectId, a.name].map(fold).filter(Boolean);
}

const SAME_EVENT_MS = 5000;

/** Events of both tables, the UAL copy of a directory audit merged into it. */
export function entraEvents(audit: Selection | undefined, directory: Selection | undefined): SourcedEvent[] {
  const a = audit ? fromAuditLogs(audit) : [];
  const d = directory ? fromDirectoryAudits(directory) : [];
  if (a.length === 0 || d.length === 0) return [...d, ...a];
  const used = new Set<number>();
  const merged: SourcedEvent[] = [];
  for (const de of d) {
    const keys = new Set(appKeys(appOf(de.event)));
    const match = a.findIndex((ae, i) => !used.has(i)
      && ae.event.operation === de.event.operation
      && ae.time !== null && de.time !== null && Math.abs(ae.time - de.time) <= SAME_EVENT_MS
      && appKeys(appOf(ae.event)).some((k) => keys.has(k)));
    if (match >= 0) {
      used.add(match);
      merged.push({ event: de.event, time: de.time, evidence: [...de.evidence, ...a[match]!.evidence] });
    } else {
      merged.push(de);
    }
  }
  a.forEach((ae, i) => { if (!used.has(i)) merged.push(ae); });
  return merged;
}
