/** Bench child: loads the file once, runs every findings rule (EXQ-backed selection), prints total and per-rule ms. */
import { runFindings } from '../../src/core/findings';
import { benchLoad } from './benchLoad';

async function main(): Promise<void> {
  const ds = await benchLoad(process.argv.slice(2));
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
