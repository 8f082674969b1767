import type { RecordWriter } from './types';

/** Raw AuditData objects, one JSON object per line (Management Activity API content, IR collectors). */
export function ualJsonLinesWriter(): RecordWriter {
  return {
    header: () => '',
    write: (r) => (r.table === 'AuditLogs' ? `${JSON.stringify(r.record)}\n` : ''),
    footer: () => '',
  };
}

/** Raw AuditData objects as one pretty-printed JSON array (Search-UnifiedAuditLog | ConvertTo-Json style). */
export function ualJsonArrayWriter(): RecordWriter {
  let first = true;
  return {
    header: () => '[\n',
    write: (r) => {
      if (r.table !== 'AuditLogs') return '';
      const body = `  ${JSON.stringify(r.record, null, 2).replace(/\n/g, '\n  ')}`;
      const sep = first ? '' : ',\n';
      first = false;
      return sep + body;
    },
    footer: () => (first ? ']\n' : '\n]\n'),
  };
}
