import type { TableName } from '../../schema/types';
import type { SynthRecord } from '../generator';
import { auditLogsCsvWriter } from './directoryAudits';
import { azureMonitorWriter } from './azureMonitor';
import { graphAuditJsonLinesWriter } from './graphAudit';
import { officeActivityCsvWriter, officeActivityJsonLinesWriter } from './officeActivity';
import { purviewCsvWriter, purviewLegacyCsvWriter } from './purview';
import { graphCollectionWriter, graphJsonLinesWriter, signInLogsCsvWriter } from './signIns';
import type { RecordWriter, WriterContext } from './types';
import { ualJsonArrayWriter, ualJsonLinesWriter } from './ual';

export interface FormatInfo {
  readonly id: string;
  /** The tables whose records this format holds (records of other tables are skipped). */
  readonly tables: readonly TableName[];
  /** A file name for it (CLI default). */
  readonly fileName: string;
  readonly description: string;
}

/** Every output format the generator writes. */
export const SYNTH_FORMATS = [
  { id: 'ual-jsonl', tables: ['AuditLogs'], fileName: 'audit.jsonl', description: 'Unified Audit Log AuditData objects, one per line (Management Activity API / IR collectors).' },
  { id: 'ual-json', tables: ['AuditLogs'], fileName: 'audit.json', description: 'Unified Audit Log AuditData objects as one pretty-printed JSON array.' },
  { id: 'purview-csv', tables: ['AuditLogs'], fileName: 'audit-purview.csv', description: 'Purview audit search export (RecordId,CreationDate,...,AuditData,...), US-style dates.' },
  { id: 'purview-csv-legacy', tables: ['AuditLogs'], fileName: 'audit-legacy.csv', description: 'Older audit log export (CreationDate,UserIds,Operations,AuditData).' },
  { id: 'graph-audit-jsonl', tables: ['AuditLogs'], fileName: 'audit-graph.jsonl', description: 'Graph audit log query records (security/auditLog/queries/{id}/records), one per line.' },
  { id: 'officeactivity-csv', tables: ['AuditLogs'], fileName: 'OfficeActivity.csv', description: 'Sentinel OfficeActivity Log Analytics CSV export (BOM, "TimeGenerated [UTC]", multi-line JSON cells).' },
  { id: 'officeactivity-jsonl', tables: ['AuditLogs'], fileName: 'OfficeActivity.jsonl', description: 'Sentinel OfficeActivity rows as JSON lines.' },
  { id: 'graph-signins-json', tables: ['SignIns'], fileName: 'signins.json', description: 'Graph auditLogs/signIns response: {"value":[...]}.' },
  { id: 'graph-signins-jsonl', tables: ['SignIns'], fileName: 'signins.jsonl', description: 'Graph auditLogs/signIns items, one per line.' },
  { id: 'signinlogs-csv', tables: ['SignIns'], fileName: 'SigninLogs.csv', description: 'Sentinel SigninLogs Log Analytics CSV export.' },
  { id: 'graph-directoryaudits-json', tables: ['DirectoryAudits'], fileName: 'directoryAudits.json', description: 'Graph auditLogs/directoryAudits response: {"value":[...]}.' },
  { id: 'graph-directoryaudits-jsonl', tables: ['DirectoryAudits'], fileName: 'directoryAudits.jsonl', description: 'Graph auditLogs/directoryAudits items, one per line.' },
  { id: 'auditlogs-csv', tables: ['DirectoryAudits'], fileName: 'AuditLogs.csv', description: 'Sentinel AuditLogs Log Analytics CSV export.' },
  { id: 'azure-monitor-json', tables: ['SignIns', 'DirectoryAudits'], fileName: 'entra-diagnostics.json', description: 'Entra sign-ins and audits as Azure Monitor diagnostic settings write them: {"records":[...]}.' },
] as const satisfies readonly FormatInfo[];

export type SynthFormatId = (typeof SYNTH_FORMATS)[number]['id'];

/** Sets of formats that together hold every table, as a tenant's export would come (for `--format` with a set name). */
export const SYNTH_FORMAT_SETS = {
  ual: ['ual-jsonl', 'graph-signins-jsonl', 'graph-directoryaudits-jsonl'],
  purview: ['purview-csv', 'graph-signins-json', 'graph-directoryaudits-json'],
  graph: ['graph-audit-jsonl', 'graph-signins-jsonl', 'graph-directoryaudits-jsonl'],
  sentinel: ['officeactivity-csv', 'signinlogs-csv', 'auditlogs-csv'],
  'azure-monitor': ['ual-json', 'azure-monitor-json'],
  all: SYNTH_FORMATS.map((f) => f.id),
} as const satisfies Record<string, readonly SynthFormatId[]>;

export function isSynthFormat(id: string): id is SynthFormatId {
  return SYNTH_FORMATS.some((f) => f.id === id);
}

export function formatInfo(id: SynthFormatId): FormatInfo {
  return SYNTH_FORMATS.find((f) => f.id === id)!;
}

/** A fresh push-style writer for a format (one per output file). */
export function createFormatWriter(format: SynthFormatId, ctx: WriterContext): RecordWriter {
  switch (format) {
    case 'ual-jsonl': return ualJsonLinesWriter();
    case 'ual-json': return ualJsonArrayWriter();
    case 'purview-csv': return purviewCsvWriter();
    case 'purview-csv-legacy': return purviewLegacyCsvWriter();
    case 'graph-audit-jsonl': return graphAuditJsonLinesWriter();
    case 'officeactivity-csv': return officeActivityCsvWriter(ctx);
    case 'officeactivity-jsonl': return officeActivityJsonLinesWriter(ctx);
    case 'graph-signins-json': return graphCollectionWriter('SignIns', 'signIns');
    case 'graph-signins-jsonl': return graphJsonLinesWriter('SignIns');
    case 'signinlogs-csv': return signInLogsCsvWriter(ctx);
    case 'graph-directoryaudits-json': return graphCollectionWriter('DirectoryAudits', 'directoryAudits');
    case 'graph-directoryaudits-jsonl': return graphJsonLinesWriter('DirectoryAudits');
    case 'auditlogs-csv': return auditLogsCsvWriter(ctx);
    case 'azure-monitor-json': return azureMonitorWriter(ctx);
  }
}

/**
 * Streams a format as text chunks of about `chunkChars` characters: never
 * more than one chunk of output is held. The caller writes the chunks (as
 * UTF-8) to a file.
 */
export function* writeFormat(format: SynthFormatId, records: Iterable<SynthRecord>, ctx: WriterContext, chunkChars = 1 << 16): Generator<string> {
  const w = createFormatWriter(format, ctx);
  let buf = w.header();
  for (const r of records) {
    const s = w.write(r);
    if (s.length === 0) continue;
    buf += s;
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  buf += w.footer();
  if (buf.length > 0) yield buf;
}
