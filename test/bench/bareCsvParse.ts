/** Bench child: the CSV floor. csv-parse over the file plus JSON.parse of each AuditData cell, keeping nothing. */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

async function main(): Promise<void> {
  const start = performance.now();
  let records = 0;
  for (const f of process.argv.slice(2)) {
    let auditAt = -1;
    const parser = createReadStream(f, { highWaterMark: 1 << 20 }).pipe(parse({ relax_column_count: true, bom: true }));
    for await (const row of parser as AsyncIterable<string[]>) {
      if (auditAt < 0) {
        auditAt = row.indexOf('AuditData');
        continue;
      }
      JSON.parse(row[auditAt]!);
      records++;
    }
  }
  process.stdout.write(`${JSON.stringify({ records, ms: performance.now() - start })}\n`);
}
void main();
