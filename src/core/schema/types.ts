/** Types of the column catalogue: one description of every column of every table. */

/** The value types of the query language (KQL's scalar types). */
export type ColumnType = 'string' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic';

/** The tables exo-audit loads. */
export type TableName = 'AuditLogs' | 'SignIns' | 'DirectoryAudits';

/**
 * The shapes a record can arrive in. A column says, for each family, where its
 * value comes from there (keys matched case-insensitively, dotted paths for
 * nested values, the first present wins).
 */
export type SourceFamily =
  /** Unified Audit Log AuditData object (Management Activity API, Search-UnifiedAuditLog, Purview CSV AuditData cell, Graph auditData). */
  | 'ual'
  /** Top level of a Graph audit log query record (security/auditLog/queries/{id}/records). */
  | 'graphAuditRecord'
  /** The columns of a Purview audit search export CSV (used where AuditData lacks the value). */
  | 'purviewCsv'
  /** Microsoft Sentinel / Log Analytics OfficeActivity rows. */
  | 'officeActivity'
  /** Graph auditLogs/signIns items (also the properties of Azure Monitor sign-in records). */
  | 'graphSignIn'
  /** Sentinel SigninLogs rows (and the sibling AAD*SignInLogs tables). */
  | 'sentinelSignIn'
  /** Graph auditLogs/directoryAudits items (also the properties of Azure Monitor AuditLogs records). */
  | 'graphDirectoryAudit'
  /** Sentinel AuditLogs rows. */
  | 'sentinelAuditLogs';

/**
 * How a raw value becomes the column's value. 'plain' converts by the column
 * type; the others are the field-specific parsers in ingest/convert.
 */
export type Converter =
  | 'plain'
  | 'time'
  | 'ip'
  | 'resultStatus'
  | 'recordType'
  | 'logonType'
  | 'userType'
  | 'operation'
  | 'nameValueBag'
  | 'operationProperties'
  | 'json';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  /** One line: what the value means to an investigator. */
  readonly description: string;
  readonly convert?: Converter;
  /** Where the value comes from, per source family (ordered by preference). */
  readonly from: Partial<Record<SourceFamily, readonly string[]>>;
  /** How the value is derived when it is computed from other columns rather than read. */
  readonly derived?: string;
  /** The column that holds this value in Microsoft Sentinel's table (for KQL export). */
  readonly sentinel?: string;
  /** Low-cardinality column: the loader interns its strings and the language server offers its values. */
  readonly categorical?: boolean;
}

export interface TableDef {
  readonly name: TableName;
  readonly description: string;
  /** The Sentinel / Log Analytics table the same data lives in. */
  readonly sentinelTable: string;
  readonly columns: readonly ColumnDef[];
}
