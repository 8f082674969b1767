/**
 * `npm run test:desktop`: the same extension-host mocha suite (test/e2e/host) in desktop VS Code through
 * @vscode/test-electron, for developers whose machines can download VS Code. (The project's own machines
 * cannot: there the suite runs in code-server, via scripts/e2e/run.sh.)
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension } from '../support/buildExtension';
import { bundleHostSuite, HOST_RESULTS_ENV, type MochaJsonReport } from '../support/hostSuite';
import { repoRoot } from '../support/paths';

async function main(): Promise<void> {
  await buildExtension();
  const suite = await bundleHostSuite();
  const scratch = mkdtempSync(path.join(tmpdir(), 'exo-audit-desktop-'));
  const results = path.join(scratch, 'results.json');
  const workspace = mkdtempSync(path.join(tmpdir(), 'exo-audit-desktop-ws-'));
  let code = 0;
  try {
    code = await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      extensionTestsEnv: { [HOST_RESULTS_ENV]: results },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (e) {
    process.stderr.write(`test:desktop: ${(e as Error).message}\n`);
    code = 1;
  }
  try {
    const report = JSON.parse(readFileSync(results, 'utf8')) as MochaJsonReport;
    for (const t of report.failures) process.stdout.write(`  failed: ${t.fullTitle}: ${t.err.message ?? ''}\n`);
    process.stdout.write(`tests: ${report.stats.passes} passed, ${report.stats.failures} failed, ${report.stats.pending} skipped\n`);
  } catch {
    process.stdout.write('tests: 0 passed, 1 failed, 0 skipped (no results: VS Code did not run the suite)\n');
  }
  process.exitCode = code;
}
void main();
