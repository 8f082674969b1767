import * as assert from 'node:assert/strict';
import { handleRendererMessage, type RendererActions } from '../../../src/extension/notebook/rendererActions';
import { parseRendererMessage, type QueryOutputPayload } from '../../../src/protocol/notebook';
import { displayText, timespanText, toCsv, toJsonRows } from '../../../src/protocol/notebookValues';
import type { TestEvent } from '../../../src/protocol/testEvents';

function recorder(timeline = true) {
  const calls: string[] = [];
  const events: TestEvent[] = [];
  const actions: RendererActions = {
    copy: async (text) => { calls.push(`copy:${text}`); },
    hasTimeline: async () => timeline,
    showTimeline: async (args) => { calls.push(`timeline:${JSON.stringify(args)}`); },
    openAuditExports: async () => { calls.push('open'); },
    info: (m) => calls.push(`info:${m}`),
    log: (m) => calls.push(`log:${m}`),
    emit: (e) => events.push(e),
  };
  return { calls, events, actions };
}

describe('notebook: renderer messages and values', () => {
  it('accepts only the allowlisted messages with well-formed fields', () => {
    assert.deepEqual(parseRendererMessage({ type: 'copy', format: 'csv', text: 'a', rows: 1, extra: 1 }), { type: 'copy', format: 'csv', text: 'a', rows: 1 });
    assert.deepEqual(parseRendererMessage({ type: 'openTimeline', recordIds: ['a'], from: 1 }), { type: 'openTimeline', recordIds: ['a'], from: 1 });
    assert.deepEqual(parseRendererMessage({ type: 'openAuditExports', command: 'workbench.action.terminal.new' }), { type: 'openAuditExports' });
    for (const bad of [
      null, 'copy', [], { type: 'executeCommand', command: 'workbench.action.terminal.new' }, { type: 'copy', format: 'html', text: '', rows: 0 },
      { type: 'copy', format: 'csv', text: 5, rows: 0 }, { type: 'copy', format: 'csv', text: '', rows: -1 },
      { type: 'openTimeline', recordIds: [1] }, { type: 'openTimeline', recordIds: 'a' }, { type: 'openTimeline', recordIds: [], from: 'yesterday' },
      { type: 'openTimeline', recordIds: [], to: Number.NaN }, { type: '__proto__' },
    ]) assert.equal(parseRendererMessage(bad), undefined, JSON.stringify(bad));
  });

  it('acts on copy, timeline and open; drops anything else with a log line', async () => {
    const r = recorder();
    assert.deepEqual(await handleRendererMessage({ type: 'copy', format: 'json', text: '[]', rows: 2 }, r.actions), { type: 'status', text: 'Copied 2 rows as JSON.' });
    assert.deepEqual(await handleRendererMessage({ type: 'openTimeline', recordIds: ['r1', 'r2'], from: 10, to: 20 }, r.actions), { type: 'status', text: 'Opened 2 records on the timeline.' });
    assert.equal(await handleRendererMessage({ type: 'openAuditExports' }, r.actions), undefined);
    assert.equal(await handleRendererMessage({ type: 'run', command: 'rm -rf /' }, r.actions), undefined);
    assert.deepEqual(r.calls.slice(0, 3), ['copy:[]', 'timeline:{"recordIds":["r1","r2"],"from":10,"to":20}', 'open']);
    assert.match(r.calls[3]!, /^log:notebook renderer: ignored a message/);
    assert.deepEqual(r.events.map((e) => e.event === 'notebookRendererAction' && e.action), ['copy', 'openTimeline', 'openAuditExports']);
  });

  it('says so when the timeline is not there', async () => {
    const r = recorder(false);
    assert.deepEqual(await handleRendererMessage({ type: 'openTimeline', recordIds: [] }, r.actions), { type: 'status', text: 'The timeline is not available.' });
    assert.match(r.calls[0]!, /^info:.*exoAudit\.showTimeline/);
  });

  const payload: Pick<QueryOutputPayload, 'columns'> = {
    columns: [{ name: 'Time', type: 'datetime' }, { name: 'User', type: 'string' }, { name: 'N', type: 'long' }, { name: 'D', type: 'dynamic' }, { name: 'T', type: 'timespan' }],
  };
  const rows = [[Date.UTC(2024, 0, 2, 3, 4, 5), '=HYPERLINK("http://x")', -3, { a: 'b,"c"' }, 90_061_500], [null, 'plain', null, null, null]];

  it('shows datetimes as ISO and timespans as KQL does, and dynamic values as JSON', () => {
    assert.equal(displayText(rows[0]![0] as number, 'datetime'), '2024-01-02T03:04:05.000Z');
    assert.equal(timespanText(90_061_500), '1.01:01:01.500');
    assert.equal(timespanText(-1000), '-00:00:01');
    assert.equal(displayText({ a: 1 }, 'dynamic'), '{"a":1}');
    assert.equal(displayText(null, 'string'), '');
  });

  it('copies as CSV that a spreadsheet will not run, and as JSON rows', () => {
    assert.equal(toCsv(payload, rows), 'Time,User,N,D,T\r\n2024-01-02T03:04:05.000Z,"\'=HYPERLINK(""http://x"")",-3,"{""a"":""b,\\""c\\""""}",1.01:01:01.500\r\n,plain,,,\r\n');
    assert.deepEqual(JSON.parse(toJsonRows(payload, rows)), [
      { Time: '2024-01-02T03:04:05.000Z', User: '=HYPERLINK("http://x")', N: -3, D: { a: 'b,"c"' }, T: '1.01:01:01.500' },
      { Time: null, User: 'plain', N: null, D: null, T: null },
    ]);
  });
});
