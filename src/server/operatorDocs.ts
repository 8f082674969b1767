/**
 * One line per tabular operator for completion and hover, and the text completion inserts. The
 * operator list itself comes from the parser (operatorKeywords); an operator missing here still
 * completes, with its name only.
 */
import { joinKinds, renderKinds } from '../core/query';

export interface OperatorDoc {
  readonly syntax: string;
  readonly meaning: string;
  /** Snippet inserted by completion (default: the keyword and a space). */
  readonly snippet?: string;
}

const choice = (values: readonly string[]): string => values.map((v) => v.replace(/[,|$}\\]/g, (c) => `\\${c}`)).join(',');

export const operatorDocs: Readonly<Record<string, OperatorDoc>> = {
  where: { syntax: 'where Predicate', meaning: 'Keeps the rows for which the predicate is true.' },
  filter: { syntax: 'filter Predicate', meaning: 'Same as where: keeps the rows for which the predicate is true.' },
  project: { syntax: 'project Column, Name = Expression, ...', meaning: 'Keeps only the listed columns (computed ones too), in that order.' },
  'project-away': { syntax: 'project-away Column, Prefix*, ...', meaning: 'Removes the listed columns (wildcards allowed).' },
  'project-keep': { syntax: 'project-keep Column, Prefix*, ...', meaning: 'Keeps the listed columns (wildcards allowed) in their current order.' },
  'project-rename': { syntax: 'project-rename NewName = Column, ...', meaning: 'Renames columns.' },
  extend: { syntax: 'extend Name = Expression, ...', meaning: 'Adds computed columns (or replaces columns of the same name).' },
  summarize: {
    syntax: 'summarize [Name =] Aggregate(...), ... [by Column, bin(Time, 1h), ...]',
    meaning: 'Groups rows by the `by` columns and computes aggregates per group; the output has the group columns and the aggregates only.',
  },
  order: { syntax: 'order by Column [asc | desc], ...', meaning: 'Sorts the rows (desc by default, as in KQL).', snippet: 'order by ' },
  sort: { syntax: 'sort by Column [asc | desc], ...', meaning: 'Sorts the rows (desc by default, as in KQL).', snippet: 'sort by ' },
  top: { syntax: 'top N by Column [asc | desc]', meaning: 'The first N rows sorted by the column.', snippet: 'top ${1:10} by ' },
  take: { syntax: 'take N', meaning: 'Up to N rows (no particular order).', snippet: 'take ${1:100}' },
  limit: { syntax: 'limit N', meaning: 'Same as take: up to N rows.', snippet: 'limit ${1:100}' },
  distinct: { syntax: 'distinct Column, ... | distinct *', meaning: 'One row per distinct combination of the listed columns.' },
  count: { syntax: 'count', meaning: 'One row with the number of input rows (column Count).', snippet: 'count' },
  join: {
    syntax: 'join kind=inner|leftouter|leftanti|leftsemi (RightTable) on Column | $left.A == $right.B',
    meaning: 'Combines rows of two tables with equal key columns. KQL\'s default kind is innerunique (left keys de-duplicated).',
    snippet: `join kind=\${1|${choice(['inner', 'leftouter', 'leftanti', 'leftsemi', ...joinKinds.filter((k) => !['inner', 'leftouter', 'leftanti', 'leftsemi'].includes(k))])}|} (\${2}) on \${3}`,
  },
  union: { syntax: 'union [withsource=Name] Table, ...', meaning: 'The rows of this table and the listed tables; missing columns are empty.' },
  'mv-expand': { syntax: 'mv-expand Column [to typeof(Type)]', meaning: 'One row per element of a dynamic array (or per key of a bag), e.g. Folders or Parameters.' },
  render: {
    syntax: 'render Chart [with (title="...")]', meaning: 'A hint for notebooks: how to chart the result. Must be the last operator.',
    snippet: `render \${1|${choice(renderKinds)}|}`,
  },
};
