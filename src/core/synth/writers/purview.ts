import { legacyExportDate, purviewDate } from '../time/format';
import { csvRow } from './csv';
import { str } from './names';
import type { RecordWriter } from './types';

export const PURVIEW_HEADER = ['RecordId', 'CreationDate', 'RecordType', 'Operation', 'UserId', 'AuditData', 'AssociatedAdminUnits', 'AssociatedAdminUnitsNames'] as const;
export const PURVIEW_LEGACY_HEADER = ['CreationDate', 'UserIds', 'Operations', 'AuditData'] as const;

/** Purview audit search export: US-style zone-less CreationDate, AuditData as a quoted JSON cell, LF line ends. */
export function purviewCsvWriter(): RecordWriter {
  return {
    header: () => csvRow(PURVIEW_HEADER),
    write: (r) => {
      if (r.table !== 'AuditLogs') return '';
      const a = r.record;
      return csvRow([r.id, purviewDate(r.time), str(a.RecordType), str(a.Operation), str(a.UserId), JSON.stringify(a), '', '']);
    },
    footer: () => '',
  };
}

/** The older audit log export (CreationDate,UserIds,Operations,AuditData) with ISO CreationDate. */
export function purviewLegacyCsvWriter(): RecordWriter {
  return {
    header: () => csvRow(PURVIEW_LEGACY_HEADER),
    write: (r) => {
      if (r.table !== 'AuditLogs') return '';
      const a = r.record;
      return csvRow([legacyExportDate(r.time), str(a.UserId), str(a.Operation), JSON.stringify(a)]);
    },
    footer: () => '',
  };
}
