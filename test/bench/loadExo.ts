/** Bench child: exo-audit's load of the files named on the command line. Prints one JSON line. */
import { DatasetLoader } from '../../src/core/ingest';
import { localInputFile } from '../../src/connect/localFiles';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const start = performance.now();
  const loader = new DatasetLoader();
  for (const f of files) await loader.load(localInputFile(f, f));
  const ds = loader.finish();
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ records: ds.ledger.loaded, read: ds.ledger.read, rejected: ds.ledger.rejected, ms })}\n`);
}
void main();
