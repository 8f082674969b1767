/** The lexer and parser: ranges, literals, recovery, blocks, positions; and fuzzing (never throws, valid ranges). */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineMap, analyze, lex, parseDocument, walk, type Ast } from '../../../src/core/query';
import { blockIndexAt } from '../../../src/core/query/syntax/blocks';

function firstQuery(text: string): Ast.Pipeline {
  const st = parseDocument(text).blocks[0]!.statements.find((s) => s.kind === 'Query');
  assert.ok(st && st.kind === 'Query');
  return st.body;
}

describe('query parser', () => {
  it('gives every node the range of its text', () => {
    const text = 'AuditLogs | where Operation == "MailItemsAccessed" | summarize n = count() by bin(Time, 1h)';
    const p = firstQuery(text);
    const slice = (n: { start: number; end: number }): string => text.slice(n.start, n.end);
    assert.equal(slice(p.source), 'AuditLogs');
    const where = p.operators[0]!;
    assert.equal(slice(where), 'where Operation == "MailItemsAccessed"');
    assert.ok(where.kind === 'Where' && where.predicate.kind === 'Binary');
    assert.equal(slice(where.predicate.left), 'Operation');
    assert.equal(slice(where.predicate.opRange), '==');
    const sum = p.operators[1]!;
    assert.ok(sum.kind === 'Summarize');
    assert.equal(slice(sum.aggregates[0]!), 'n = count()');
    assert.equal(slice(sum.by[0]!.expr), 'bin(Time, 1h)');
    // every node lies inside its parent
    walk(parseDocument(text).blocks[0]!, (n, parent) => {
      assert.ok(n.start <= n.end, `${n.kind} has start after end`);
      if (parent) assert.ok(parent.start <= n.start && n.end <= parent.end, `${n.kind} outside ${parent.kind}`);
    });
  });

  it('reads literals: strings (escapes, verbatim, h-strings, ```), numbers, timespans, datetimes, dynamic', () => {
    const t = lex('"a\\"b\\n" @"c:\\x""y" h\'secret\' ```multi\nline``` 42 1.5e3 0x1F 30m 1.5h 100ms 2d datetime(2024-03-01) timespan(01:30:00) datetime(null)').tokens;
    assert.deepEqual(t.map((x) => x.kind), ['string', 'string', 'string', 'string', 'long', 'real', 'long', 'timespan', 'timespan', 'timespan', 'timespan', 'datetime', 'timespan', 'datetime', 'eof']);
    assert.deepEqual(t.slice(0, 4).map((x) => x.value), ['a"b\n', 'c:\\x"y', 'secret', 'multi\nline']);
    assert.deepEqual(t.slice(4, 13).map((x) => x.value), [42, 1500, 31, 1800000, 5400000, 100, 172800000, Date.UTC(2024, 2, 1), 5400000]);
    assert.equal(t[13]!.value, null);
  });

  it('lexes hyphenated operators and negated word operators as one token', () => {
    const t = lex('T | project-away a | mv-expand b | where c !has "x" and d !in~ ("y") and e in~ ("z")').tokens.map((x) => x.text);
    for (const tok of ['project-away', 'mv-expand', '!has', '!in~', 'in~']) assert.ok(t.includes(tok), tok);
    assert.deepEqual(lex('a-b').tokens.map((x) => x.text), ['a', '-', 'b', '']);
  });

  it('recovers after an unknown operator and keeps parsing the pipeline', () => {
    const d = parseDocument('AuditLogs | frob x y | where UserId == "a" | count');
    const p = d.blocks[0]!.statements[0]!;
    assert.ok(p.kind === 'Query');
    assert.deepEqual(p.body.operators.map((o) => o.kind), ['BadOperator', 'Where', 'Count']);
    assert.equal(d.diagnostics.length, 1);
    assert.equal(d.diagnostics[0]!.code, 'unknown-operator');
    assert.deepEqual(d.diagnostics[0]!.range, { start: 12, end: 16 });
  });

  it('reports a missing pipe with the fix, and parses on', () => {
    const text = 'AuditLogs where UserId == "a"';
    const d = parseDocument(text);
    assert.equal(d.diagnostics[0]!.code, 'missing-pipe');
    assert.deepEqual(d.diagnostics[0]!.suggestions, ['| where']);
    assert.equal(text.slice(d.diagnostics[0]!.range.start, d.diagnostics[0]!.range.end), 'where');
  });

  it('reports typographic quotes with the straight-quoted fix', () => {
    const d = parseDocument('AuditLogs | where UserId == “bob”');
    assert.equal(d.diagnostics[0]!.code, 'wrong-quote');
    assert.deepEqual(d.diagnostics[0]!.suggestions, ['"bob"']);
  });

  it('reports unterminated strings, bad numbers and stray characters at their place', () => {
    const cases: Array<[string, string, string]> = [
      ['T | where a == "abc', 'unterminated-string', '"abc'],
      ['T | where a > 12abc', 'bad-number', '12abc'],
      ['T | where a == # ', 'bad-character', '#'],
      ['T | where a == datetime(2024-13-45)', 'bad-literal', 'datetime(2024-13-45)'],
    ];
    for (const [text, code, at] of cases) {
      const d = parseDocument(text).diagnostics.find((x) => x.code === code);
      assert.ok(d, `${code} in ${text}`);
      assert.equal(text.slice(d.range.start, d.range.end), at);
    }
  });

  it('follows Kusto\'s precedence: string operators bind tighter than * and +, comparisons do not chain', () => {
    const p = firstQuery('T | extend x = 1 * a has "b", y = a + 1 == 2');
    const ext = p.operators[0]!;
    assert.ok(ext.kind === 'Extend');
    const [x, y] = ext.items.map((i) => i.expr);
    assert.ok(x!.kind === 'Binary' && x!.op === '*' && x!.right.kind === 'Binary' && x!.right.op === 'has');
    assert.ok(y!.kind === 'Binary' && y!.op === '==' && y!.left.kind === 'Binary' && y!.left.op === '+');
    const chained = parseDocument('T | where a == b == c').diagnostics;
    assert.equal(chained[0]!.code, 'unexpected-token');
    assert.match(chained[0]!.message, /chained/);
  });

  it('reports Kusto keywords used as plain names, with the bracketed fix', () => {
    const text = "AuditLogs | summarize last = max(Time) by UserId | project ['last'], UserId";
    const d = parseDocument(text).diagnostics;
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 'reserved-name');
    assert.equal(text.slice(d[0]!.range.start, d[0]!.range.end), 'last');
    assert.deepEqual(d[0]!.suggestions, ["['last']"]);
  });

  it('parses let statements: scalar, tabular, datatable; a missing ; is reported and parsing goes on', () => {
    const d = parseDocument('let a = 1;\nlet T = AuditLogs | take 1;\nlet D = datatable(x:long)[1, 2];\nlet E = T;\nD | count');
    assert.deepEqual(d.diagnostics, []);
    const kinds = d.blocks[0]!.statements.map((s) => (s.kind === 'Let' ? `let:${s.value.kind}` : s.kind));
    assert.deepEqual(kinds, ['let:Literal', 'let:Pipeline', 'let:Pipeline', 'let:NameRef', 'Query']);
    const missing = parseDocument('let a = 1\nAuditLogs | count');
    assert.equal(missing.diagnostics[0]!.code, 'expected-token');
    assert.deepEqual(missing.blocks[0]!.statements.map((s) => s.kind), ['Let', 'Query']);
  });

  it('splits documents at blank lines (comment lines are not blank) and finds the block at an offset', () => {
    const text = 'AuditLogs\n| count\n\n  \n// about signins\nSignIns\n// still here\n| take 1\n\n\nprint x = 1';
    const d = parseDocument(text);
    assert.equal(d.blocks.length, 3);
    assert.equal(text.slice(d.blocks[1]!.start, d.blocks[1]!.end), 'SignIns\n// still here\n| take 1');
    assert.equal(blockIndexAt(d, 0), 0);
    assert.equal(blockIndexAt(d, text.indexOf('| count') + 3), 0);
    assert.equal(blockIndexAt(d, text.indexOf('about')), 1);
    assert.equal(blockIndexAt(d, text.indexOf('print')), 2);
    assert.equal(blockIndexAt(d, text.length), 2);
    // extents tile the document
    assert.equal(d.blocks[0]!.extent.start, 0);
    assert.equal(d.blocks[2]!.extent.end, text.length);
    for (let i = 1; i < d.blocks.length; i++) assert.equal(d.blocks[i]!.extent.start, d.blocks[i - 1]!.extent.end);
  });

  it('converts offsets to line/character and back (\\n, \\r\\n, past the end)', () => {
    const text = 'ab\ncd\r\nef';
    const m = new LineMap(text);
    assert.deepEqual(m.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(m.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(m.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(m.positionAt(99), { line: 2, character: 2 });
    assert.equal(m.offsetAt({ line: 1, character: 1 }), 4);
    assert.equal(m.offsetAt({ line: 1, character: 50 }), 5);
    assert.equal(m.offsetAt({ line: 9, character: 0 }), text.length);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r') continue; // between \r and \n is not a position
      assert.equal(m.offsetAt(m.positionAt(o)), o);
    }
  });

  describe('fuzzing', () => {
    const vocabulary = [
      'AuditLogs', 'SignIns', '|', 'where', 'project', 'extend', 'summarize', 'by', 'count()', 'join', 'kind=inner', 'on',
      '(', ')', '[', ']', '{', '}', ',', ';', '=', '==', '!=', '=~', 'has', '!has', 'in', '!in~', 'between', '..', 'and', 'or',
      '"str', '"s"', "'q'", '@"v"', '```', '1', '2.5', '30m', 'datetime(2024-01-01)', 'datetime(', 'dynamic(', 'let', 'x', 'Time',
      'bin(Time, 1h)', 'mv-expand', 'render', 'timechart', 'with', 'top', '10', 'order', 'asc', 'nulls', 'union', 'datatable',
      '$left.a', '$right.b', '.', '*', '-', '+', '/', '%', '!', '?', '#', '“', '`', '\n', '\n\n', ' ', '//c\n', 'print', 'to', 'typeof(string)',
    ];
    const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((parts) => parts.join(' '));
    const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 120 }), soup);

    it('any input yields diagnostics with valid ranges and never throws (parse, bind, analyze)', () => {
      fc.assert(
        fc.property(anyText, fc.nat(), (text, pick) => {
          const a = analyze(text);
          for (const d of a.diagnostics) {
            assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length, `bad range ${JSON.stringify(d.range)} in ${JSON.stringify(text)}`);
            assert.ok(d.message.length > 0);
          }
          for (const b of a.document.blocks) walk(b, (n) => assert.ok(n.start >= 0 && n.start <= n.end && n.end <= text.length, `${n.kind} range`));
          const offset = text.length ? pick % (text.length + 1) : 0;
          a.columnsAt(offset);
          a.expressionAt(offset);
          a.symbolAt(offset);
          a.callAt(offset);
          a.referencesAt(offset);
        }),
        { numRuns: 600 },
      );
    });
  });
});
