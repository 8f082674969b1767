import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { buildExtension } from './buildExtension';
import { withDeadline } from './deadline';
import { harnessOutDir, repoRoot } from './paths';
import { Session } from './session';
import { timed } from './timing';

/** Environment variable naming the file the in-host suite writes its mocha JSON report to. */
export const HOST_RESULTS_ENV = 'EXO_AUDIT_HOST_RESULTS';

const hostSourceDir = path.join(repoRoot, 'test', 'e2e', 'host');
const hostBundleDir = path.join(harnessOutDir, 'host');

export interface MochaJsonTest {
  readonly title: string;
  readonly fullTitle: string;
  readonly duration?: number;
  readonly err: { readonly message?: string; readonly stack?: string };
}

export interface MochaJsonReport {
  readonly stats: { readonly tests: number; readonly passes: number; readonly failures: number; readonly pending: number };
  readonly tests: readonly MochaJsonTest[];
  readonly passes: readonly MochaJsonTest[];
  readonly failures: readonly MochaJsonTest[];
  readonly pending: readonly MochaJsonTest[];
}

export interface HostSuiteResult {
  /** The code VS Code passed to window.codeAutomationExit: 0 when run() resolved. */
  readonly exitCode: number;
  readonly report: MochaJsonReport;
}

/** Bundles test/e2e/host (index.ts and every *.test.ts) to CommonJS the extension host can require. */
export function bundleHostSuite(): Promise<string> {
  return timed('bundle extension-host suite', async () => {
    rmSync(hostBundleDir, { recursive: true, force: true });
    const tests = readdirSync(hostSourceDir).filter((file) => file.endsWith('.test.ts'));
    await build({
      entryPoints: ['index.ts', ...tests].map((file) => path.join(hostSourceDir, file)),
      outdir: hostBundleDir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      external: ['vscode', 'mocha'],
      logLevel: 'warning',
    });
    return path.join(hostBundleDir, 'index.js');
  });
}

/**
 * The extension-host mode: the repository is the extension under development, the bundled suite is
 * extensionTestsPath, and VS Code reports the suite's end through window.codeAutomationExit.
 */
export async function runExtensionHostSuite(options: {
  readonly name: string;
  readonly workspace: string;
  readonly timeoutMs?: number;
}): Promise<HostSuiteResult> {
  await buildExtension();
  const suite = await bundleHostSuite();
  return timed(`extension-host suite "${options.name}"`, async () => {
    const session = await Session.start({ name: options.name, workspace: options.workspace, smokeTestDriver: true });
    try {
      const resultsFile = path.join(session.dirs.root, 'host-results.json');
      let exited: (code: number) => void = () => undefined;
      const exitCode = new Promise<number>((resolve) => (exited = resolve));
      await session.page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
      const payload = [
        ['extensionDevelopmentPath', session.remoteUri(repoRoot)],
        ['extensionTestsPath', session.remoteUri(suite)],
        ['extensionEnvironment', JSON.stringify({ [HOST_RESULTS_ENV]: resultsFile })],
      ];
      await session.page.goto(session.workbenchUrl(options.workspace, { payload: JSON.stringify(payload) }));
      const code = await withDeadline(exitCode, options.timeoutMs ?? 120_000, 'the extension-host suite to exit');
      if (!existsSync(resultsFile)) {
        throw new Error(`the extension-host suite exited with ${code} and wrote no report (see test-artifacts/e2e/logs/${options.name}.*)`);
      }
      return { exitCode: code, report: JSON.parse(readFileSync(resultsFile, 'utf8')) as MochaJsonReport };
    } finally {
      await session.dispose();
    }
  });
}
