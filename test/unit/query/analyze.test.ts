/** What the language server asks: columns in scope, types, symbols, definitions, references, calls, completion, tokens. */
import * as assert from 'node:assert/strict';
import { analyze, completionContext, semanticTokens } from '../../../src/core/query';
import { accepted } from './acceptedQueries';

/** The text with `|^|` marking the cursor, and the cursor offset. */
function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

describe('query analysis for the language server', () => {
  it('columns in scope follow the pipe', () => {
    const { text, offset } = cursor('AuditLogs | project UserId, Time | where ‸');
    const names = analyze(text).columnsAt(offset).map((c) => c.name);
    assert.deepEqual(names, ['UserId', 'Time']);
    const inside = cursor('AuditLogs | summarize n = count() by UserId | where n > 1 and U‸');
    assert.deepEqual(analyze(inside.text).columnsAt(inside.offset).map((c) => c.name), ['UserId', 'n']);
    const first = cursor('AuditLogs | where Us‸ | project Time');
    assert.ok(analyze(first.text).columnsAt(first.offset).some((c) => c.name === 'Operation'));
    const joined = cursor('AuditLogs | join (SignIns | where Ci‸) on UserId');
    assert.ok(analyze(joined.text).columnsAt(joined.offset).some((c) => c.name === 'City'));
  });

  it('catalogue columns keep their description', () => {
    const { text, offset } = cursor('AuditLogs | where Mailbox‸OwnerUPN == "x"');
    const hit = analyze(text).symbolAt(offset);
    assert.ok(hit && hit.symbol.kind === 'column');
    assert.match(hit.symbol.column.description ?? '', /mailbox that was accessed/);
  });

  it('gives the type of the expression at a position', () => {
    const { text, offset } = cursor('AuditLogs | extend d = now() - Ti‸me');
    assert.equal(analyze(text).expressionAt(offset)?.type, 'datetime');
    const whole = cursor('AuditLogs | extend d = now() -‸ Time');
    assert.equal(analyze(whole.text).expressionAt(whole.offset)?.type, 'timespan');
  });

  it('finds definitions and references of let names (for go-to-definition and rename)', () => {
    const text = accepted('let threshold = 10;\nlet Busy = AuditLogs | where OperationCount > threshold;\nBusy | where OperationCount < threshold * 3');
    const a = analyze(text);
    const use = text.lastIndexOf('threshold') + 2;
    const def = a.definitionAt(use)!;
    assert.equal(text.slice(def.start, def.end), 'threshold');
    assert.equal(def.start, text.indexOf('threshold'));
    const refs = a.referencesAt(use)!;
    assert.deepEqual(refs.map((r) => r.start), [4, text.indexOf('threshold', 5), text.lastIndexOf('threshold')]);
    const onDecl = a.referencesAt(5)!;
    assert.equal(onDecl.length, 3);
    const busy = a.referencesAt(text.lastIndexOf('Busy') + 1)!;
    assert.deepEqual(busy.map((r) => text.slice(r.start, r.end)), ['Busy', 'Busy']);
    assert.equal(a.definitionAt(text.indexOf('AuditLogs')), undefined);
  });

  it('finds the call and the argument at a position (signature help)', () => {
    const { text, offset } = cursor('AuditLogs | extend x = substring(UserId, 2, ‸)');
    const call = analyze(text).callAt(offset)!;
    assert.equal(call.fn?.name, 'substring');
    assert.equal(call.activeArgument, 2);
    assert.match(call.fn!.signature, /substring\(source: string/);
  });

  it('completion: operators after a pipe', () => {
    const { text, offset } = cursor('AuditLogs | wh‸');
    const c = completionContext(analyze(text), offset);
    assert.equal(c.kind, 'operator');
    assert.equal(c.prefix, 'wh');
    assert.deepEqual(c.replace, { start: text.indexOf('wh'), end: text.length });
  });

  it('completion: tables at the start and after join', () => {
    for (const m of ['Au‸', 'let x = 1;\n‸', 'AuditLogs | join kind=inner ‸', 'AuditLogs | join (‸']) {
      const { text, offset } = cursor(m);
      assert.equal(completionContext(analyze(text), offset).kind, 'table', m);
    }
  });

  it('completion: expressions with the columns in scope; aggregates in summarize', () => {
    const w = cursor('AuditLogs | where Cli‸');
    const c = completionContext(analyze(w.text), w.offset);
    assert.equal(c.kind, 'expression');
    assert.equal(c.aggregates, false);
    assert.ok(c.columns.some((x) => x.name === 'ClientIp'));
    const s = cursor('AuditLogs | summarize ‸');
    assert.equal(completionContext(analyze(s.text), s.offset).aggregates, true);
    const by = cursor('AuditLogs | summarize count() by ‸');
    assert.equal(completionContext(analyze(by.text), by.offset).aggregates, false);
  });

  it('completion: values of the column a string is compared with', () => {
    for (const [m, column, op] of [
      ['AuditLogs | where Operation == "Mail‸', 'Operation', '=='],
      ['AuditLogs | where UserId =~ \'‸\'', 'UserId', '=~'],
      ['AuditLogs | where Operation in ("Send", "‸")', 'Operation', 'in'],
    ] as const) {
      const { text, offset } = cursor(m);
      const c = completionContext(analyze(text), offset);
      assert.equal(c.kind, 'value', m);
      assert.equal(c.value?.column, column);
      assert.equal(c.value?.operator, op);
      assert.equal(c.value?.columnInfo?.type, 'string');
    }
    const { text, offset } = cursor('AuditLogs | where Operation == "Mail‸');
    const c = completionContext(analyze(text), offset);
    assert.equal(c.prefix, 'Mail');
    assert.deepEqual(c.replace, { start: text.indexOf('Mail'), end: text.length });
  });

  it('completion: join kinds and chart kinds; nothing in comments', () => {
    const j = cursor('AuditLogs | join kind=‸');
    assert.equal(completionContext(analyze(j.text), j.offset).kind, 'joinKind');
    const r = cursor('AuditLogs | render ‸');
    assert.equal(completionContext(analyze(r.text), r.offset).kind, 'renderKind');
    const k = cursor('AuditLogs // wh‸ere');
    assert.equal(completionContext(analyze(k.text), k.offset).kind, 'none');
  });

  it('classifies tokens for semantic highlighting', () => {
    const text = 'let n = 1;\nAuditLogs | where UserId has "x" and strlen(Id) > n // c';
    const toks = semanticTokens(analyze(text)).map((t) => `${text.slice(t.start, t.end)}:${t.type}`);
    for (const expected of ['let:keyword', 'n:variable', 'AuditLogs:table', 'where:keyword', 'UserId:column', 'has:keyword', '"x":string', 'strlen:function', '1:number', '// c:comment', '|:operator']) {
      assert.ok(toks.includes(expected), `${expected} in ${toks.join(' ')}`);
    }
  });
});
