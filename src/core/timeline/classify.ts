/**
 * Which timeline element an audit record becomes: a marker of some kind, part of the mail-read
 * density band, or nothing. Decided by the operation catalogue's category, refined by the record's
 * parameters where one cmdlet does several things (Set-Mailbox, Set-OrganizationConfig).
 */
import type { TimelineMarkerKind } from '../../protocol/timeline';
import { operations, type OperationCategory, type OperationDef } from '../schema/operations';
import type { TableName } from '../schema/types';
import { operationKey, param } from '../findings/columns';

export type EventClass = TimelineMarkerKind | 'density';

const byKey = new Map<string, OperationDef>(operations.map((o) => [operationKey(o.name), o]));

/** The catalogued operation behind a spelling from any source (case, trailing period, dash kind and spacing ignored). */
export function catalogued(operation: string): OperationDef | undefined {
  return byKey.get(operationKey(operation));
}

/** Operations whose meaning depends on their parameters: the class is decided per record. */
export type RowRefinement = 'setMailbox' | 'auditSwitch';

export interface OperationClass {
  readonly cls: EventClass | null;
  readonly refine?: RowRefinement;
}

const NONE: OperationClass = { cls: null };

function appConsentKind(key: string): TimelineMarkerKind {
  if (key.includes('app role assignment')) return 'appRole';
  if (key.includes('consent') || key.includes('delegated permission')) return 'consent';
  return 'appCredential';
}

const byCategory: Record<OperationCategory, (key: string) => OperationClass> = {
  delegation: (key) => (key === 'set-mailbox' ? { cls: 'delegation', refine: 'setMailbox' } : { cls: 'delegation' }),
  appConsent: (key) => ({ cls: appConsentKind(key) }),
  appRbac: () => ({ cls: 'rbac' }),
  mailAccess: () => ({ cls: 'density' }),
  mailboxAction: () => NONE,
  ediscovery: () => ({ cls: 'ediscovery' }),
  auditConfig: (key) => (key === 'set-organizationconfig' ? { cls: 'auditTampering', refine: 'auditSwitch' } : { cls: 'auditTampering' }),
  inboxRule: () => ({ cls: 'inboxRule' }),
  signIn: () => ({ cls: 'signIn' }),
  // Directory role membership (Exchange Administrator, Global Administrator) is a role assignment too.
  directory: (key) => (key === 'add member to role' || key === 'remove member from role' ? { cls: 'rbac' } : NONE),
};

/** The class of an operation of a table; every SignIns row is a sign-in whatever its Operation says. */
export function classifyOperation(table: TableName, operation: string): OperationClass {
  if (table === 'SignIns') return { cls: 'signIn' };
  const def = catalogued(operation);
  if (!def) return NONE;
  const c = byCategory[def.category](operationKey(def.name));
  // Mail reads come only from mailbox audit records (AuditLogs).
  if (c.cls === 'density' && table !== 'AuditLogs') return NONE;
  return c;
}

function hasAuditParameter(parameters: unknown): boolean {
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) return false;
  return Object.keys(parameters).some((k) => /^audit/i.test(k) || /^unifiedauditlog/i.test(k));
}

/**
 * Per-record decision for the refined operations: Set-Mailbox is an audit change when it sets an
 * Audit* parameter, a delegation when it grants SendOnBehalf (AccessRights derived), else nothing
 * the timeline marks; Set-OrganizationConfig only when it touches auditing.
 */
export function refineClass(refine: RowRefinement, parameters: unknown, accessRights: string): EventClass | null {
  if (refine === 'auditSwitch') return hasAuditParameter(parameters) ? 'auditTampering' : null;
  if (hasAuditParameter(parameters)) return 'auditTampering';
  if (accessRights !== '' || param(parameters, 'GrantSendOnBehalfTo') !== '') return 'delegation';
  return null;
}
