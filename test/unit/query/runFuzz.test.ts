/** Generated pipelines over the fixture tables: each runs, or gives diagnostics, or fails as a QueryError — nothing else. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { QueryError, runQuery } from '../../../src/core/query';
import { NOW, tables } from './support/fixtures';
import { pipeline } from './support/pipelines';

describe('query run fuzzing', () => {
  it('any generated pipeline runs, reports diagnostics, or fails with a QueryError', async () => {
    await fc.assert(
      fc.asyncProperty(pipeline(5), async (q) => {
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
