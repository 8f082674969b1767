// Messages between the extension and the EXQ language server (src/server). Declared once, imported by both.
// Imports nothing: the types are plain data.

/** The value types of the query language ('unknown' for a column whose type could not be told). */
export type ExqColumnType = 'string' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'unknown';

export interface ExqValueCount {
  readonly value: string;
  readonly count: number;
}

export interface ExqColumnStatistics {
  readonly name: string;
  readonly type: ExqColumnType;
  /** Categorical columns: the most frequent non-empty values, most frequent first. */
  readonly topValues?: readonly ExqValueCount[];
  /** Categorical columns: how many distinct non-empty values the column holds. */
  readonly distinct?: number;
  /** datetime, long and real columns: the smallest and largest value (epoch ms for datetime). */
  readonly min?: number;
  readonly max?: number;
}

export interface ExqTableStatistics {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly ExqColumnStatistics[];
}

/**
 * Extension -> server: the loaded tables' columns and value statistics. Sent after every load (and
 * with an empty list when nothing is loaded); each notification replaces the previous one.
 */
export namespace ExqDataStatisticsNotification {
  export const method = 'exq/dataStatistics';
  export interface Params {
    readonly tables: readonly ExqTableStatistics[];
  }
}

/** initializationOptions the server understands (all optional). */
export interface ExqInitializationOptions {
  /** Quiet time after the last change before diagnostics are published (server default 150 ms). */
  readonly diagnosticsDelayMs?: number;
}

/** The language client's id: also the prefix of its settings (`exoAudit.languageServer.trace.server`). */
export const EXQ_LANGUAGE_ID = 'exq';
export const EXQ_CLIENT_ID = 'exoAudit.languageServer';
