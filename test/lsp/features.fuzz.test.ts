import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { codeActions } from '../../src/server/codeActions';
import { completion } from '../../src/server/completion';
import { DataStatistics } from '../../src/server/dataStatistics';
import { lspDiagnostics } from '../../src/server/diagnostics';
import { buildModel } from '../../src/server/documentModel';
import { foldingRanges } from '../../src/server/folding';
import { formatDocument } from '../../src/server/format/formatQuery';
import { hover } from '../../src/server/hover';
import { definition, highlights, prepareRename } from '../../src/server/letSymbols';
import { semanticTokens } from '../../src/server/semanticTokens';
import { signatureHelp } from '../../src/server/signatureHelp';

const pieces = [
  'AuditLogs', 'SignIns', '|', ' ', '\n', '\n\n', 'where', 'project', 'extend', 'summarize', 'by', 'join', 'kind=', 'inner', '(', ')',
  ',', 'Operation', 'UserId', '==', '"', "'", 'Mail', 'count()', 'bin(', 'Time', '1h', 'let', 'x', '=', ';', '//c\n', '“', '```',
  '[0]', '.', 'Folders', 'render', 'timechart', 'in', '!has', '@"', 'datetime(2024-01-01)', 'mv-expand', 'Oper', 'take', '10',
];

describe('language features on arbitrary text', () => {
  const stats = new DataStatistics();
  stats.update({ tables: [{ name: 'AuditLogs', rows: 3, columns: [{ name: 'Operation', type: 'string', topValues: [{ value: 'Send', count: 3 }], distinct: 1 }] }] });

  it('never throw, and return ranges inside the document', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.nat(), (parts, seed) => {
      const text = parts.join('');
      const model = buildModel(text, 1, stats.schema, stats.generation);
      const lines = model.lines.lineCount;
      const inside = (r: { start: { line: number }; end: { line: number } }): boolean => r.start.line >= 0 && r.end.line < lines;
      const diagnostics = lspDiagnostics(model);
      for (const d of diagnostics) assert.ok(inside(d.range));
      codeActions(model, 'file:///x.exq', diagnostics);
      semanticTokens(model);
      foldingRanges(model);
      formatDocument(text, { indent: '  ' });
      for (let k = 0; k < 4; k++) {
        const offset = text.length === 0 ? 0 : (seed + k * 7919) % (text.length + 1);
        for (const item of completion(model, offset, stats).items) {
          const edit = item.textEdit as { range?: { start: { line: number }; end: { line: number } } } | undefined;
          if (edit?.range) assert.ok(inside(edit.range));
        }
        const h = hover(model, offset, stats);
        if (h?.range) assert.ok(inside(h.range));
        signatureHelp(model, offset);
        definition(model, offset);
        highlights(model, offset);
        prepareRename(model, offset);
      }
    }), { numRuns: 400 });
  });
});
