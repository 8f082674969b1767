import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A small workspace folder in the temp directory; the caller removes it. */
export function createSampleWorkspace(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-workspace-'));
  writeFileSync(
    path.join(folder, 'README.md'),
    '# Sample investigation\n\nOpen audit exports with "exo-audit: Open Audit Export(s)".\n',
  );
  return folder;
}
