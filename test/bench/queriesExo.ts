/** Bench child: loads the file once, then runs each hunting query 5 times; prints median ms per query as JSON. */
import { runQuery } from '../../src/core/query';
import { benchLoad } from './benchLoad';
import { huntingQueries } from './huntingQueries';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const ds = await benchLoad([process.argv[2]!]);
  const results: Record<string, { ms: number; rows: number }> = {};
  for (const q of huntingQueries) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await runQuery(q.exq, { tables: ds.tables });
      times.push(performance.now() - t);
      if (!r.ok) throw new Error(`${q.name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      rows = r.table.numRows();
    }
    results[q.name] = { ms: median(times), rows };
  }
  process.stdout.write(`${JSON.stringify({ results })}\n`);
}
void main();
