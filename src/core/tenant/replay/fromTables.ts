import type { ColumnTable } from 'arquero';
import { entraHandlers } from './entra';
import { exchangeHandlers } from './exchange';
import { replayWithLedger, type ReplayOptions, type ReplayResult } from './replay';
import { normaliseOperation, type AuditLogRow, type DirectoryAuditRow } from './rows';

/** The loaded tables replay reads (a Dataset's tables satisfy this). */
export interface ReplayTables {
  readonly AuditLogs?: ColumnTable;
  readonly DirectoryAudits?: ColumnTable;
}

export interface ReplayInput {
  auditRows: AuditLogRow[];
  directoryRows: DirectoryAuditRow[];
}

/** Own keys only: an attacker-chosen Operation such as "constructor" must not find Object.prototype members. */
function handles(op: string): boolean {
  return Object.hasOwn(exchangeHandlers, op) || Object.hasOwn(entraHandlers, op);
}

function rowAt(table: ColumnTable, names: readonly string[], i: number): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const name of names) row[name] = table.get(name, i);
  return row;
}

function text(table: ColumnTable, name: string, i: number): string {
  const v = table.get(name, i);
  return typeof v === 'string' ? v : '';
}

/**
 * Picks, without materialising every record, the rows replay needs from loaded tables: records whose
 * operation changes permissions, plus the first mailbox audit record naming each mailbox's GUID
 * (replay learns GUIDs from those). A million MailItemsAccessed rows reduce to one per mailbox.
 */
export function replayInputFromTables(tables: ReplayTables): ReplayInput {
  const auditRows: AuditLogRow[] = [];
  const directoryRows: DirectoryAuditRow[] = [];
  const relevant = new Map<string, boolean>();
  const isRelevant = (op: unknown): boolean => {
    const raw = typeof op === 'string' ? op : '';
    let hit = relevant.get(raw);
    if (hit === undefined) {
      hit = handles(normaliseOperation(raw));
      relevant.set(raw, hit);
    }
    return hit;
  };
  const audit = tables.AuditLogs;
  if (audit && audit.numRows() > 0) {
    const names = audit.columnNames();
    const hasGuids = names.includes('MailboxOwnerUPN') && names.includes('MailboxGuid');
    const guidSeen = new Set<string>();
    for (let i = 0; i < audit.numRows(); i++) {
      if (isRelevant(audit.get('Operation', i))) {
        auditRows.push(rowAt(audit, names, i) as AuditLogRow);
        continue;
      }
      if (!hasGuids) continue;
      const upn = text(audit, 'MailboxOwnerUPN', i).toLowerCase();
      if (!upn || guidSeen.has(upn) || !text(audit, 'MailboxGuid', i).trim()) continue;
      guidSeen.add(upn);
      auditRows.push(rowAt(audit, names, i) as AuditLogRow);
    }
  }
  const directory = tables.DirectoryAudits;
  if (directory && directory.numRows() > 0) {
    const names = directory.columnNames();
    for (let i = 0; i < directory.numRows(); i++) {
      if (isRelevant(directory.get('Operation', i))) directoryRows.push(rowAt(directory, names, i) as DirectoryAuditRow);
    }
  }
  return { auditRows, directoryRows };
}

/** Replay over loaded tables: the permission model as the audit records show it as of a time. */
export function replayTables(tables: ReplayTables, options: Omit<ReplayOptions, 'directoryAudits'> = {}): ReplayResult & { input: ReplayInput } {
  const input = replayInputFromTables(tables);
  return { ...replayWithLedger(input.auditRows, { ...options, directoryAudits: input.directoryRows }), input };
}
