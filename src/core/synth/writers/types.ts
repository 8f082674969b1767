import type { SynthRecord } from '../generator';

/** Tenant facts some formats need but records do not all carry (Sentinel workspace, Azure Monitor resourceId). */
export interface WriterContext {
  readonly tenantId: string;
}

/**
 * Turns records into text, one record at a time: the header, a chunk per
 * record ('' for records of tables the format does not hold) and the footer.
 * Stateless between calls except for what a document format needs (the
 * separator between array items).
 */
export interface RecordWriter {
  header(): string;
  write(r: SynthRecord): string;
  footer(): string;
}
