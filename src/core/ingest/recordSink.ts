/** What a reader hands the loader for every record it finds in a file. */

export interface RecordPosition {
  /** 1-based line where the record starts. */
  readonly line: number;
  /** Byte offset and length of the record in the decoded UTF-8 text. */
  readonly offset: number;
  readonly length: number;
}

export interface RecordSink {
  /** A record as JSON text (to be parsed and classified). */
  json(text: string, pos: RecordPosition): void;
  /** A record a reader has already structured (a CSV row), with the reader's format. */
  row(fields: Record<string, string>, format: CsvFormat, pos: RecordPosition): void;
  /** Something that was read but could not become a record. */
  reject(reason: string, pos: RecordPosition): void;
  /** Bytes that are not valid UTF-8 on a line (the record still loads, with U+FFFD). */
  warn(message: string, pos: RecordPosition): void;
}

export type CsvFormat = 'purview' | 'officeActivity' | 'signInLogs' | 'auditLogs';
