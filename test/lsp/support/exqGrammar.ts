/**
 * The TextMate grammar of EXQ (syntaxes/exq.tmLanguage.json), built from the lists the language
 * itself uses: the parser's operator keywords, join and render kinds, the function catalogue, the
 * lexer's negatable word operators and the schema catalogue's tables. grammar.test.ts checks that
 * the file on disk is exactly this; `npx tsx test/lsp/support/writeExqGrammar.ts` rewrites it.
 */
import { aggregateFunctions, joinKinds, operatorKeywords, renderKinds, scalarFunctions } from '../../../src/core/query';
import { negatableWords } from '../../../src/core/query/syntax/token';
import { tables } from '../../../src/core/schema';

/** Timespan suffixes (the lexer reads them case-insensitively); grammar.test.ts checks each with the lexer. */
export const timespanUnits = [
  'd', 'day', 'days', 'h', 'hr', 'hrs', 'hour', 'hours', 'm', 'min', 'minute', 'minutes', 's', 'sec', 'second', 'seconds',
  'ms', 'milli', 'millis', 'millisecond', 'milliseconds', 'microsecond', 'microseconds', 'tick', 'ticks',
];
export const otherKeywords = ['let', 'by', 'on', 'kind', 'asc', 'desc', 'nulls', 'first', 'last', 'with', 'withsource', 'to', 'typeof', 'datatable', 'bagexpansion', 'with_itemindex'];
export const typeNames = ['string', 'long', 'int', 'real', 'double', 'decimal', 'bool', 'boolean', 'datetime', 'date', 'timespan', 'time', 'dynamic'];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
/** An alternation, longest first so that `project-away` wins over `project`. */
const alt = (words: Iterable<string>): string => [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escape).join('|');
/** Word boundaries that treat `-` as part of a word (project-away, mv-expand). */
const word = (words: Iterable<string>): string => `(?<![\\w$-])(?:${alt(words)})(?![\\w-])`;

export function functionNames(): string[] {
  return [...new Set([...scalarFunctions.map((f) => f.name), ...aggregateFunctions.map((f) => f.name)])].sort();
}

export function buildExqGrammar(): Record<string, unknown> {
  const negatable = [...negatableWords];
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'EXQ',
    scopeName: 'source.exq',
    fileTypes: ['exq'],
    patterns: [
      { include: '#comment' },
      { include: '#string' },
      { include: '#typed-literal' },
      { include: '#timespan' },
      { include: '#number' },
      { include: '#join-kind' },
      { include: '#render-kind' },
      { include: '#word-operator' },
      { include: '#function' },
      { include: '#tabular-operator' },
      { include: '#keyword' },
      { include: '#constant' },
      { include: '#table' },
      { include: '#type' },
      { include: '#join-side' },
      { include: '#operator' },
      { include: '#punctuation' },
    ],
    repository: {
      comment: { name: 'comment.line.double-slash.exq', match: '//.*$' },
      string: {
        patterns: [
          { name: 'string.quoted.other.multiline.exq', begin: '```', end: '```' },
          {
            name: 'string.quoted.double.verbatim.exq', begin: '[hH]?@"', end: '"(?!")|$',
            patterns: [{ name: 'constant.character.escape.exq', match: '""' }],
          },
          {
            name: 'string.quoted.single.verbatim.exq', begin: "[hH]?@'", end: "'(?!')|$",
            patterns: [{ name: 'constant.character.escape.exq', match: "''" }],
          },
          {
            name: 'string.quoted.double.exq', begin: '[hH]?"', end: '"|$',
            patterns: [{ name: 'constant.character.escape.exq', match: '\\\\.' }],
          },
          {
            name: 'string.quoted.single.exq', begin: "[hH]?'", end: "'|$",
            patterns: [{ name: 'constant.character.escape.exq', match: '\\\\.' }],
          },
        ],
      },
      'typed-literal': {
        match: '\\b(datetime|timespan|time)\\s*(\\()([^)\\n]*)(\\))',
        captures: {
          1: { name: 'storage.type.exq' },
          2: { name: 'punctuation.parenthesis.begin.exq' },
          3: { name: 'constant.numeric.datetime.exq' },
          4: { name: 'punctuation.parenthesis.end.exq' },
        },
      },
      timespan: { name: 'constant.numeric.timespan.exq', match: `\\b\\d+(?:\\.\\d+)?(?i:${alt(timespanUnits)})\\b` },
      number: { name: 'constant.numeric.exq', match: '\\b(?:0[xX][0-9a-fA-F]+|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)\\b' },
      'join-kind': {
        match: `\\b(kind)\\s*(=)\\s*(${alt(joinKinds)})\\b`,
        captures: { 1: { name: 'keyword.other.exq' }, 2: { name: 'keyword.operator.assignment.exq' }, 3: { name: 'support.constant.join-kind.exq' } },
      },
      'render-kind': {
        match: `\\b(render)\\s+(${alt(renderKinds)})\\b`,
        captures: { 1: { name: 'keyword.control.operator.exq' }, 2: { name: 'support.constant.chart.exq' } },
      },
      'word-operator': {
        patterns: [
          { name: 'keyword.operator.word.exq', match: `!?in~|!(?:${alt(negatable)})\\b|\\bmatches\\s+regex\\b` },
          { name: 'keyword.operator.word.exq', match: word([...negatable, 'and', 'or']) },
        ],
      },
      'tabular-operator': { name: 'keyword.control.operator.exq', match: word(operatorKeywords) },
      keyword: { name: 'keyword.other.exq', match: word(otherKeywords) },
      constant: { name: 'constant.language.exq', match: '\\b(?:true|false|null)\\b' },
      function: { name: 'support.function.exq', match: `\\b(?:${alt(functionNames())})(?=\\s*\\()` },
      table: { name: 'support.class.table.exq', match: `\\b(?:${alt(tables.map((t) => t.name))})\\b` },
      type: { name: 'storage.type.exq', match: `\\b(?:${alt(typeNames)})\\b` },
      'join-side': { name: 'variable.language.exq', match: '\\$(?:left|right)\\b' },
      operator: {
        patterns: [
          { name: 'keyword.operator.pipe.exq', match: '\\|' },
          { name: 'keyword.operator.comparison.exq', match: '==|!=|=~|!~|<>|<=|>=|<|>' },
          { name: 'keyword.operator.range.exq', match: '\\.\\.' },
          { name: 'keyword.operator.assignment.exq', match: '=' },
          { name: 'keyword.operator.arithmetic.exq', match: '[-+*/%]' },
        ],
      },
      punctuation: {
        patterns: [
          { name: 'punctuation.separator.comma.exq', match: ',' },
          { name: 'punctuation.terminator.statement.exq', match: ';' },
          { name: 'punctuation.accessor.exq', match: '\\.' },
        ],
      },
    },
  };
}
