/**
 * Hunting queries for the query benchmark: each EXQ query and the DuckDB SQL that computes the
 * same answer over the raw UAL JSON lines (DuckDB sees the source keys: CreationTime, LogonType as
 * a number, ClientIP / ClientIPAddress, OperationProperties and Folders as lists of structs).
 */
export interface HuntingQuery {
  readonly name: string;
  readonly exq: string;
  readonly sql: string;
}

const mat = "list_filter(OperationProperties, p -> p.Name = 'MailAccessType')[1].Value";
const throttled = "list_filter(OperationProperties, p -> p.Name = 'IsThrottled')[1].Value";
const items = 'list_sum(list_transform(Folders, f -> len(f.FolderItems)))';

export const huntingQueries: readonly HuntingQuery[] = [
  {
    name: 'operations by count',
    exq: 'AuditLogs | summarize n = count() by Operation | order by n desc',
    sql: 'SELECT Operation, count(*) AS n FROM t GROUP BY Operation ORDER BY n DESC',
  },
  {
    name: 'mailbox-days over 500 reads',
    exq: 'AuditLogs | where Operation == "MailItemsAccessed" | summarize n = count() by MailboxOwnerUPN, Day = bin(Time, 1d) | where n > 500',
    sql: "SELECT MailboxOwnerUPN, date_trunc('day', CAST(CreationTime AS TIMESTAMP)) AS Day, count(*) AS n FROM t WHERE Operation = 'MailItemsAccessed' GROUP BY ALL HAVING count(*) > 500",
  },
  {
    name: 'non-owner access by mailbox',
    exq: 'AuditLogs | where Operation == "MailItemsAccessed" and LogonType != "Owner" | summarize n = count(), actors = dcount(UserId) by MailboxOwnerUPN | order by n desc | take 20',
    sql: "SELECT MailboxOwnerUPN, count(*) AS n, count(DISTINCT UserId) AS actors FROM t WHERE Operation = 'MailItemsAccessed' AND LogonType <> 0 GROUP BY MailboxOwnerUPN ORDER BY n DESC LIMIT 20",
  },
  {
    name: 'delegation grants',
    exq: 'AuditLogs | where Operation in ("Add-MailboxPermission", "Add-RecipientPermission") | project Time, UserId, ObjectId, Operation | order by Time asc',
    sql: "SELECT CreationTime, UserId, ObjectId, Operation FROM t WHERE Operation IN ('Add-MailboxPermission', 'Add-RecipientPermission') ORDER BY CreationTime",
  },
  {
    name: 'OWA clients (has term)',
    exq: 'AuditLogs | where ClientInfoString has "OWA" | count',
    sql: "SELECT count(*) FROM t WHERE regexp_matches(ClientInfoString, '(^|[^[:alnum:]])owa([^[:alnum:]]|$)', 'i')",
  },
  {
    name: 'top user x address pairs',
    exq: 'AuditLogs | summarize n = count() by UserId, ClientIp | top 20 by n',
    sql: "SELECT UserId, split_part(coalesce(ClientIP, ClientIPAddress), ':', 1) AS ip, count(*) AS n FROM t GROUP BY ALL ORDER BY n DESC LIMIT 20",
  },
  {
    name: 'bulk Sync by actor and mailbox',
    exq: 'AuditLogs | where Operation == "MailItemsAccessed" and MailAccessType == "Sync" | summarize n = count() by UserId, MailboxOwnerUPN | order by n desc | take 10',
    sql: `SELECT UserId, MailboxOwnerUPN, count(*) AS n FROM t WHERE Operation = 'MailItemsAccessed' AND ${mat} = 'Sync' GROUP BY ALL ORDER BY n DESC LIMIT 10`,
  },
  {
    name: 'throttled mailboxes',
    exq: 'AuditLogs | where IsThrottled == true | summarize firstSeen = min(Time) by MailboxOwnerUPN',
    sql: `SELECT MailboxOwnerUPN, min(CreationTime) FROM t WHERE lower(${throttled}) = 'true' GROUP BY MailboxOwnerUPN`,
  },
  {
    name: 'hourly MailItemsAccessed',
    exq: 'AuditLogs | where Operation == "MailItemsAccessed" | summarize n = count() by Hour = bin(Time, 1h) | order by Hour asc',
    sql: "SELECT date_trunc('hour', CAST(CreationTime AS TIMESTAMP)) AS Hour, count(*) AS n FROM t WHERE Operation = 'MailItemsAccessed' GROUP BY Hour ORDER BY Hour",
  },
  {
    name: 'apps per mailbox',
    exq: 'AuditLogs | where isnotempty(AppId) | summarize apps = dcount(AppId) by MailboxOwnerUPN | where apps > 1',
    sql: "SELECT MailboxOwnerUPN, count(DISTINCT AppId) AS apps FROM t WHERE AppId IS NOT NULL AND AppId <> '' GROUP BY MailboxOwnerUPN HAVING count(DISTINCT AppId) > 1",
  },
  {
    name: 'items read per user',
    exq: 'AuditLogs | where Operation == "MailItemsAccessed" | summarize items = sum(ItemCount) by UserId | top 10 by items',
    sql: `SELECT UserId, sum(${items}) AS items FROM t WHERE Operation = 'MailItemsAccessed' GROUP BY UserId ORDER BY items DESC LIMIT 10`,
  },
];
