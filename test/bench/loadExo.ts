/**
 * Bench child: exo-audit's load of the files named on the command line, through the same entry
 * the CLI uses (loadInputs: large JSON-lines files on worker threads). Prints one JSON line.
 */
import * as path from 'node:path';
import { loadInputs } from '../../src/cli/loadInputs';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  // This child runs from bench-data/build (or test/bench under tsx); the worker is built next to dist/cli.js.
  const workerScript = { file: path.resolve(__dirname, '..', '..', 'dist', 'loadWorker.js'), execArgv: [] };
  const start = performance.now();
  const ds = await loadInputs(files, { quiet: true, parallel: { workerScript } });
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ records: ds.ledger.loaded, read: ds.ledger.read, rejected: ds.ledger.rejected, ms })}\n`);
}
void main();
