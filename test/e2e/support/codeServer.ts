import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withDeadline } from './deadline';
import type { E2eTools } from './paths';
import { runToCompletion } from './run';

/** Private folders for one code-server, so nothing is read from or written to the home directory. */
export interface CodeServerDirs {
  readonly root: string;
  readonly config: string;
  readonly userData: string;
  readonly extensions: string;
  readonly xdgConfig: string;
  readonly xdgData: string;
  readonly xdgCache: string;
}

export function createCodeServerDirs(root: string): CodeServerDirs {
  const dirs: CodeServerDirs = {
    root,
    config: path.join(root, 'config.yaml'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(dirs.config, 'auth: none\n');
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(quietUserSettings, null, 2));
  return dirs;
}

/** Settings that keep the workbench free of pop-ups and network calls that tests do not ask for. */
const quietUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

function codeServerEnv(tools: E2eTools, dirs: CodeServerDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The test runner's loader hooks and any outer VS Code's variables must not reach code-server.
    if (key === 'NODE_OPTIONS' || key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${tools.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    ...extra,
  };
}

function baseArgs(tools: E2eTools, dirs: CodeServerDirs): string[] {
  return [tools.codeServer, '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

export async function installExtension(tools: E2eTools, dirs: CodeServerDirs, vsix: string): Promise<void> {
  await runToCompletion(tools.node, [...baseArgs(tools, dirs), '--force', '--install-extension', vsix], {
    env: codeServerEnv(tools, dirs, {}),
  });
}

export interface CodeServerOptions {
  readonly workspace: string;
  /** Extra environment for code-server and so for the extension host. */
  readonly env?: Record<string, string>;
  /** Needed for the extension-host test mode (payload with extensionTestsPath). */
  readonly smokeTestDriver?: boolean;
  /** Keep workspace trust on (to test restricted mode); off by default. */
  readonly workspaceTrust?: boolean;
  /** Where code-server's output is written. */
  readonly logFile: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
}

/** A running code-server; `stop()` ends its whole process group (extension host, pty host, file watcher). */
export class CodeServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    readonly port: number,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The remote authority VS Code uses for files on this server (for vscode-remote:// URIs). */
  get authority(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(tools: E2eTools, dirs: CodeServerDirs, options: CodeServerOptions): Promise<CodeServer> {
    const args = [
      ...baseArgs(tools, dirs),
      '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      options.workspace,
    ];
    const child = spawn(tools.node, args, {
      env: codeServerEnv(tools, dirs, options.env ?? {}),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killGroupOnExit(child);
    const log = createWriteStream(options.logFile);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const listening = new Promise<number>((resolve, reject) => {
      let seen = '';
      const onData = (chunk: Buffer): void => {
        log.write(chunk);
        seen = (seen + chunk.toString()).slice(-4096);
        const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
        if (match) resolve(Number(match[1]));
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening; see ${options.logFile}`)));
    });
    exited.finally(() => log.end()).catch(() => undefined);
    try {
      const port = await withDeadline(listening, 30_000, 'code-server to listen');
      return new CodeServer(child, exited, port);
    } catch (error) {
      killGroup(child, 'SIGKILL');
      throw error;
    }
  }

  async stop(): Promise<void> {
    killGroup(this.child, 'SIGTERM');
    try {
      await withDeadline(this.exited, 10_000, 'code-server to exit');
    } finally {
      // Helpers that ignore SIGTERM, or outlive the main process, go too.
      killGroup(this.child, 'SIGKILL');
    }
  }
}

/** Process groups still running; killed if the test runner exits without stopping them. */
const liveGroups = new Set<number>();
process.on('exit', () => liveGroups.forEach((pid) => signalGroup(pid, 'SIGKILL')));

function killGroupOnExit(child: ChildProcess): void {
  if (child.pid !== undefined) liveGroups.add(child.pid);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  signalGroup(child.pid, signal);
  if (signal === 'SIGKILL') liveGroups.delete(child.pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
