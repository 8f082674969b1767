/**
 * Bench child: DuckDB materialising the same file into a table (read_json / read_csv), all threads.
 * read_json samples the whole file (sample_size = -1): real audit data mixes shapes in one field (Parameters is an
 * array for Exchange cmdlets and a string for Security & Compliance ones) and a partial sample fails on it.
 * read_csv keeps AuditData as text (it does not parse the JSON inside), so it does less work than the others.
 * @duckdb/node-api is installed by the bench itself into bench-data/tools (the registry here serves only
 * its linux-x64 binding, so it cannot sit in package.json for every platform's `npm ci`).
 */
interface DuckConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
}
interface DuckModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection> }> };
}

async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2) as ['json' | 'csv', string];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const duck = require('@duckdb/node-api') as DuckModule;
  const instance = await duck.DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const start = performance.now();
  const quoted = file.replace(/'/g, "''");
  const source = kind === 'json'
    ? `read_json('${quoted}', format = 'newline_delimited', maximum_object_size = 67108864, sample_size = -1)`
    : `read_csv('${quoted}', header = true, max_line_size = 67108864)`;
  await db.run(`CREATE TABLE t AS SELECT * FROM ${source}`);
  const reader = await db.runAndReadAll('SELECT count(*) FROM t');
  const records = Number(reader.getRows()[0]![0]);
  process.stdout.write(`${JSON.stringify({ records, ms: performance.now() - start })}\n`);
}
void main();
