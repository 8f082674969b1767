/** The bench children's load: the CLI's entry (large JSON-lines files on worker threads), as a user's load runs. */
import * as path from 'node:path';
import { loadInputs } from '../../src/cli/loadInputs';
import type { Dataset } from '../../src/core/ingest';

export function benchLoad(files: readonly string[]): Promise<Dataset> {
  // The children run from bench-data/build (or test/bench under tsx); the worker is built next to dist/cli.js.
  const workerScript = { file: path.resolve(__dirname, '..', '..', 'dist', 'loadWorker.js'), execArgv: [] };
  return loadInputs([...files], { quiet: true, parallel: { workerScript } });
}
