/**
 * The EXQ query an investigator opens from a marker: the same actor's records in the marker's
 * table within an hour either side. Record values enter the query only as string literals.
 */
import type { TableName } from '../schema/types';
import { values } from '../findings/columns';
import { columns, laneColumnsOf } from './laneColumns';
import type { TimelineIndex } from './timelineIndex';

const HOUR = 3_600_000;

/** An EXQ string literal: JSON's escaping is a subset of EXQ's. */
export function exqString(value: string): string {
  return JSON.stringify(value);
}

function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/** The actor column of a table that names this row's actor, and the actor ('' when none). */
export function actorOf(index: TimelineIndex, table: TableName, row: number): { column: string; actor: string } {
  const t = index.table(table);
  const cols = laneColumnsOf(table, 'actor');
  for (const column of cols) {
    const v = t ? values(t, column)[row] : undefined;
    if (typeof v === 'string' && v !== '') return { column, actor: v };
  }
  return { column: cols[0]!, actor: '' };
}

export function aroundQuery(index: TimelineIndex, markerId: number, label: string): string {
  const { table, row } = index.markerRecord(markerId);
  const time = index.markers.time[markerId]!;
  const { column, actor } = actorOf(index, table, row);
  const iso = (t: number) => new Date(t).toISOString();
  const lines = [
    `// ${actor ? `Activity of ${commentText(actor)}` : 'Activity'} within an hour of ${iso(time)}`,
    `// around: ${commentText(label)}`,
    table,
    `| where ${columns.time} between (datetime(${iso(time - HOUR)}) .. datetime(${iso(time + HOUR)}))`,
    ...(actor ? [`| where ${column} =~ ${exqString(actor)}`] : []),
    `| order by ${columns.time} asc`,
  ];
  return `${lines.join('\n')}\n`;
}
