import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { CompletionItemKind, DiagnosticSeverity, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { findColumn, findOperation } from '../../src/core/schema';
import { aggregateFunctions, operatorKeywords, scalarFunctions } from '../../src/core/query';
import { tableStatistics } from '../../src/core/query/tableStatistics';
import { semanticTokensLegend } from '../../src/server/semanticTokens';
import { LspHarness, withCursor } from './support/lspHarness';

const unescape = (md: string): string => md.replace(/\\([\\`*_[\]<>|~])/g, '$1');
const hoverText = (h: { contents: unknown } | null): string => {
  const c = h?.contents as { value?: string } | undefined;
  return unescape(c?.value ?? '');
};
const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

describe('EXQ language server over the protocol', () => {
  let lsp: LspHarness;
  let n = 0;
  const nextUri = (): string => `file:///workspace/query${++n}.exq`;

  beforeEach(async () => {
    lsp = await LspHarness.start();
  });
  afterEach(() => lsp.dispose());

  it('initializes with the capabilities it serves', () => {
    const caps = lsp.initializeResult.capabilities;
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('|'));
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.semanticTokensProvider && 'legend' in caps.semanticTokensProvider ? caps.semanticTokensProvider.legend : undefined, semanticTokensLegend);
    assert.ok(caps.renameProvider);
    assert.ok(caps.codeActionProvider);
  });

  it('publishes syntax and semantic diagnostics on open and after each change', async () => {
    const uri = nextUri();
    const clean = await lsp.open(uri, 'AuditLogs\n| where Operation == "MailItemsAccessed"\n| take 10');
    assert.deepEqual(clean, []);

    const semantic = await lsp.replaceAll(uri, 'AuditLogs\n| where Operaton == "MailItemsAccessed"');
    const unknown = semantic.find((d) => d.code === 'unknown-column');
    assert.ok(unknown, JSON.stringify(semantic));
    assert.equal(unknown.severity, DiagnosticSeverity.Error);
    assert.equal(lsp.rangeText(uri, unknown.range), 'Operaton');
    assert.match(unknown.message as string, /Did you mean 'Operation'/);

    const syntax = await lsp.replaceAll(uri, 'AuditLogs\n| where Operation == "MailItemsAccessed\n| take 10');
    assert.ok(syntax.some((d) => d.code === 'unterminated-string'), JSON.stringify(syntax));
  });

  it('re-analyses only what an incremental change touched, and diagnostics follow the edit', async () => {
    const uri = nextUri();
    const text = 'AuditLogs | take 1\n\nSignIns | take 2\n\nDirectoryAudits | take 3\n';
    await lsp.open(uri, text);
    const before = lsp.server.model(uri)!;
    const at = text.indexOf('SignIns');
    const diags = await lsp.edit(uri, [{ range: { start: lsp.position(uri, at), end: lsp.position(uri, at + 'SignIns'.length) }, newText: 'SignIn' }]);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.code, 'unknown-table');
    assert.equal(diags[0]!.range.start.line, 2);
    const after = lsp.server.model(uri)!;
    assert.equal(after.blocks[0]!.analysis, before.blocks[0]!.analysis, 'the first block was re-used');
    assert.notEqual(after.blocks[1]!.analysis, before.blocks[1]!.analysis);
    assert.equal(after.blocks[2]!.analysis, before.blocks[2]!.analysis, 'the last block was re-used');
  });

  it('serves notebook cells like files', async () => {
    const uri = 'vscode-notebook-cell:/workspace/hunt.exq-notebook#W0sZmlsZQ%3D%3D';
    const diags = await lsp.open(uri, 'AuditLogs | summarize count() by Usr');
    assert.deepEqual(diags.map((d) => d.code), ['unknown-column']);
  });

  describe('completion', () => {
    it('offers the operators after |', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('AuditLogs\n| ┃');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      assert.deepEqual(new Set(labels(items)), operatorKeywords);
      const join = items.find((i) => i.label === 'join')!;
      assert.match(join.textEdit!.newText, /^join kind=\$\{1\|inner,/);
    });

    it('offers the tables at the start of a query', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('Aud┃');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      assert.ok(labels(items).includes('AuditLogs'));
      assert.ok(labels(items).includes('SignIns'));
      assert.equal(lsp.rangeText(uri, (items[0]!.textEdit as TextEdit).range), 'Aud');
    });

    it('offers the columns that flow to the cursor through project and extend', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('AuditLogs\n| project UserId, Operation, Time\n| extend Day = bin(Time, 1d)\n| where ┃');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      const columns = items.filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label).sort();
      assert.deepEqual(columns, ['Day', 'Operation', 'Time', 'UserId']);
      assert.ok(labels(items).includes('tolower'), 'scalar functions are offered');
      assert.ok(!labels(items).includes('dcount'), 'aggregates only in summarize');
    });

    it('offers the output of summarize, and aggregates inside summarize', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('AuditLogs\n| summarize Reads = count() by UserId\n| where ┃');
      await lsp.open(uri, text);
      const columns = (await lsp.completion(uri, offset)).filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label).sort();
      assert.deepEqual(columns, ['Reads', 'UserId']);

      const byList = withCursor('AuditLogs\n| project UserId, Operation\n| summarize count() by ┃');
      await lsp.replaceAll(uri, byList.text);
      const byColumns = (await lsp.completion(uri, byList.offset)).filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label).sort();
      assert.deepEqual(byColumns, ['Operation', 'UserId'], 'summarize groups by its input columns');

      const inside = withCursor('AuditLogs\n| summarize ┃');
      await lsp.replaceAll(uri, inside.text);
      const items = await lsp.completion(uri, inside.offset);
      for (const f of aggregateFunctions) assert.ok(labels(items).includes(f.name), f.name);
      const dcount = items.find((i) => i.label === 'dcount')!;
      assert.equal(dcount.detail, aggregateFunctions.find((f) => f.name === 'dcount')!.signature);
    });

    it('gives functions snippets with the catalogue signature', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('AuditLogs | extend X = ┃');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      const sub = items.find((i) => i.label === 'substring')!;
      assert.equal(sub.detail, scalarFunctions.find((f) => f.name === 'substring')!.signature);
      assert.equal(sub.textEdit!.newText, 'substring(${1:source}, ${2:startingIndex})');
      assert.equal(items.find((i) => i.label === 'now')!.textEdit!.newText, 'now($1)');
    });

    it('offers word operators after a value', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('AuditLogs | where Operation ┃');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      assert.ok(labels(items).includes('has'));
      assert.ok(labels(items).includes('!contains'));
      const order = withCursor('AuditLogs | order by Time ┃');
      await lsp.replaceAll(uri, order.text);
      assert.deepEqual(labels(await lsp.completion(uri, order.offset)).slice(0, 2), ['asc', 'desc']);
    });

    it('offers the values of the loaded data with their counts', async () => {
      const uri = nextUri();
      const ops = ['MailItemsAccessed', 'MailItemsAccessed', 'MailItemsAccessed', 'Add-MailboxPermission', 'Send'];
      const users = ['alice@contoso.com', 'bob@contoso.com', 'alice@contoso.com', 'eve"quote@contoso.com', 'alice@contoso.com'];
      const table = aq.table({ Operation: ops, UserId: users });
      await lsp.sendStatistics({ tables: [tableStatistics('AuditLogs', table)] });

      const { text, offset } = withCursor('AuditLogs | where Operation == "┃"');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      assert.deepEqual(labels(items), ['MailItemsAccessed', 'Add-MailboxPermission', 'Send']);
      assert.equal(items[0]!.detail, '3 rows');
      assert.equal(items[0]!.textEdit!.newText, 'MailItemsAccessed', 'the closing quote is already there');
      assert.equal(items[1]!.documentation as string, findOperation('Add-MailboxPermission')!.meaning);

      const open = withCursor('AuditLogs | where UserId == "a┃');
      await lsp.replaceAll(uri, open.text);
      const userItems = await lsp.completion(uri, open.offset);
      assert.deepEqual(labels(userItems), ['alice@contoso.com', 'bob@contoso.com', 'eve"quote@contoso.com']);
      assert.equal(userItems[0]!.textEdit!.newText, 'alice@contoso.com"', 'the string is closed');
      assert.equal(userItems[2]!.textEdit!.newText, 'eve\\"quote@contoso.com"', 'quotes in values are escaped');
      assert.equal(lsp.rangeText(uri, (userItems[0]!.textEdit as TextEdit).range), 'a');

      // A value of a column carried through project keeps its statistics.
      const carried = withCursor("AuditLogs | project Operation | where Operation in ('Send', '┃')");
      await lsp.replaceAll(uri, carried.text);
      assert.equal((await lsp.completion(uri, carried.offset))[0]!.label, 'MailItemsAccessed');
    });

    it('offers join kinds after kind= and chart kinds after render', async () => {
      const uri = nextUri();
      const join = withCursor('AuditLogs | join kind=┃');
      await lsp.open(uri, join.text);
      assert.ok(labels(await lsp.completion(uri, join.offset)).includes('leftanti'));
      const render = withCursor('AuditLogs | summarize count() by bin(Time, 1h) | render ┃');
      await lsp.replaceAll(uri, render.text);
      assert.ok(labels(await lsp.completion(uri, render.offset)).includes('timechart'));
    });

    it('offers the catalogue operations before any data is loaded', async () => {
      const uri = nextUri();
      const { text, offset } = withCursor('DirectoryAudits | where Operation =~ "┃"');
      await lsp.open(uri, text);
      const items = await lsp.completion(uri, offset);
      assert.ok(labels(items).includes('Consent to application'));
      assert.equal(items.find((i) => i.label === 'Consent to application')!.documentation as string, findOperation('Consent to application')!.meaning);
    });
  });

  describe('hover', () => {
    it('shows a column type, its meaning from the catalogue and its top values', async () => {
      const uri = nextUri();
      const text = 'AuditLogs | where Operation == "MailItemsAccessed"';
      await lsp.open(uri, text);
      const before = hoverText(await lsp.hover(uri, text.indexOf('Operation') + 2));
      assert.ok(before.includes(findColumn('AuditLogs', 'Operation')!.description), before);
      assert.match(before, /`string`/);

      await lsp.sendStatistics({ tables: [tableStatistics('AuditLogs', aq.table({ Operation: ['Send', 'MailItemsAccessed', 'Send'] }))] });
      const after = hoverText(await lsp.hover(uri, text.indexOf('Operation') + 2));
      assert.match(after, /Top values \(2 distinct in 3 rows\): `Send` 2 · `MailItemsAccessed` 1/);
    });

    it('explains an operation name, with its count in the data', async () => {
      const uri = nextUri();
      const text = 'AuditLogs | where Operation == "Add-MailboxPermission"';
      await lsp.open(uri, text);
      await lsp.sendStatistics({ tables: [tableStatistics('AuditLogs', aq.table({ Operation: ['Add-MailboxPermission', 'Send'] }))] });
      const h = await lsp.hover(uri, text.indexOf('Add-Mailbox') + 3);
      const value = hoverText(h);
      assert.ok(value.includes(findOperation('Add-MailboxPermission')!.meaning), value);
      assert.match(value, /1 rows in the loaded AuditLogs\.Operation/);
      assert.equal(lsp.rangeText(uri, h!.range!), '"Add-MailboxPermission"');
    });

    it('shows function signatures, operators, tables and lets', async () => {
      const uri = nextUri();
      const text = 'let since = ago(7d);\nAuditLogs\n| where Time > since\n| summarize dcount(UserId)';
      await lsp.open(uri, text);
      assert.match(hoverText(await lsp.hover(uri, text.indexOf('ago') + 1)), /ago\(timespan: timespan\): datetime/);
      assert.match(hoverText(await lsp.hover(uri, text.indexOf('dcount') + 1)), /\(aggregate\) `dcount/);
      assert.match(hoverText(await lsp.hover(uri, text.indexOf('summarize') + 1)), /Groups rows/);
      assert.match(hoverText(await lsp.hover(uri, text.indexOf('AuditLogs') + 1)), /\(table\) \*\*AuditLogs\*\*/);
      assert.match(hoverText(await lsp.hover(uri, text.lastIndexOf('since') + 1)), /\(let\) \*\*since\*\*: `datetime`/);
    });
  });

  it('gives signature help with the active parameter', async () => {
    const uri = nextUri();
    const { text, offset } = withCursor('AuditLogs | extend D = bin(Time, ┃)');
    await lsp.open(uri, text);
    const help = await lsp.signatureHelp(uri, offset);
    assert.ok(help);
    const sig = help.signatures[0]!;
    assert.match(sig.label, /^bin\(/);
    assert.equal(help.activeParameter, 1);
    const [s, e] = sig.parameters![1]!.label as [number, number];
    assert.equal(sig.label.slice(s, e), 'roundTo: timespan | number');
  });

  describe('code actions', () => {
    it('did-you-mean applies and the diagnostic goes away', async () => {
      const uri = nextUri();
      const diags = await lsp.open(uri, 'AuditLogs\n| where Operaton == "Send"\n| summarize count() by UserI');
      // The where clause's error keeps the binder from piling a second one on the summarize.
      assert.deepEqual(diags.map((d) => d.code), ['unknown-column']);
      const actions = await lsp.codeActions(uri, [diags[0]!]);
      assert.ok(actions && actions.length > 0);
      assert.equal(actions[0]!.title, "Change 'Operaton' to 'Operation'");
      assert.equal(actions[0]!.isPreferred, true);
      const after = await lsp.applyWorkspaceEdit(uri, actions[0]!.edit!);
      assert.deepEqual(after.map((d) => lsp.rangeText(uri, d.range)), ['UserI']);
      const second = await lsp.codeActions(uri, after);
      const left = await lsp.applyWorkspaceEdit(uri, second![0]!.edit!);
      assert.deepEqual(left, []);
      assert.equal(lsp.text(uri), 'AuditLogs\n| where Operation == "Send"\n| summarize count() by UserId');
    });

    it('inserts a missing pipe', async () => {
      const uri = nextUri();
      const diags = await lsp.open(uri, 'AuditLogs where UserId == "a"');
      const missing = diags.find((d) => d.code === 'missing-pipe')!;
      const actions = await lsp.codeActions(uri, [missing]);
      assert.equal(actions![0]!.title, "Insert '|' before 'where'");
      assert.deepEqual(await lsp.applyWorkspaceEdit(uri, actions![0]!.edit!), []);
      assert.equal(lsp.text(uri), 'AuditLogs | where UserId == "a"');
    });

    it('replaces typographic quotes with straight ones', async () => {
      const uri = nextUri();
      const diags = await lsp.open(uri, 'AuditLogs | where Operation == \u201cMailItemsAccessed\u201d or UserId == \u2018bob\u2019');
      const quotes = diags.filter((d) => d.code === 'wrong-quote');
      assert.equal(quotes.length, 2);
      const actions = (await lsp.codeActions(uri, [quotes[0]!]))!;
      assert.equal(actions[0]!.title, 'Use straight quotes');
      const all = actions.find((a) => a.title.includes('everywhere'))!;
      assert.deepEqual(await lsp.applyWorkspaceEdit(uri, all.edit!), []);
      assert.equal(lsp.text(uri), 'AuditLogs | where Operation == "MailItemsAccessed" or UserId == "bob"');
    });

    it('offers nothing for a diagnostic that no longer matches the document', async () => {
      const uri = nextUri();
      const diags = await lsp.open(uri, 'AuditLogs | where Operaton == "Send"');
      await lsp.replaceAll(uri, 'AuditLogs | take 1');
      assert.deepEqual(await lsp.codeActions(uri, diags), []);
    });
  });

  it('classifies tokens for semantic highlighting', async () => {
    const uri = nextUri();
    const text = '// reads\nlet n = 10;\nAuditLogs\n| where Operation == "Send"\n| extend D = bin(Time, 1h)\n| take n';
    await lsp.open(uri, text);
    const { data } = await lsp.semanticTokens(uri);
    const types = semanticTokensLegend.tokenTypes;
    const decoded: Array<{ text: string; type: string }> = [];
    let line = 0;
    let ch = 0;
    const lines = text.split('\n');
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i]! === 0 ? ch + data[i + 1]! : data[i + 1]!;
      decoded.push({ text: lines[line]!.slice(ch, ch + data[i + 2]!), type: types[data[i + 3]!]! });
    }
    const typeOf = (t: string): string | undefined => decoded.find((d) => d.text === t)?.type;
    assert.equal(typeOf('// reads'), 'comment');
    assert.equal(typeOf('let'), 'keyword');
    assert.equal(typeOf('AuditLogs'), 'class');
    assert.equal(typeOf('where'), 'keyword');
    assert.equal(typeOf('Operation'), 'property');
    assert.equal(typeOf('"Send"'), 'string');
    assert.equal(typeOf('bin'), 'function');
    assert.equal(typeOf('1h'), 'number');
    assert.equal(typeOf('n'), 'variable');
    assert.equal(typeOf('=='), 'operator');
  });

  it('formats a pipe per line, idempotently, without changing the diagnostics', async () => {
    const uri = nextUri();
    const messy = 'AuditLogs|where Operation=="Send"   and UserId has "bob" | extend D=bin(Time,1h)|summarize  n=count()by D // per hour\n\n\n\nSignIns | take   5';
    const before = await lsp.open(uri, messy);
    const edits = (await lsp.format(uri))!;
    assert.equal(edits.length, 1);
    const after = await lsp.edit(uri, edits);
    assert.equal(lsp.text(uri), [
      'AuditLogs',
      '| where Operation == "Send" and UserId has "bob"',
      '| extend D = bin(Time, 1h)',
      '| summarize n = count() by D // per hour',
      '',
      'SignIns',
      '| take 5',
    ].join('\n'));
    assert.deepEqual(after, before);
    assert.deepEqual(await lsp.format(uri), [], 'formatting again changes nothing');
  });

  it('folds blocks, multi-line lets and comment runs', async () => {
    const uri = nextUri();
    const text = '// one\n// two\nlet a = AuditLogs\n    | where true;\na\n| take 1\n\nSignIns\n| take 1';
    await lsp.open(uri, text);
    const ranges = (await lsp.folding(uri))!.map((r) => `${r.startLine}-${r.endLine}${r.kind ? `:${r.kind}` : ''}`).sort();
    assert.deepEqual(ranges, ['0-1:comment', '2-3', '2-5:region', '7-8:region']);
  });

  it('goes to the definition of a let and renames it everywhere', async () => {
    const uri = nextUri();
    const text = 'let since = ago(1d);\nAuditLogs\n| where Time > since\n| extend Age = now() - since';
    await lsp.open(uri, text);
    const use = text.lastIndexOf('since');
    const def = await lsp.definition(uri, use + 1);
    assert.deepEqual(def?.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } });

    const prep = await lsp.prepareRename(uri, use + 2);
    assert.equal(prep?.placeholder, 'since');
    await assert.rejects(lsp.rename(uri, use, 'Time'), /already the name of a column/);
    await assert.rejects(lsp.rename(uri, use, 'not a name'), /not a valid name/);
    const edit = (await lsp.rename(uri, use, 'cutoff'))!;
    assert.equal(edit.changes![uri]!.length, 3);
    assert.deepEqual(await lsp.applyWorkspaceEdit(uri, edit), []);
    assert.equal(lsp.text(uri), 'let cutoff = ago(1d);\nAuditLogs\n| where Time > cutoff\n| extend Age = now() - cutoff');
  });
});
