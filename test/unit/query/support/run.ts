/** Running queries in tests over the fixture tables at the fixed clock. */
import * as assert from 'node:assert/strict';
import type { ColumnTable } from 'arquero';
import { runQuery, type QueryResult } from '../../../../src/core/query';
import { accepted } from '../acceptedQueries';
import { NOW, tables } from './fixtures';

export async function run(query: string, data: Record<string, ColumnTable> = tables()): Promise<QueryResult> {
  const r = await runQuery(query, { tables: data, now: NOW });
  assert.ok(r.ok, `query failed: ${query}\n${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return r;
}

/** Rows as plain objects (typed-array numbers as numbers). */
export async function rows(query: string, data?: Record<string, ColumnTable>): Promise<Array<Record<string, unknown>>> {
  return (await run(query, data)).table.objects() as Array<Record<string, unknown>>;
}

/** One column's values. */
export async function column(query: string, name: string, data?: Record<string, ColumnTable>): Promise<unknown[]> {
  const r = await run(query, data);
  return Array.from(r.table.array(name) as ArrayLike<unknown>);
}

/** Defines a test for an accepted query: registered for the KQL compatibility check now, run later. */
export function queryIt(title: string, query: string, check: (r: QueryResult) => void | Promise<void>): void {
  accepted(query);
  it(title, async () => {
    await check(await run(query));
  });
}

/** Defines a test comparing one column of an accepted query with the expected values. */
export function columnIt(title: string, query: string, name: string, expected: unknown[]): void {
  queryIt(title, query, (r) => {
    assert.deepEqual(Array.from(r.table.array(name) as ArrayLike<unknown>), expected);
  });
}

/** Defines a test comparing the rows of an accepted query with the expected rows. */
export function rowsIt(title: string, query: string, expected: Array<Record<string, unknown>>): void {
  queryIt(title, query, (r) => {
    assert.deepEqual(r.table.objects(), expected);
  });
}
