// Bundles each part separately with esbuild: the extension host code, the language
// server, the CLI (all Node CJS) and the webview / notebook-renderer front ends (browser ESM).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { writeScannerModule } from './wasm.mjs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

const nodeEntries = [
  { in: 'src/extension/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'src/server/main.ts', out: 'dist/server.js', external: [] },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', external: ['@duckdb/node-api'], banner: '#!/usr/bin/env node' },
  // The worker threads of the parallel JSON-lines load, found next to cli.js and extension.js at run time.
  { in: 'src/connect/loadWorker.ts', out: 'dist/loadWorker.js', external: [] },
];
const browserEntries = [
  { in: 'media/timeline/main.ts', out: 'dist/media/timeline.js' },
  { in: 'media/renderers/table.ts', out: 'dist/media/tableRenderer.js' },
  { in: 'media/renderers/chart.ts', out: 'dist/media/chartRenderer.js' },
];

// The WebAssembly line scanner goes into the bundles as a generated module: compile it first.
await writeScannerModule();

const jobs = [];
for (const e of nodeEntries) {
  if (!existsSync(e.in)) continue;
  jobs.push(build({
    ...common, entryPoints: [e.in], outfile: e.out, platform: 'node', target: 'node20', format: 'cjs',
    external: e.external, banner: e.banner ? { js: e.banner } : undefined,
  }));
}
for (const e of browserEntries) {
  if (!existsSync(e.in)) continue;
  jobs.push(build({ ...common, entryPoints: [e.in], outfile: e.out, platform: 'browser', target: 'es2022', format: 'esm' }));
}
await Promise.all(jobs);
