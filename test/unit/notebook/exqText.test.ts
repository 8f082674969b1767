import * as assert from 'node:assert/strict';
import { parseExqText, serializeExqText } from '../../../src/core/notebook';

describe('notebook: .exq files as notebooks', () => {
  const text = '// Mail read by apps\n// (app-only)\n\nAuditLogs\n| where Operation == "MailItemsAccessed"\n| take 5\n\n\n\nSignIns | count   \n';

  it('makes one cell per blank-line-separated block; a block of // lines is Markdown', () => {
    const nb = parseExqText(text);
    assert.deepEqual(nb.cells.map((c) => [c.kind, c.source]), [
      ['markdown', 'Mail read by apps\n(app-only)'],
      ['code', 'AuditLogs\n| where Operation == "MailItemsAccessed"\n| take 5'],
      ['code', 'SignIns | count'],
    ]);
    assert.ok(nb.cells.filter((c) => c.kind === 'code').every((c) => c.language === 'exq'));
  });

  it('writes cells back as blocks and reads its own output the same', () => {
    const written = serializeExqText(parseExqText(text));
    assert.equal(written, '// Mail read by apps\n// (app-only)\n\nAuditLogs\n| where Operation == "MailItemsAccessed"\n| take 5\n\nSignIns | count\n');
    assert.equal(serializeExqText(parseExqText(written)), written);
  });

  it('keeps a code block whose lines are partly comments as code, and skips empty cells', () => {
    const nb = parseExqText('// first, a comment\nAuditLogs | take 1\r\n');
    assert.deepEqual(nb.cells.map((c) => c.kind), ['code']);
    assert.equal(serializeExqText({ cells: [{ kind: 'code', language: 'exq', source: '\n\n' }, ...nb.cells] }), '// first, a comment\nAuditLogs | take 1\n');
    assert.equal(serializeExqText({ cells: [] }), '');
  });
});
