/**
 * A CSV row as a record: a Purview row is its AuditData object (the row's own columns fill
 * what AuditData lacks); a Sentinel row is read by its table's family. Shared by the loader and
 * the chunk encoder of the load workers, so both read a row the same way.
 */
import type { SourceFamily, TableName } from '../schema/types';
import type { RecordRows } from './recordRows';
import type { CsvFormat, RecordPosition } from './recordSink';

const csvFamilies: Record<Exclude<CsvFormat, 'purview'>, [TableName, SourceFamily]> = {
  officeActivity: ['AuditLogs', 'officeActivity'],
  signInLogs: ['SignIns', 'sentinelSignIn'],
  auditLogs: ['DirectoryAudits', 'sentinelAuditLogs'],
};

export function readCsvRow(
  rows: RecordRows, fields: Record<string, string>, format: CsvFormat, pos: RecordPosition, reject: (reason: string, pos: RecordPosition) => void,
): void {
  if (format === 'purview') {
    const auditData = fields.AuditData ?? '';
    if (auditData.trim() === '') {
      reject('empty AuditData', pos);
      return;
    }
    let inner: unknown;
    try {
      inner = JSON.parse(auditData);
    } catch (e) {
      reject(`AuditData is not valid JSON: ${(e as Error).message}`, pos);
      return;
    }
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
      reject('AuditData is not a JSON object', pos);
      return;
    }
    rows.record({ table: 'AuditLogs', parts: [[inner as Record<string, unknown>, 'ual'], [fields, 'purviewCsv']] }, pos);
    return;
  }
  const [table, family] = csvFamilies[format];
  rows.record({ table, parts: [[fields, family]] }, pos);
}
