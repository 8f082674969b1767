import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { NotebookFormatError, parseExqnb, serializeExqnb, type CellData, type NotebookData } from '../../../src/core/notebook';

const sample: NotebookData = {
  metadata: { zeta: 1, alpha: { b: 2, a: 1 } },
  cells: [
    { kind: 'markdown', language: 'markdown', source: '# Title\n\nSome *text*.' },
    { kind: 'code', language: 'exq', source: 'AuditLogs\n| take 10', metadata: { huntingQuery: 'x' } },
    {
      kind: 'code', language: 'exq', source: 'SignIns | count',
      execution: { order: 3, success: true, startTime: 1000, endTime: 1250 },
      outputs: [{ items: [{ mime: 'application/vnd.exo-audit.table+json', json: { version: 1, rows: [[1]], columns: [{ type: 'long', name: 'Count' }] } }, { mime: 'text/plain', text: 'Count\n1' }] }],
    },
  ],
};

describe('notebook .exqnb format', () => {
  it('writes a fixed layout: format and version first, one object per cell, source as lines, 2-space indent, trailing newline', () => {
    const text = serializeExqnb(sample);
    assert.ok(text.startsWith('{\n  "format": "exo-audit-notebook",\n  "version": 1,\n  "metadata": {\n    "alpha": {\n      "a": 1,'), text);
    assert.ok(text.endsWith('\n}\n'));
    assert.ok(text.includes('"source": [\n        "AuditLogs",\n        "| take 10"\n      ]'), text);
    const parsed = JSON.parse(text) as { cells: Array<Record<string, unknown>> };
    assert.equal(parsed.cells.length, 3);
    assert.deepEqual(Object.keys(parsed.cells[1]!), ['kind', 'source', 'metadata'], 'the default language is not written');
  });

  it('leaves outputs and runs out unless asked, and keeps them when asked', () => {
    const without = JSON.parse(serializeExqnb(sample)) as { cells: Array<Record<string, unknown>> };
    assert.equal(without.cells[2]!.outputs, undefined);
    assert.equal(without.cells[2]!.execution, undefined);
    const withOutputs = parseExqnb(serializeExqnb(sample, { outputs: true }));
    assert.deepEqual(withOutputs.cells[2]!.outputs, sample.cells[2]!.outputs);
    assert.deepEqual(withOutputs.cells[2]!.execution, sample.cells[2]!.execution);
    const text = serializeExqnb(sample, { outputs: true });
    assert.ok(text.indexOf('"columns"') < text.indexOf('"rows"') && text.indexOf('"name": "Count"') < text.indexOf('"type": "long"'), 'JSON outputs are written with sorted keys');
  });

  it('gives the same text for the same notebook whatever the key order in memory', () => {
    const reordered: NotebookData = { cells: sample.cells, metadata: { alpha: { a: 1, b: 2 }, zeta: 1 } };
    assert.equal(serializeExqnb(reordered), serializeExqnb(sample));
    const once = serializeExqnb(sample, { outputs: true });
    assert.equal(serializeExqnb(parseExqnb(once), { outputs: true }), once);
  });

  it('round-trips any cells (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '|', '"', '\\', '\n', '\t', 'é', '😀', '{', '<') });
    const cell: fc.Arbitrary<CellData> = fc.oneof(
      fc.record({ kind: fc.constant('markdown' as const), language: fc.constant('markdown'), source: text }),
      fc.record({ kind: fc.constant('code' as const), language: fc.constantFrom('exq', 'kusto', 'markdown'), source: text }),
    );
    fc.assert(fc.property(fc.array(cell, { maxLength: 8 }), (generated) => {
      const cells = generated.map((c) => ({ ...c }));
      const back = parseExqnb(serializeExqnb({ cells }));
      assert.deepEqual(back, { cells });
      assert.equal(serializeExqnb(back), serializeExqnb({ cells }));
    }), { numRuns: 300 });
  });

  it('reads line breaks of any kind as \\n, sources given as one string, and Jupyter-style line arrays', () => {
    const nb = parseExqnb(JSON.stringify({ cells: [
      { kind: 'code', source: 'AuditLogs\r\n| take 1' },
      { kind: 'markdown', source: ['# A\n', 'b\n', 'c'] },
      { kind: 'code', source: ['x', 'y'] },
    ] }));
    assert.deepEqual(nb.cells.map((c) => c.source), ['AuditLogs\n| take 1', '# A\nb\nc', 'x\ny']);
    assert.deepEqual(parseExqnb(''), { cells: [] });
    assert.deepEqual(parseExqnb('\uFEFF  \n'), { cells: [] });
  });

  it('refuses what it cannot read, saying why', () => {
    assert.throws(() => parseExqnb('{"cells": ['), (e: unknown) => e instanceof NotebookFormatError && /not valid JSON/.test(e.message));
    assert.throws(() => parseExqnb('{"format": "jupyter", "cells": []}'), /"format" is "jupyter"/);
    assert.throws(() => parseExqnb('{"version": 2, "cells": []}'), /newer exo-audit/);
    assert.throws(() => parseExqnb('{"cells": [{"kind": "raw"}]}'), /cells\[0\]: "kind"/);
    assert.throws(() => parseExqnb('{"cells": [{"source": 5}]}'), /"source" must be/);
    assert.throws(() => parseExqnb('[1, 2]'), /one JSON object/);
  });

  it('keeps hostile metadata keys as data', () => {
    const nb = parseExqnb('{"cells": [{"source": "x", "metadata": {"__proto__": {"polluted": true}, "constructor": 1}}]}');
    const meta = nb.cells[0]!.metadata!;
    assert.deepEqual(Object.keys(meta).sort(), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(serializeExqnb(nb).includes('"__proto__": {'));
  });
});
