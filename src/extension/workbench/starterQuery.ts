// The text of a new EXQ query document. No vscode import (testable anywhere).
import { findColumn } from '../../core/schema/catalog';
import type { TableName } from '../../core/schema/types';

function column(table: TableName, name: string): string {
  if (!findColumn(table, name)) throw new Error(`${table} has no column ${name} in the schema catalogue`);
  return name;
}

/** A starter query: who read which mailbox, most records first; with the loaded time range when there is one. */
export function starterQuery(range?: { from: number; to: number }): string {
  const lines = [
    '// exo-audit query (EXQ, a subset of KQL) over the loaded tables AuditLogs, SignIns and DirectoryAudits.',
    '// Blank lines separate queries. Hover a name for its meaning; Ctrl+Space completes columns and operators.',
  ];
  if (range) lines.push(`// Loaded data: ${new Date(range.from).toISOString()} to ${new Date(range.to).toISOString()} (UTC).`);
  lines.push(
    'AuditLogs',
    `| where ${column('AuditLogs', 'Operation')} == "MailItemsAccessed"`,
    `| summarize Records = count(), First = min(${column('AuditLogs', 'Time')}), Last = max(${column('AuditLogs', 'Time')}) by ${column('AuditLogs', 'UserId')}, ${column('AuditLogs', 'MailboxOwnerUPN')}, ${column('AuditLogs', 'LogonType')}`,
    '| order by Records desc',
    '| take 50',
    '',
  );
  return lines.join('\n');
}
