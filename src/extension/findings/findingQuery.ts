// The EXQ document "Query this actor ±24 h" opens. Finding values are audit data (attacker-controlled):
// they enter the query only as escaped string literals, and comments only as one line with breaks removed.
import type { Finding } from '../../core/findings';
import { findColumn } from '../../core/schema/catalog';
import type { TableName } from '../../core/schema/types';

const HOUR = 3600 * 1000;

/**
 * An EXQ string literal. JSON's escapes are a subset of EXQ's; the line and paragraph separators
 * (which JSON keeps as they are, and editors treat as line breaks) are escaped as well.
 */
export function exqString(value: string): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for a `//` comment: one line, no control characters. */
export function commentText(value: string): string {
  return value.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function column(table: TableName, name: string): string {
  if (!findColumn(table, name)) throw new Error(`${table} has no column ${name} in the schema catalogue`);
  return name;
}

/** The columns of each table that name who acted (a user, or an app acting by itself). */
const actorColumns: ReadonlyArray<readonly [TableName, readonly string[]]> = [
  ['AuditLogs', ['UserId', 'AppId', 'ClientAppId']],
  ['SignIns', ['UserPrincipalName', 'UserId', 'AppId']],
  ['DirectoryAudits', ['InitiatedByUser', 'InitiatedByAppId', 'InitiatedByApp']],
];

/** Whom "this actor" means: who did it, else the app involved, else who received access. */
export function actorOf(finding: Pick<Finding, 'actor' | 'app' | 'grantee'>): string {
  return finding.actor || finding.app || finding.grantee;
}

function datetime(ms: number): string {
  return `datetime(${new Date(ms).toISOString()})`;
}

/** The time window: from `hours` before the finding's first evidence to `hours` after its last; null without times. */
export function windowAround(finding: Pick<Finding, 'start' | 'end'>, hours = 24): { from: number; to: number } | null {
  if (finding.start === null) return null;
  return { from: finding.start - hours * HOUR, to: (finding.end ?? finding.start) + hours * HOUR };
}

/**
 * Three blank-line-separated queries (one per table) for everything the finding's actor did from
 * `hours` before the finding to `hours` after it, oldest first.
 */
export function actorQuery(finding: Pick<Finding, 'id' | 'title' | 'actor' | 'app' | 'grantee' | 'start' | 'end'>, hours = 24): string {
  const actor = actorOf(finding);
  if (!actor) throw new Error(`finding ${finding.id} names no actor, app or grantee`);
  const literal = exqString(actor);
  const window = windowAround(finding, hours);
  const header = [
    `// exo-audit finding ${commentText(finding.id)}: ${commentText(finding.title)}`,
    window
      ? `// What ${commentText(actor)} did from ${hours} h before the finding to ${hours} h after it (UTC).`
      : `// What ${commentText(actor)} did (the finding's records carry no time).`,
  ];
  const blocks = actorColumns.map(([table, columns]) => {
    const lines: string[] = [table];
    if (window) lines.push(`| where ${column(table, 'Time')} between (${datetime(window.from)} .. ${datetime(window.to)})`);
    lines.push(`| where ${columns.map((c) => `${column(table, c)} =~ ${literal}`).join(' or ')}`);
    lines.push(`| order by ${column(table, 'Time')} asc`);
    return lines.join('\n');
  });
  return `${header.join('\n')}\n${blocks.join('\n\n')}\n`;
}
