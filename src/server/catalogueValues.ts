/** Values the catalogue knows for a column before any data is loaded: operation names and enum names. */
import { findOperation, logonTypeNames, operations, recordTypeNames, userTypeNames, type ColumnDef } from '../core/schema';

export interface KnownValue {
  readonly value: string;
  readonly detail?: string;
  readonly documentation?: string;
}

/** The column holds operation names (AuditLogs.Operation, DirectoryAudits.Operation). */
export function holdsOperations(def: ColumnDef | undefined): boolean {
  return def?.convert === 'operation';
}

export function operationMeaning(def: ColumnDef | undefined, value: string): string | undefined {
  return holdsOperations(def) ? findOperation(value)?.meaning : undefined;
}

export function catalogueValues(def: ColumnDef | undefined): KnownValue[] {
  if (!def) return [];
  if (holdsOperations(def)) return operations.map((o) => ({ value: o.name, detail: o.category, documentation: o.meaning }));
  const names = def.convert === 'recordType' ? recordTypeNames : def.convert === 'logonType' ? logonTypeNames : def.convert === 'userType' ? userTypeNames : undefined;
  return names ? [...new Set(Object.values(names))].map((value) => ({ value })) : [];
}
