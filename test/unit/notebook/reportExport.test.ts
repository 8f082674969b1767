import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { codeBlock, escapeTableCell, notebookReport, type ReportInput } from '../../../src/core/notebook';

const hostile = [
  '<img src=x onerror=alert(1)>',
  'a | b',
  'line one\nline two',
  '`code` and ``` fences',
  '[click](javascript:alert(1))',
  '**bold** _em_ ~~gone~~',
  '&lt;script&gt;',
  '\\| escaped pipe',
  '![img](http://evil/x.png)',
];

const input: ReportInput = {
  title: 'Case <b>42</b>',
  facts: ['Data: 3 records', 'Sources: a|b.csv'],
  cells: [
    { kind: 'markdown', source: '## Delegation\n\nWho got FullAccess.' },
    {
      kind: 'code', language: 'exq', source: 'AuditLogs\n| where Subject has "```"', executionOrder: 2, success: true, durationMs: 12.4,
      outputs: [{ kind: 'table', columns: ['Value', 'Col|umn'], rows: hostile.map((h, i) => [h, String(i)]), totalRows: 900, elapsedMs: 3 }],
    },
    { kind: 'code', language: 'exq', source: 'SignIns | summarize n = count() by Country | render piechart', outputs: [{ kind: 'table', columns: ['Country', 'n'], rows: [['GB', '3']], totalRows: 1, chart: 'piechart' }] },
    { kind: 'code', language: 'exq', source: 'AuditLogs | where Nope', success: false, outputs: [{ kind: 'error', message: "EXQ error: line 1, column 20: Unknown column 'Nope' <i>" }] },
    { kind: 'code', language: 'exq', source: 'AuditLogs | take 1', outputs: [] },
  ],
};

type MarkdownIt = { render(src: string): string };
function markdownIt(): MarkdownIt | undefined {
  try {
    const req = createRequire(__filename);
    const Ctor = req('markdown-it') as new (opts: object) => MarkdownIt;
    return new Ctor({ html: true, linkify: true });
  } catch {
    return undefined;
  }
}

/** Splits a Markdown table row on its unescaped pipes. */
function cells(row: string): string[] {
  return row.replace(/^\|\s?|\s?\|$/g, '').split(/(?<!\\)\|/);
}

describe('notebook: Markdown report export', () => {
  const report = notebookReport(input, { maxRows: 5 });

  it('has the title, the facts, the Markdown cells, each query in a code block and its outputs', () => {
    assert.ok(report.startsWith('# Case \\<b\\>42\\</b\\>\n'), report.slice(0, 80));
    assert.ok(report.includes('- Sources: a\\|b.csv'));
    assert.ok(report.includes('## Delegation\n\nWho got FullAccess.'));
    assert.ok(report.includes('**Query 1**, run [2], 12 ms'));
    assert.ok(report.includes('````kusto\nAuditLogs\n| where Subject has "```"\n````'), 'the fence is longer than the backticks inside');
    assert.ok(report.includes('*900 rows in 3 ms, first 5 rows shown.*'));
    assert.ok(report.includes('*Data of the piechart: 1 row.*\n\n| Country | n |'));
    assert.ok(report.includes("> **Error:** EXQ error: line 1, column 20: Unknown column 'Nope' \\<i\\>"));
    assert.ok(report.includes('**Query 3**, failed'));
    assert.ok(report.includes('*Not run.*'));
    assert.ok(report.endsWith('\n'));
  });

  it('keeps every table row to its columns whatever the values hold', () => {
    const lines = report.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Value |'));
    assert.ok(header >= 0);
    assert.deepEqual(cells(lines[header]!).map((c) => c.trim()), ['Value', 'Col\\|umn']);
    const rows = lines.slice(header + 2, header + 7);
    assert.equal(rows.length, 5);
    for (const row of rows) assert.equal(cells(row).length, 2, row);
    assert.ok(!rows.some((r) => r.includes('\n')));
  });

  it('renders hostile values as their own text, with no HTML, image or link (markdown-it, HTML allowed)', function () {
    const md = markdownIt();
    if (!md) {
      console.log('    (markdown-it is not installed: skipped)');
      this.skip();
    }
    const html = md.render(notebookReport(input, { maxRows: 100 }));
    assert.ok(!/<img|<script|<b>|<i>|href="javascript/i.test(html), html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('[click](javascript:alert(1))'));
    assert.ok(html.includes('&amp;lt;script&amp;gt;'), 'entities in data stay as typed');
    assert.ok(html.includes('line one<br>line two'));
    assert.ok(!/<(strong|em|s|del|code)>/.test(html.split('<table>')[1]!.split('</table>')[0]!), 'no formatting inside the table');
    assert.equal((html.match(/<tr>/g) ?? []).length, 1 + hostile.length + 1 + 1, 'header + 9 rows, and the chart table');
  });

  it('escapes table cells and builds fences that cannot be closed from inside', () => {
    assert.equal(escapeTableCell('a|b\r\nc*d'), 'a\\|b<br>c\\*d');
    assert.equal(codeBlock('x ```` y', 'kusto'), '`````kusto\nx ```` y\n`````');
    assert.equal(codeBlock('plain'), '```\nplain\n```');
  });

  it('leaves a language id that is not a plain word off the fence', () => {
    const r = notebookReport({ title: 't', cells: [{ kind: 'code', language: 'x\n<script>', source: 'q', outputs: [] }] });
    assert.ok(r.includes('```\nq\n```'), r);
  });
});
