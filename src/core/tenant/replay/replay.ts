import type { MailboxAuditSettings, TenantModel } from '../model';
import { defaultMailboxAudit, emptyModel, ModelBuilder } from './builder';
import { entraEventFromAuditLog, entraEventFromDirectoryAudit, type EntraEvent } from './entraEvent';
import { entraHandlers } from './entra';
import { exchangeHandlers } from './exchange';
import { normaliseOperation, succeeded, type AuditLogRow, type DirectoryAuditRow } from './rows';

export interface ReplayOptions {
  /** Apply records up to and including this time (epoch ms or ISO text); default: all. */
  asOf?: number | string;
  /** Entra directory audit rows to merge with the AuditLogs rows. */
  directoryAudits?: readonly DirectoryAuditRow[];
  tenantId?: string;
  domain?: string;
  /** Audit settings a mailbox first seen in the log starts with (default: Microsoft's documented defaults). */
  mailboxAuditDefaults?: MailboxAuditSettings;
  /** Start from this model instead of an empty one (it is copied, not changed). */
  initial?: TenantModel;
}

export interface ReplayLedger {
  /** Records that changed (or could change) the model. */
  applied: number;
  /** Records with a failed result status. */
  failed: number;
  /** Records after the as-of time. */
  afterAsOf: number;
  /** Records whose operation does not bear on permissions. */
  ignored: number;
  warnings: string[];
}

export interface ReplayResult {
  model: TenantModel;
  ledger: ReplayLedger;
}

type Item = { time: number; order: number; apply: (b: ModelBuilder) => void; ok: boolean };

function toMs(t: number | string | undefined): number | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'number') return t;
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`replay: cannot read as-of time '${t}'`);
  return ms;
}

/**
 * Operation names come from audit records (attacker-controlled): only the tables' own entries
 * count, never "__proto__", "constructor" or anything else inherited from Object.prototype.
 */
function ownHandler<H>(handlers: Readonly<Record<string, H>>, operation: string): H | undefined {
  return Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
}

/** Rebuilds the permission model from audit records alone, as of a time; with a ledger of what was used. */
export function replayWithLedger(rows: readonly AuditLogRow[], options: ReplayOptions = {}): ReplayResult {
  const asOf = toMs(options.asOf);
  const model: TenantModel = options.initial ? structuredClone(options.initial) : emptyModel(options.tenantId ?? '', options.domain ?? '');
  model.source = 'replay';
  const b = new ModelBuilder(model, options.mailboxAuditDefaults ?? defaultMailboxAudit);
  const ledger: ReplayLedger = { applied: 0, failed: 0, afterAsOf: 0, ignored: 0, warnings: b.warnings };
  const items: Item[] = [];
  let order = 0;
  const entraItem = (e: EntraEvent): Item | undefined => {
    const h = ownHandler(entraHandlers, e.operation);
    if (!h) return undefined;
    return { time: e.time, order: order++, ok: e.succeeded, apply: (bb) => h(bb, e, iso(e.time)) };
  };
  for (const row of rows) {
    const op = normaliseOperation(String(row.Operation ?? ''));
    const ex = ownHandler(exchangeHandlers, op);
    let item: Item | undefined;
    if (ex) item = { time: row.Time, order: order++, ok: succeeded(row.ResultStatus), apply: (bb) => ex({ b: bb, row, time: iso(row.Time) }) };
    else if (ownHandler(entraHandlers, op)) item = entraItem(entraEventFromAuditLog(row));
    if (!item) { ledger.ignored++; continue; }
    if (!model.tenantId && typeof row.OrganizationId === 'string') model.tenantId = row.OrganizationId;
    items.push(item);
  }
  for (const row of options.directoryAudits ?? []) {
    const item = entraItem(entraEventFromDirectoryAudit(row));
    if (item) items.push(item);
    else ledger.ignored++;
  }
  items.sort((x, y) => x.time - y.time || x.order - y.order);
  let last = Number.NEGATIVE_INFINITY;
  for (const it of items) {
    if (asOf !== undefined && it.time > asOf) { ledger.afterAsOf++; continue; }
    if (!it.ok) { ledger.failed++; continue; }
    it.apply(b);
    ledger.applied++;
    last = Math.max(last, it.time);
  }
  fillMailboxGuids(model, rows);
  model.asOf = iso(asOf ?? (Number.isFinite(last) ? last : 0));
  return { model, ledger };
}

/** The permission model as the audit records show it as of a time (default: after every record). */
export function replay(rows: readonly AuditLogRow[], options: ReplayOptions = {}): TenantModel {
  return replayWithLedger(rows, options).model;
}

/**
 * No permission record carries a mailbox's GUID, but mailbox audit records
 * (MailItemsAccessed, ...) name owner and GUID together; GUIDs never change, so
 * any record, before or after the as-of time, may supply it (Guid filters need it).
 */
function fillMailboxGuids(model: TenantModel, rows: readonly AuditLogRow[]): void {
  const missing = new Map(model.mailboxes.filter((m) => !m.guid).map((m) => [m.userPrincipalName.toLowerCase(), m]));
  if (missing.size === 0) return;
  for (const row of rows) {
    const upn = typeof row.MailboxOwnerUPN === 'string' ? row.MailboxOwnerUPN.toLowerCase() : '';
    const guid = typeof row.MailboxGuid === 'string' ? row.MailboxGuid.trim() : '';
    if (!upn || !guid) continue;
    const m = missing.get(upn);
    if (m) {
      m.guid = guid;
      missing.delete(upn);
      if (missing.size === 0) return;
    }
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
