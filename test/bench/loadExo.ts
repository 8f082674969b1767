/**
 * Bench child: exo-audit's load of the files named on the command line, through the same entry
 * the CLI uses (loadInputs: large JSON-lines files on worker threads). Prints one JSON line.
 */
import { benchLoad } from './benchLoad';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const start = performance.now();
  const ds = await benchLoad(files);
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ records: ds.ledger.loaded, read: ds.ledger.read, rejected: ds.ledger.rejected, ms })}\n`);
}
void main();
