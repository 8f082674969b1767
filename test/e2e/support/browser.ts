import { chromium, type Browser } from 'playwright-core';
import type { CodeServerDirs } from './codeServer';
import type { E2eTools } from './paths';

/** Headless Debian chromium with the flags that keep it offline and quiet (see ../shared/E2E.md). */
export function launchChromium(tools: E2eTools, dirs: CodeServerDirs): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache },
  });
}
