import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { cellError, errorReport, NO_DATA_MESSAGE, runCell, type CellOutcome } from '../../../src/extension/notebook/cellRunner';
import { displayText } from '../../../src/protocol/notebookValues';

const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);
const tables = {
  AuditLogs: aq.table({
    Time: Float64Array.from([T0, T0 + 60_000, T0 + 120_000]),
    Id: ['r1', 'r2', 'r3'],
    Operation: ['MailItemsAccessed', 'Add-MailboxPermission', 'MailItemsAccessed'],
    UserId: ['<img src=x onerror=alert(1)>', 'admin@contoso.com', "x'); process.exit(1); ('"],
    MailboxOwnerUPN: ['ceo@contoso.com', 'ceo@contoso.com', 'cfo@contoso.com'],
    Folders: [[{ Path: '\\Inbox' }], null, { a: { b: [1, 2] } }],
  }),
};

const run = (text: string, signal = new AbortController().signal, env: Parameters<typeof runCell>[1] = { tables }) => runCell(text, env, signal);

function results(o: CellOutcome) {
  assert.equal(o.kind, 'results');
  return o as Extract<CellOutcome, { kind: 'results' }>;
}

describe('notebook: running a cell', () => {
  it('runs the query and gives the rows, types and render hint', async () => {
    const o = results(await run('AuditLogs\n| where Operation == "MailItemsAccessed"\n| project Time, UserId, Folders\n| render timeline'));
    assert.deepEqual(o.errors, []);
    const [p] = o.results;
    assert.deepEqual(p!.columns, [{ name: 'Time', type: 'datetime' }, { name: 'UserId', type: 'string' }, { name: 'Folders', type: 'dynamic' }]);
    assert.equal(p!.totalRows, 2);
    assert.equal(p!.rows[0]![0], T0);
    assert.equal(displayText(p!.rows[0]![0]!, 'datetime'), '2024-03-04T09:00:00.000Z');
    assert.deepEqual(p!.rows[1]![2], { a: { b: [1, 2] } });
    assert.deepEqual(p!.render, { kind: 'timeline', props: {} });
    assert.equal(p!.block, undefined);
  });

  it('runs every query block of a cell, numbering them', async () => {
    const o = results(await run('AuditLogs | count\n\n// second\nAuditLogs | summarize n = count() by MailboxOwnerUPN'));
    assert.deepEqual(o.results.map((r) => [r.block, r.totalRows]), [[1, 1], [2, 2]]);
  });

  it('reports errors with their line and column and runs nothing', async () => {
    const text = 'AuditLogs\n| where Operaton == "x"\n| take 5';
    const o = results(await run(text));
    assert.deepEqual(o.results, []);
    assert.equal(o.errors.length, 1);
    const e = o.errors[0]!;
    assert.deepEqual([e.line, e.column, e.endLine, e.endColumn, e.phase], [2, 9, 2, 17, 'check']);
    assert.match(e.message, /Operaton/);
    const report = errorReport(text, o.errors);
    assert.equal(report.name, 'EXQ error');
    assert.match(report.message, /^line 2, column 9: /);
    assert.equal(report.stack, '2 | | where Operaton == "x"\n  |         ^^^^^^^^');
  });

  it('reports syntax errors the same way, also with no data loaded', async () => {
    const o = results(await run('AuditLogs | where (', undefined, { tables: undefined }));
    assert.ok(o.errors.length > 0);
    assert.ok(o.errors.every((e) => e.line === 1 && e.column >= 19));
  });

  it('says no data is loaded (and runs nothing) when the query is fine but there is no data', async () => {
    assert.deepEqual(await run('AuditLogs | take 1', undefined, { tables: undefined }), { kind: 'noData', message: NO_DATA_MESSAGE });
  });

  it('a cell of comments only is empty', async () => {
    assert.deepEqual(await run('// just a note\n\n// and another'), { kind: 'empty' });
  });

  it('is cancelled by its signal', async () => {
    const abort = new AbortController();
    abort.abort();
    assert.deepEqual(await run('AuditLogs | take 1', abort.signal), { kind: 'cancelled' });
    const big = { AuditLogs: aq.table({ Time: new Float64Array(300_000).map((_, i) => T0 + i), UserId: Array.from({ length: 300_000 }, (_, i) => `u${i % 977}`) }) };
    const slow = new AbortController();
    const pending = runCell('AuditLogs | extend k = strcat(UserId, "x") | summarize n = count() by k | order by n desc', { tables: big }, slow.signal);
    slow.abort();
    assert.deepEqual(await pending, { kind: 'cancelled' });
  });

  it('a query is data: injection payloads are values or syntax errors, never run as code', async () => {
    const marker = '__exo_audit_pwned__';
    const g = globalThis as Record<string, unknown>;
    const payloads = [
      `AuditLogs | where UserId == "\\"); globalThis.${marker} = 1; (\\""`,
      `AuditLogs | extend x = "\${globalThis.${marker} = 1}"`,
      `AuditLogs | where UserId == '<img src=x onerror=alert(1)>' | project UserId`,
      `AuditLogs | extend ['constructor'] = 1, ['__proto__'] = 2 | project ['constructor'], ['__proto__']`,
      `AuditLogs | where process.exit(1)`,
      `AuditLogs | extend y = require("child_process")`,
      `AuditLogs | where UserId matches regex "(a+)+$" | take 1`,
      `}); globalThis.${marker} = 1; ({`,
      `AuditLogs | project Function("globalThis.${marker} = 1")()`,
    ];
    for (const text of payloads) {
      const o = await run(text);
      assert.ok(o.kind === 'results', text);
    }
    assert.equal(g[marker], undefined);
    const literal = results(await run(`AuditLogs | where UserId == '<img src=x onerror=alert(1)>' | project UserId`));
    assert.deepEqual(literal.results[0]!.rows, [['<img src=x onerror=alert(1)>']]);
    const names = results(await run(`AuditLogs | extend ['constructor'] = 1, ['__proto__'] = 2 | project ['constructor'], ['__proto__'] | take 1`));
    assert.deepEqual(names.results[0]!.columns.map((c) => c.name), ['constructor', '__proto__']);
    assert.deepEqual(names.results[0]!.rows, [[1, 2]]);
    const code = results(await run('AuditLogs | where process.exit(1)'));
    assert.ok(code.errors.length > 0, 'a JavaScript call is not EXQ');
  });

  it('places a diagnostic range on lines and columns (CRLF too)', () => {
    const e = cellError('a\r\nbc def', { range: { start: 6, end: 9 }, message: 'm', code: 'unknown-column' }, 'runtime');
    assert.deepEqual([e.line, e.column, e.endLine, e.endColumn], [2, 4, 2, 7]);
  });
});
