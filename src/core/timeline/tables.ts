import type { ColumnTable } from 'arquero';
import type { TableName } from '../schema/types';

export type TimelineTables = Partial<Readonly<Record<TableName, ColumnTable>>>;

/** Tables in the order marker ids are assigned within one millisecond (and the index markers keep). */
export const TABLES: readonly TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];
