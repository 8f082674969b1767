import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { harnessOutDir, repoRoot } from './paths';
import { runToCompletion } from './run';
import { timed } from './timing';

let built: Promise<void> | undefined;
let packaged: Promise<string> | undefined;

/** Bundles the extension (scripts/build.mjs) once per test process. */
export function buildExtension(): Promise<void> {
  built ??= timed('build (scripts/build.mjs)', async () => {
    await runToCompletion(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot });
  });
  return built;
}

/** Builds and packages the extension as a .vsix once per test process; resolves with its path. */
export function packageExtension(): Promise<string> {
  packaged ??= buildExtension().then(() =>
    timed('package (vsce package --no-dependencies)', async () => {
      const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
      mkdirSync(harnessOutDir, { recursive: true });
      const vsix = path.join(harnessOutDir, `${manifest.name}-${manifest.version}.vsix`);
      const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
      await runToCompletion(
        process.execPath,
        [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix],
        { cwd: repoRoot },
      );
      return vsix;
    }),
  );
  return packaged;
}
