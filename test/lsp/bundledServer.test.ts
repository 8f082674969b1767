import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';

const root = path.resolve(__dirname, '..', '..');

describe('the bundled language server process', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'exq-server-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts over node IPC as the client starts it, answers, and exits on request', async () => {
    // The same bundling as scripts/build.mjs does for dist/server.js.
    const out = path.join(dir, 'server.js');
    await build({ entryPoints: [path.join(root, 'src/server/main.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
    const child = fork(out, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const client = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => client.onNotification('textDocument/publishDiagnostics', resolve));
    client.listen();
    try {
      const init = await client.sendRequest<{ serverInfo?: { name: string } }>('initialize', {
        processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { diagnosticsDelayMs: 0 },
      });
      assert.equal(init.serverInfo?.name, 'exq-language-server');
      await client.sendNotification('initialized', {});
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///a.exq', languageId: 'exq', version: 1, text: 'AuditLogs | where Operaton == "x"' } });
      const published = await diagnostics;
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['unknown-column']);
      await client.sendRequest('shutdown');
      await client.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      client.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
