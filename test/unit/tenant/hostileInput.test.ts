import * as assert from 'node:assert/strict';
import { replayWithLedger, revokeEntraPermissionScript } from '../../../src/core/tenant';

describe('tenant core with hostile audit text', () => {
  it('a permission name with a line break stays inside the comment of the revoke script', () => {
    const script = revokeEntraPermissionScript(
      { appId: '11111111-1111-1111-1111-111111111111', displayName: 'x' },
      { resourceAppId: '00000003-0000-0000-c000-000000000000', resourceName: 'Graph\nStop-Computer -Force', value: 'Mail.Read\r\nRemove-Item C:\\', kind: 'application' },
    );
    const lines = script.split('\n');
    // The comment keeps the whole hostile name on its one line; the next line is the script's own.
    assert.ok(lines[0]!.startsWith('# ') && lines[0]!.includes('Stop-Computer -Force'), script);
    assert.ok(lines[1]!.startsWith('$client = '), script);
    // Elsewhere the value only appears inside a single-quoted literal (line breaks there are text).
    assert.ok(script.includes("-eq 'Mail.Read\r\nRemove-Item C:\\' }"), script);
  });

  it('replay ignores operations named like Object.prototype members', () => {
    const rows = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((Operation, i) => ({
      Time: Date.UTC(2024, 0, 1, 0, i), Id: String(i), Operation, ResultStatus: 'Succeeded', Parameters: {},
    }));
    const result = replayWithLedger(rows as never);
    assert.equal(result.ledger.applied, 0);
    assert.equal(result.ledger.ignored, rows.length);
  });
});
