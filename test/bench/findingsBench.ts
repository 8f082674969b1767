/** Bench child: loads the file once, runs every findings rule (EXQ-backed selection), prints total and per-rule ms. */
import { DatasetLoader } from '../../src/core/ingest';
import { localInputFile } from '../../src/connect/localFiles';
import { runFindings } from '../../src/core/findings';

async function main(): Promise<void> {
  const loader = new DatasetLoader();
  for (const f of process.argv.slice(2)) await loader.load(localInputFile(f, f, { hash: false }));
  const ds = loader.finish();
  const t = performance.now();
  const result = await runFindings(ds.tables);
  const totalMs = performance.now() - t;
  process.stdout.write(`${JSON.stringify({
    records: ds.ledger.loaded, totalMs, findings: result.findings.length, stories: result.stories.length,
    rules: result.timings.map((r) => ({ rule: r.ruleId, ms: r.ms, findings: r.findings, selectedBy: r.selectedBy })),
    errors: result.errors,
  })}\n`);
}
void main();
