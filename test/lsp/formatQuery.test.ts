import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, parseDocument } from '../../src/core/query';
import { formatDocument } from '../../src/server/format/formatQuery';

const options = { indent: '    ' };
const format = (text: string): string => formatDocument(text, options);
const positionKeys = new Set(['start', 'end', 'extent', 'opRange', 'argsRange']);
const tree = (text: string): string => JSON.stringify(parseDocument(text).blocks.map((b) => b.statements), (k, v: unknown) => (positionKeys.has(k) ? undefined : v));
const comments = (text: string): string[] => parseDocument(text).comments.map((c) => text.slice(c.start, c.end));
const codes = (text: string): string[] => analyze(text).diagnostics.map((d) => `${d.code}:${d.message}`);

describe('formatDocument', () => {
  it('puts each pipe on its own line with consistent spacing', () => {
    assert.equal(
      format('let since=ago(7d);let admins=AuditLogs|where Operation=="Add-MailboxPermission"|project UserId;\nAuditLogs|where Time>since and UserId !in (admins)|summarize Reads=count(),Mailboxes=dcount(MailboxOwnerUPN)by UserId|order by Reads desc'),
      [
        'let since = ago(7d);',
        'let admins = AuditLogs',
        '    | where Operation == "Add-MailboxPermission"',
        '    | project UserId;',
        'AuditLogs',
        '| where Time > since and UserId !in (admins)',
        '| summarize Reads = count(), Mailboxes = dcount(MailboxOwnerUPN) by UserId',
        '| order by Reads desc',
      ].join('\n'),
    );
  });

  it('glues calls, indexers, members, options and signs, and keeps wildcards whole', () => {
    assert.equal(
      format('AuditLogs | extend P = Folders [0] . Path, N = - 1, S = split(UserId, "@") [1] | join kind = leftouter (SignIns) on $left . UserId == $right . UserId | project-away Client* , Mailbox*Guid'),
      [
        'AuditLogs',
        '| extend P = Folders[0].Path, N = -1, S = split(UserId, "@")[1]',
        '| join kind=leftouter (SignIns) on $left.UserId == $right.UserId',
        '| project-away Client*, Mailbox*Guid',
      ].join('\n'),
    );
  });

  it('keeps comments and the user\'s other line breaks, and one blank line between blocks', () => {
    const text = '// first\nAuditLogs // all of it\n| where A == 1\n  and B == 2\n\n\n\n// second\n\nSignIns\n|take 1\n';
    assert.equal(format(text), '// first\nAuditLogs // all of it\n| where A == 1\n    and B == 2\n\n// second\n\nSignIns\n| take 1\n');
  });

  it('leaves a block with syntax errors as written', () => {
    const text = 'AuditLogs|where  (A ==\n\nSignIns|take 1';
    assert.equal(format(text), 'AuditLogs|where  (A ==\n\nSignIns\n| take 1');
  });

  it('keeps subquery pipes inside their parentheses, indented', () => {
    assert.equal(
      format('AuditLogs | join kind=inner (SignIns | where ResultType == 0 | project UserId) on UserId'),
      'AuditLogs\n| join kind=inner (SignIns\n    | where ResultType == 0\n    | project UserId) on UserId',
    );
  });

  const fragments = [
    'where Operation == "MailItemsAccessed"', 'where UserId has_any ("a", "b")', 'where Time between (ago(1d) .. now())',
    'extend Day = bin(Time, 1h)', 'extend X = iff(isempty(UserId), "none", tolower(UserId))', 'extend F = Folders[0].Path',
    'project UserId, Operation, Time', 'project-away Folders', 'summarize n = count(), u = dcount(UserId) by Operation',
    'summarize arg_max(Time, *) by UserId', 'order by Time desc, UserId asc', 'top 5 by Time', 'take 10', 'distinct UserId',
    'mv-expand Folders', 'join kind=leftanti (SignIns | project UserId) on UserId', 'where ClientIP !in~ ("1.2.3.4")',
    'extend N = -1 * strlen(UserId)', 'where not(isnull(Time))', 'count',
  ];
  const spaced = (s: string, gaps: readonly string[]): string => {
    let i = 0;
    return s.replace(/ /g, () => gaps[i++ % gaps.length]!);
  };
  const gap = fc.constantFrom(' ', '  ', '\n', '\n\t', ' \n  ');
  const block = fc.record({
    table: fc.constantFrom('AuditLogs', 'SignIns', 'DirectoryAudits'),
    ops: fc.array(fc.record({ op: fc.constantFrom(...fragments), gaps: fc.array(gap, { minLength: 1, maxLength: 5 }), pipeGap: gap, comment: fc.boolean() }), { maxLength: 6 }),
    lead: fc.option(fc.constantFrom('let k = 5;', 'let T = AuditLogs | take 3;', '// hunt'), { nil: undefined }),
  }).map(({ table, ops, lead }) => {
    let text = lead ? `${lead}\n${table}` : table;
    for (const o of ops) text += `${o.comment ? ' // c\n' : o.pipeGap}|${spaced(o.op, o.gaps)}`;
    return text;
  });

  it('is idempotent and keeps every query\'s meaning (random queries)', () => {
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n\n', '\n\n\n', '\n  \n'), (blocks, sep) => {
      const text = blocks.join(sep);
      const once = format(text);
      assert.equal(format(once), once, 'formatting twice changes nothing');
      assert.equal(tree(once), tree(text), 'same syntax tree');
      assert.deepEqual(comments(once), comments(text));
      assert.deepEqual(codes(once).length, codes(text).length);
      assert.deepEqual(parseDocument(text).diagnostics, [], 'the generator writes valid queries');
      for (const line of once.split('\n')) assert.ok(!/^\s*[^|\s].*\|/.test(line.replace(/\(.*\)|"[^"]*"/g, '')), `a pipe in the middle of: ${line}`);
    }), { numRuns: 300 });
  });

  it('never changes the meaning of arbitrary text', () => {
    const junk = fc.array(fc.constantFrom('|', 'where', 'A', '==', '"x"', '(', ')', ',', '\n', ' ', '\n\n', '//c\n', 'let', '=', ';', '*', 'Client', '-', '1', '1h', '.', '[', ']', '“', '```', 'kind', 'by'), { maxLength: 40 });
    fc.assert(fc.property(junk, (parts) => {
      const text = parts.join('');
      const once = format(text);
      assert.equal(tree(once), tree(text));
      assert.deepEqual(comments(once), comments(text));
      assert.equal(format(once), once);
    }), { numRuns: 500 });
  });
});
