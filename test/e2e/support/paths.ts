import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const artifactsDir = path.join(repoRoot, 'test-artifacts', 'e2e');
/** Build outputs of the harness itself (git-ignored). */
export const harnessOutDir = path.join(repoRoot, 'out', 'e2e');

export interface E2eTools {
  /** Node 24, which code-server needs. */
  readonly node: string;
  /** code-server's entry script, run with `node`. */
  readonly codeServer: string;
  readonly codeServerVersion: string;
  readonly chromium: string;
  /** Directory holding node, put first on code-server's PATH. */
  readonly nodeBinDir: string;
}

/** The tools scripts/e2e/install.sh put under .vscode-test/ (it writes tools.json last). */
export function loadTools(): E2eTools {
  const toolsDir = path.join(repoRoot, '.vscode-test');
  const file = path.join(toolsDir, 'tools.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run bash scripts/e2e/install.sh first`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const tools: E2eTools = {
    node: path.join(toolsDir, required(raw, 'node')),
    codeServer: path.join(toolsDir, required(raw, 'codeServer')),
    codeServerVersion: required(raw, 'codeServerVersion'),
    chromium: required(raw, 'chromium'),
    nodeBinDir: path.dirname(path.join(toolsDir, required(raw, 'node'))),
  };
  for (const file of [tools.node, tools.codeServer, tools.chromium]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run bash scripts/e2e/install.sh`);
  }
  return tools;
}

function required(raw: Record<string, string>, key: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '') throw new Error(`.vscode-test/tools.json lacks "${key}"`);
  return value;
}
