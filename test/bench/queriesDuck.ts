/** Bench child: DuckDB loads the same file into a table once, then runs each query's SQL 5 times; median ms. */
import { huntingQueries } from './huntingQueries';

interface DuckConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
}
interface DuckModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const duck = require('@duckdb/node-api') as DuckModule;
  const db = await (await duck.DuckDBInstance.create(':memory:')).connect();
  const file = process.argv[2]!.replace(/'/g, "''");
  await db.run(`CREATE TABLE t AS SELECT * FROM read_json('${file}', format = 'newline_delimited', maximum_object_size = 67108864, sample_size = -1)`);
  const results: Record<string, { ms: number; rows: number }> = {};
  for (const q of huntingQueries) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await db.runAndReadAll(q.sql);
      times.push(performance.now() - t);
      rows = r.getRows().length;
    }
    results[q.name] = { ms: median(times), rows };
  }
  process.stdout.write(`${JSON.stringify({ results })}\n`);
}
void main();
