/**
 * `Findings` and `Stories` as arquero tables, with their column descriptions so
 * the query language can bind and query them like the loaded tables
 * (times as epoch-ms numbers, strings '' when empty, lists as dynamic).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnType } from '../schema/types';
import { severityRank } from './severity';
import type { Finding, Story } from './types';

export interface DerivedColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: string;
}

export interface DerivedTable {
  readonly name: 'Findings' | 'Stories';
  readonly description: string;
  readonly columns: readonly DerivedColumn[];
}

const shared: readonly DerivedColumn[] = [
  { name: 'Id', type: 'string', description: 'Stable id (the same data gives the same id; suppressions name it).' },
  { name: 'Title', type: 'string', description: 'One line: what happened.' },
  { name: 'Severity', type: 'string', description: 'informational, low, medium, high or critical.' },
  { name: 'SeverityRank', type: 'long', description: '0 (informational) to 4 (critical), for sorting and filtering.' },
  { name: 'Score', type: 'long', description: 'The score behind the severity: the base plus every reason\'s points (0-100).' },
  { name: 'Reasons', type: 'dynamic', description: 'Why it scored as it did: [{points, text}].' },
  { name: 'Techniques', type: 'dynamic', description: 'MITRE ATT&CK technique ids.' },
  { name: 'Description', type: 'string', description: 'What the records show, in words.' },
  { name: 'StartTime', type: 'datetime', description: 'The first evidence record\'s time.' },
  { name: 'EndTime', type: 'datetime', description: 'The last evidence record\'s time.' },
  { name: 'Mailbox', type: 'string', description: 'The mailbox acted on or read.' },
  { name: 'Actor', type: 'string', description: 'Who did it (for a story: its main subject).' },
  { name: 'App', type: 'string', description: 'The app involved (id or name).' },
  { name: 'Grantee', type: 'string', description: 'Who or what received access (grants).' },
  { name: 'EvidenceTable', type: 'string', description: 'The table the evidence records are in (the first one, when several).' },
  { name: 'EvidenceIds', type: 'dynamic', description: 'Record Ids of the evidence, all tables, in time order per table.' },
  { name: 'EvidenceCount', type: 'long', description: 'How many evidence records.' },
  { name: 'Remediation', type: 'string', description: 'PowerShell that undoes it (identities single-quoted).' },
  { name: 'References', type: 'dynamic', description: 'Documentation links.' },
];

export const findingsTableDef: DerivedTable = {
  name: 'Findings',
  description: 'Detections of mailbox-access abuse, one row per finding (suppressed findings excluded).',
  columns: [
    ...shared.slice(0, 1),
    { name: 'RuleId', type: 'string', description: 'The rule that found it (delegation-granted, mail-access-burst, ...).' },
    ...shared.slice(1),
    { name: 'Stage', type: 'string', description: 'grant, access, collection, persistence or tampering.' },
    { name: 'StoryId', type: 'string', description: 'The story it belongs to (\'\' when none).' },
    { name: 'Details', type: 'dynamic', description: 'Rule-specific facts (counts, folders, rights, scopes).' },
  ],
};

export const storiesTableDef: DerivedTable = {
  name: 'Stories',
  description: 'Findings chained per actor / app / mailbox: grant -> access -> collection -> tampering.',
  columns: [
    ...shared,
    { name: 'Stages', type: 'dynamic', description: 'The stages the story spans, in order.' },
    { name: 'MemberIds', type: 'dynamic', description: 'Ids of the member findings, in time order.' },
    { name: 'MemberCount', type: 'long', description: 'How many findings the story chains.' },
  ],
};

export const derivedTables: readonly DerivedTable[] = [findingsTableDef, storiesTableDef];

function sharedValues(f: Finding): Record<string, unknown> {
  const ids = f.evidence.flatMap((e) => e.ids);
  return {
    Id: f.id,
    Title: f.title,
    Severity: f.severity,
    SeverityRank: severityRank(f.severity),
    Score: f.score,
    Reasons: f.reasons.map((r) => ({ points: r.points, text: r.text })),
    Techniques: f.techniques.map((t) => t.id),
    Description: f.description,
    StartTime: f.start ?? Number.NaN,
    EndTime: f.end ?? Number.NaN,
    Mailbox: f.mailbox,
    Actor: f.actor,
    App: f.app,
    Grantee: f.grantee,
    EvidenceTable: f.evidence[0]?.table ?? '',
    EvidenceIds: ids,
    EvidenceCount: ids.length,
    Remediation: f.remediation.map((r) => `# ${r.title}\n${r.powershell}`).join('\n\n'),
    References: [...f.references],
  };
}

function build(def: DerivedTable, rows: readonly Record<string, unknown>[]): ColumnTable {
  const data: Record<string, unknown[] | Float64Array> = {};
  for (const c of def.columns) {
    if (c.type === 'datetime') {
      const arr = new Float64Array(rows.length);
      rows.forEach((r, i) => { arr[i] = r[c.name] as number; });
      data[c.name] = arr;
    } else {
      data[c.name] = rows.map((r) => r[c.name] ?? (c.type === 'string' ? '' : null));
    }
  }
  return aq.table(data);
}

export function findingsTable(findings: readonly Finding[], storyOf: ReadonlyMap<string, string>): ColumnTable {
  return build(findingsTableDef, findings.map((f) => ({
    ...sharedValues(f),
    RuleId: f.ruleId,
    Stage: f.stage,
    StoryId: storyOf.get(f.id) ?? '',
    Details: { ...f.details },
  })));
}

export function storiesTable(stories: readonly Story[]): ColumnTable {
  return build(storiesTableDef, stories.map((s) => ({
    ...sharedValues(s),
    Stages: [...s.stages],
    MemberIds: [...s.memberIds],
    MemberCount: s.memberIds.length,
  })));
}
