// The extension-host suite entry (extensionTestsPath): VS Code requires this bundle and awaits run().
// Mocha's console output would go to the browser console, so the report goes to a JSON file named by
// EXO_AUDIT_HOST_RESULTS, which the harness (test/e2e/support/hostSuite.ts) reads.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const output = process.env.EXO_AUDIT_HOST_RESULTS;
  if (!output) throw new Error('EXO_AUDIT_HOST_RESULTS is not set');
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'json', reporterOptions: { output } });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
