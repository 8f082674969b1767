// Starts the packaged extension in code-server on a workspace folder and prints the URL to open:
// the end of the README's main job. With --check it also opens the workbench in headless chromium,
// waits for activation, saves a screenshot and stops (for CI).
//   node --require tsx/cjs test/e2e/support/serveWorkbench.ts WORKSPACE [--port N] [--check]
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageExtension } from './buildExtension';
import { CodeServer, createCodeServerDirs, installExtension } from './codeServer';
import { artifactsDir, loadTools } from './paths';
import { startUiSession } from './uiSession';

interface ServeArgs {
  readonly workspace: string;
  readonly port: number;
  readonly check: boolean;
}

function parseArgs(argv: readonly string[]): ServeArgs {
  let workspace: string | undefined;
  let port = 0;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--check') check = true;
    else if (arg === '--port') port = Number(argv[++i]);
    else if (!arg.startsWith('--') && workspace === undefined) workspace = path.resolve(arg);
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!workspace) throw new Error('usage: serveWorkbench.ts WORKSPACE [--port N] [--check]');
  if (!statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${workspace} is not a folder`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${port}`);
  return { workspace, port, check };
}

async function check(workspace: string): Promise<void> {
  const session = await startUiSession({ name: 'serve-check', workspace });
  try {
    const screenshot = await session.workbench.screenshot('serve-check');
    process.stdout.write(`exo-audit activated in code-server ${session.tools.codeServerVersion}; screenshot ${path.relative(process.cwd(), screenshot)}\n`);
  } finally {
    await session.dispose();
  }
}

async function serve(workspace: string, port: number): Promise<void> {
  const tools = loadTools();
  const vsix = await packageExtension();
  const dirs = createCodeServerDirs(mkdtempSync(path.join(os.tmpdir(), 'exo-audit-serve-')));
  const logs = path.join(artifactsDir, 'logs');
  mkdirSync(logs, { recursive: true });
  await installExtension(tools, dirs, vsix);
  const server = await CodeServer.start(tools, dirs, { workspace, port, logFile: path.join(logs, 'serve.code-server.log') });
  const url = `${server.origin}/?${new URLSearchParams({ folder: workspace }).toString()}`;
  process.stdout.write(`\nexo-audit is running in VS Code ${tools.codeServerVersion} (code-server). Open:\n  ${url}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  rmSync(dirs.root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.check) await check(args.workspace);
  else await serve(args.workspace, args.port);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
