import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { aggregateFunctions, lex, operatorKeywords, scalarFunctions } from '../../src/core/query';
import { hyphenatedNames } from '../../src/core/query/syntax/token';
import { tables } from '../../src/core/schema';
import { buildExqGrammar, functionNames, timespanUnits } from './support/exqGrammar';

const root = path.resolve(__dirname, '..', '..');
const grammarPath = path.join(root, 'syntaxes', 'exq.tmLanguage.json');
const grammarText = readFileSync(grammarPath, 'utf8');

type Scoped = Array<{ text: string; scopes: string[] }>;

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => (scopeName === 'source.exq' ? vsctm.parseRawGrammar(grammarText, grammarPath) : null),
  });
  const grammar = await registry.loadGrammar('source.exq');
  if (!grammar) throw new Error('grammar did not load');
  return grammar;
}

function tokenize(grammar: vsctm.IGrammar, text: string): Scoped[] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scope at the first whole-word occurrence of `text` (strings: the scope of their content). */
function scopeOf(lines: Scoped[], text: string): string | undefined {
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rx = new RegExp(`${/^[\w$]/.test(text) ? '(?<![\\w$-])' : ''}${esc}${/\w$/.test(text) ? '(?![\\w-])' : ''}`);
  for (const line of lines) {
    const lineText = line.map((t) => t.text).join('');
    const m = rx.exec(lineText);
    if (!m) continue;
    let at = 0;
    for (const t of line) {
      if (m.index < at + t.text.length) return t.scopes[t.scopes.length - 1];
      at += t.text.length;
    }
  }
  return undefined;
}

describe('EXQ TextMate grammar', () => {
  let grammar: vsctm.IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  it('is the grammar built from the language\'s own lists (rewrite with test/lsp/support/writeExqGrammar.ts)', () => {
    assert.deepEqual(JSON.parse(grammarText), buildExqGrammar());
  });

  it('names exactly the catalogue functions and aggregates', () => {
    const match = ((JSON.parse(grammarText) as { repository: Record<string, { match: string }> }).repository.function!).match;
    const listed = /\(\?:(.*)\)\(\?=/.exec(match)![1]!.split('|').sort();
    const expected = [...new Set([...scalarFunctions, ...aggregateFunctions].map((f) => f.name))].sort();
    assert.deepEqual(listed, expected);
    assert.deepEqual(functionNames(), expected);
  });

  it('uses only timespan units the lexer reads', () => {
    for (const unit of timespanUnits) {
      const tokens = lex(`3${unit}`).tokens;
      assert.equal(tokens[0]!.kind, 'timespan', unit);
    }
  });

  it('tokenizes keywords, operators, functions, tables, literals and comments', () => {
    const lines = tokenize(grammar, [
      '// who read whose mail',
      'let since = ago(7d);',
      'AuditLogs',
      '| where Time > since and Operation == "MailItemsAccessed" and UserId !has @"svc"',
      "| where ClientIP !in~ ('10.0.0.1') and Folders[0].Path startswith 'Inbox'",
      '| extend Day = bin(Time, 1h), Start = datetime(2024-01-01), Rate = 1.5e3',
      '| project-away Folders',
      '| mv-expand Parameters',
      '| join kind=leftouter (SignIns | project UserId) on $left.UserId == $right.UserId',
      '| summarize Reads = count(), Mailboxes = dcount(MailboxOwnerUPN) by Day',
      '| order by Reads desc',
      '| render timechart',
    ].join('\n'));
    assert.equal(scopeOf(lines, '// who read whose mail'), 'comment.line.double-slash.exq');
    assert.equal(scopeOf(lines, 'let'), 'keyword.other.exq');
    assert.equal(scopeOf(lines, 'ago'), 'support.function.exq');
    assert.equal(scopeOf(lines, '7d'), 'constant.numeric.timespan.exq');
    assert.equal(scopeOf(lines, '1h'), 'constant.numeric.timespan.exq');
    assert.equal(scopeOf(lines, 'AuditLogs'), 'support.class.table.exq');
    assert.equal(scopeOf(lines, 'SignIns'), 'support.class.table.exq');
    assert.equal(scopeOf(lines, '|'), 'keyword.operator.pipe.exq');
    assert.equal(scopeOf(lines, 'where'), 'keyword.control.operator.exq');
    assert.equal(scopeOf(lines, 'and'), 'keyword.operator.word.exq');
    assert.equal(scopeOf(lines, '=='), 'keyword.operator.comparison.exq');
    assert.equal(scopeOf(lines, '!has'), 'keyword.operator.word.exq');
    assert.equal(scopeOf(lines, '!in~'), 'keyword.operator.word.exq');
    assert.equal(scopeOf(lines, 'startswith'), 'keyword.operator.word.exq');
    assert.equal(scopeOf(lines, 'MailItemsAccessed'), 'string.quoted.double.exq');
    assert.equal(scopeOf(lines, 'svc'), 'string.quoted.double.verbatim.exq');
    assert.equal(scopeOf(lines, 'Inbox'), 'string.quoted.single.exq');
    assert.equal(scopeOf(lines, '2024-01-01'), 'constant.numeric.datetime.exq');
    assert.equal(scopeOf(lines, '1.5e3'), 'constant.numeric.exq');
    assert.equal(scopeOf(lines, 'project-away'), 'keyword.control.operator.exq');
    assert.equal(scopeOf(lines, 'mv-expand'), 'keyword.control.operator.exq');
    assert.equal(scopeOf(lines, 'leftouter'), 'support.constant.join-kind.exq');
    assert.equal(scopeOf(lines, '$left'), 'variable.language.exq');
    assert.equal(scopeOf(lines, 'on'), 'keyword.other.exq');
    assert.equal(scopeOf(lines, 'count'), 'support.function.exq', 'count() is the aggregate here');
    assert.equal(scopeOf(lines, 'by'), 'keyword.other.exq');
    assert.equal(scopeOf(lines, 'desc'), 'keyword.other.exq');
    assert.equal(scopeOf(lines, 'timechart'), 'support.constant.chart.exq');
    assert.equal(scopeOf(lines, 'Operation'), 'source.exq', 'columns are left to semantic highlighting');
  });

  it('keeps multi-line ``` strings and does not run a broken string past its line', () => {
    const lines = tokenize(grammar, 'print x = ```line one\n| where not a pipe\n```\n| take "unterminated\n| count');
    assert.ok(lines[1]!.every((t) => t.scopes.includes('string.quoted.other.multiline.exq')));
    assert.equal(scopeOf(lines.slice(4), 'count'), 'keyword.control.operator.exq');
  });

  it('treats every operator keyword and table name as such', () => {
    for (const k of operatorKeywords) {
      const lines = tokenize(grammar, `T | ${k} x`);
      assert.equal(scopeOf(lines, k), 'keyword.control.operator.exq', k);
    }
    for (const t of tables) assert.equal(scopeOf(tokenize(grammar, `${t.name} | take 1`), t.name), 'support.class.table.exq');
  });

  it('has a word pattern that keeps hyphenated operators whole and nothing else', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'language-configuration.json'), 'utf8')) as { wordPattern: string };
    const rx = new RegExp(config.wordPattern, 'g');
    for (const name of hyphenatedNames) assert.deepEqual(name.match(rx), [name], name);
    assert.deepEqual('Count-Day'.match(rx), ['Count', 'Day']);
    assert.deepEqual('$left.UserId'.match(rx), ['$left', 'UserId']);
  });
});
