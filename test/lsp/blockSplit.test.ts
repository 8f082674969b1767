import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from '../../src/core/query';
import { blockExtents } from '../../src/server/blockSplit';

const pieces = [
  'AuditLogs', '| where', 'Operation == "Send"', '\n', '\n', '\r\n', '\n\n', '   ', '// note', '// a\n\n// b', 'let x = 1;',
  '```multi\n\nline```', '"unterminated', "'s'", '| take 10', '(', ')', ';', '\t', 'datetime(2024-01-01)', '“curly”',
];

describe('blockExtents', () => {
  it('finds the blocks parseDocument finds', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const text = parts.join(' ');
      const expected = parseDocument(text).blocks.map((b) => b.extent);
      assert.deepEqual(blockExtents(text), expected.map((e) => ({ start: e.start, end: e.end })));
    }), { numRuns: 400 });
  });

  it('splits at blank lines but not inside ``` strings', () => {
    const text = 'A | take 1\n\n// c\nB\n```x\n\ny```\n\nC';
    const extents = blockExtents(text).map((e) => text.slice(e.start, e.end));
    assert.deepEqual(extents, ['A | take 1\n', '\n// c\nB\n```x\n\ny```\n', '\nC']);
  });
});
