import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TEST_EVENTS_ENV } from '../../../src/protocol/testEvents';
import { launchChromium } from './browser';
import { CodeServer, createCodeServerDirs, type CodeServerDirs } from './codeServer';
import { EventsFile } from './eventsFile';
import { artifactsDir, loadTools, type E2eTools } from './paths';
import { Workbench } from './workbench';

export interface SessionOptions {
  /** Used in artifact and log file names. */
  readonly name: string;
  /** The folder opened in VS Code. */
  readonly workspace: string;
  /** Extra environment for code-server and the extension host. */
  readonly env?: Record<string, string>;
  readonly workspaceTrust?: boolean;
}

/** The parts every session has: private folders, an events file, code-server, chromium and one page. */
export class Session {
  private constructor(
    readonly tools: E2eTools,
    readonly dirs: CodeServerDirs,
    readonly events: EventsFile,
    readonly codeServer: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    readonly workbench: Workbench,
  ) {}

  /**
   * Starts code-server and a browser page (not yet navigated). `prepare` runs after the private folders
   * exist and before code-server starts (to install the extension); `smokeTestDriver` enables the
   * extension-host test payload.
   */
  static async start(
    options: SessionOptions & {
      readonly smokeTestDriver?: boolean;
      readonly prepare?: (tools: E2eTools, dirs: CodeServerDirs) => Promise<void>;
    },
  ): Promise<Session> {
    const tools = loadTools();
    const dirs = createCodeServerDirs(mkdtempSync(path.join(os.tmpdir(), 'exo-audit-e2e-')));
    const cleanups: Array<() => Promise<void> | void> = [() => rmSync(dirs.root, { recursive: true, force: true })];
    try {
      await options.prepare?.(tools, dirs);
      const events = new EventsFile(path.join(dirs.root, 'test-events.jsonl'));
      const logs = path.join(artifactsDir, 'logs');
      mkdirSync(logs, { recursive: true });
      const codeServer = await CodeServer.start(tools, dirs, {
        workspace: options.workspace,
        env: { [TEST_EVENTS_ENV]: events.path, ...options.env },
        smokeTestDriver: options.smokeTestDriver ?? false,
        workspaceTrust: options.workspaceTrust ?? false,
        logFile: path.join(logs, `${options.name}.code-server.log`),
      });
      cleanups.unshift(() => codeServer.stop());
      const browser = await launchChromium(tools, dirs);
      cleanups.unshift(() => browser.close());
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(20_000);
      const consoleLog = createWriteStream(path.join(logs, `${options.name}.browser-console.log`));
      page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
      page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.stack ?? error.message}\n`));
      page.once('close', () => consoleLog.end());
      return new Session(tools, dirs, events, codeServer, browser, page, new Workbench(page));
    } catch (error) {
      await runCleanups(cleanups);
      throw error;
    }
  }

  /** The workbench URL for `folder`, with optional query parameters (e.g. the test payload). */
  workbenchUrl(folder: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ folder, ...query });
    return `${this.codeServer.origin}/?${params.toString()}`;
  }

  /** A vscode-remote:// URI for a path on the code-server machine. */
  remoteUri(absolutePath: string): string {
    return `vscode-remote://${this.codeServer.authority}${absolutePath}`;
  }

  async dispose(): Promise<void> {
    await runCleanups([
      () => this.browser.close(),
      () => this.codeServer.stop(),
      () => rmSync(this.dirs.root, { recursive: true, force: true }),
    ]);
  }
}

async function runCleanups(cleanups: ReadonlyArray<() => Promise<void> | void>): Promise<void> {
  const errors: unknown[] = [];
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
