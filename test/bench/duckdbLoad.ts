/** Bench child: DuckDB materialising the same file into a table (read_json / read_csv), all threads. */
import { DuckDBInstance } from '@duckdb/node-api';

async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2) as ['json' | 'csv', string];
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const start = performance.now();
  const source = kind === 'json'
    ? `read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', maximum_object_size = 67108864, sample_size = 20000)`
    : `read_csv('${file.replace(/'/g, "''")}', header = true, max_line_size = 67108864)`;
  await db.run(`CREATE TABLE t AS SELECT * FROM ${source}`);
  const reader = await db.runAndReadAll('SELECT count(*) FROM t');
  const records = Number(reader.getRows()[0]![0]);
  process.stdout.write(`${JSON.stringify({ records, ms: performance.now() - start })}\n`);
}
void main();
