/** Generated pipelines over the fixture tables: each runs, or gives diagnostics, or fails as a QueryError — nothing else. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { QueryError, runQuery } from '../../../src/core/query';
import { NOW, tables } from './support/fixtures';

const column = fc.constantFrom('UserId', 'Operation', 'Time', 'Folders', 'Parameters', 'OperationCount', 'IsThrottled', 'Parameters.AccessRights', 'Folders[0].Path', 'ClientIp', 'nope');
const literal = fc.constantFrom('"a"', '1', '2.5', '1h', 'datetime(2024-03-01)', 'dynamic([1, "a"])', 'true', '""', 'long(null)', '"(?i)a.*"', '"["', '0');
const fn = fc.constantFrom('strlen', 'tostring', 'toint', 'tolower', 'bin', 'iff', 'split', 'extract', 'parse_json', 'array_length', 'ipv4_is_private', 'format_datetime', 'coalesce', 'strcat', 'pack', 'trim', 'replace_regex', 'not', 'isempty', 'todatetime', 'startofday', 'bag_keys', 'substring');
const op = fc.constantFrom('==', '!=', '=~', '<', '>=', 'has', '!has', 'contains', 'startswith', 'matches regex', '+', '-', '*', '/', '%', 'and', 'or', 'in', 'between');
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' }, column, literal,
    fc.tuple(fn, fc.array(tie('e'), { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(', ')})`),
    fc.tuple(tie('e'), op, tie('e')).map(([a, o, b]) => (o === 'in' ? `${a} in (${b})` : o === 'between' ? `${a} between (${b} .. ${b})` : `${a} ${o} ${b}`)),
  ),
})).e;
const operator = fc.oneof(
  expr.map((e) => `where ${e}`), expr.map((e) => `extend y = ${e}`), expr.map((e) => `project y = ${e}, UserId`),
  fc.tuple(fc.constantFrom('count()', 'dcount(UserId)', 'make_set(Operation)', 'arg_max(Time, *)', 'sum(OperationCount)', 'percentile(OperationCount, 50)', 'take_any(*)', 'avg(Time)'), column).map(([a, c]) => `summarize ${a} by ${c}`),
  column.map((c) => `order by ${c} asc`),
  fc.constantFrom('take 3', 'count', 'distinct UserId', 'mv-expand Folders', 'mv-expand Parameters', 'top 2 by Time', 'project-away Folders',
    'join kind=leftouter (SignIns | project UserId = UserPrincipalName, City) on UserId', 'union SignIns', 'render timechart', 'project-rename U = UserId'),
);
const pipeline = fc.array(operator, { maxLength: 5 }).map((ops) => ['AuditLogs', ...ops].join(' | '));

describe('query run fuzzing', () => {
  it('any generated pipeline runs, reports diagnostics, or fails with a QueryError', async () => {
    await fc.assert(
      fc.asyncProperty(pipeline, async (q) => {
        try {
          const r = await runQuery(q, { tables: tables(), now: NOW });
          if (!r.ok) assert.ok(r.diagnostics.some((d) => d.severity === 'error' && d.range.end <= q.length));
        } catch (e) {
          assert.ok(e instanceof QueryError, `${q}: ${String(e)}`);
          assert.ok(e.range.start >= 0 && e.range.end <= q.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
