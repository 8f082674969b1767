import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runExtensionHostSuite } from './support/hostSuite';
import { log } from './support/timing';
import { createSampleWorkspace } from './support/sampleWorkspace';

describe('exo-audit extension-host suite (vscode API, in code-server)', function () {
  it('passes every test in test/e2e/host', async function () {
    const workspace = createSampleWorkspace();
    try {
      const { exitCode, report } = await runExtensionHostSuite({ name: 'extension-host', workspace });
      for (const test of report.tests) {
        const failed = report.failures.some((f) => f.fullTitle === test.fullTitle);
        log(`${failed ? 'FAIL' : 'ok  '} ${test.fullTitle}${failed ? `: ${test.err.message ?? ''}` : ''}`);
      }
      assert.ok(report.stats.tests > 0, 'the extension-host suite ran no tests');
      assert.deepEqual(
        report.failures.map((f) => `${f.fullTitle}: ${f.err.stack ?? f.err.message ?? ''}`),
        [],
      );
      assert.equal(exitCode, 0);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
