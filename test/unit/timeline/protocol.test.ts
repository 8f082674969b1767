import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  parseShowTimelineArgs, parseTimelineViewMessage, parseTimelineViewState, timelineDataKey, type TimelineViewState,
} from '../../../src/protocol/timeline';

const state: TimelineViewState = {
  version: 1, from: 1_700_000_000_000, to: 1_700_000_360_000, groupBy: 'mailbox', laneOffset: 3, focusOnly: true,
  selectedMarker: 12, focus: { appId: 'abc' },
};
const request = {
  type: 'requestWindow', requestId: 4, from: 1_700_000_000_000, to: 1_700_000_360_000, buckets: 900, groupBy: 'actor',
  lanes: { offset: 0, limit: 40 }, focusOnly: false,
};

describe('timeline protocol validators', function () {
  it('accepts every message the webview sends, as sent', function () {
    assert.deepEqual(parseTimelineViewMessage(request), request);
    assert.deepEqual(parseTimelineViewMessage({ type: 'selectMarker', markerId: 7 }), { type: 'selectMarker', markerId: 7 });
    for (const kind of ['revealRecord', 'openQuery', 'revealTreeItem']) {
      assert.deepEqual(parseTimelineViewMessage({ type: 'action', kind, markerId: 0 }), { type: 'action', kind, markerId: 0 });
    }
    assert.deepEqual(parseTimelineViewMessage({ type: 'ready', state }), { type: 'ready', state });
    assert.deepEqual(parseTimelineViewMessage({ type: 'ready', state: null }), { type: 'ready', state: null });
    assert.deepEqual(parseTimelineViewMessage({ type: 'openDataset' }), { type: 'openDataset' });
  });

  it('rejects unknown message types and actions, and anything that is not a message', function () {
    for (const bad of [
      null, undefined, 42, 'requestWindow', [], {}, { type: 'executeCommand', command: 'workbench.action.terminal.new' },
      { type: 'action', kind: 'runCommand', markerId: 1 }, { type: 'action', kind: 'constructor', markerId: 1 },
      { type: 'toString' }, { type: '__proto__' }, { type: 'READY' },
    ]) {
      assert.equal(parseTimelineViewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('rejects bad payloads: wrong types, out-of-range values, extra fields', function () {
    const variants: Record<string, unknown>[] = [
      { ...request, requestId: -1 }, { ...request, requestId: 1.5 }, { ...request, from: 'yesterday' }, { ...request, to: request.from },
      { ...request, from: Number.NaN }, { ...request, to: Infinity }, { ...request, buckets: 0 }, { ...request, buckets: 1e7 },
      { ...request, groupBy: 'tenant' }, { ...request, lanes: { offset: 0, limit: 0 } }, { ...request, lanes: { offset: -1, limit: 5 } },
      { ...request, lanes: { offset: 0, limit: 5, extra: 1 } }, { ...request, lanes: [0, 5] }, { ...request, focusOnly: 'yes' },
      { ...request, command: 'x' },
      { type: 'selectMarker', markerId: '7' }, { type: 'selectMarker', markerId: -2 }, { type: 'selectMarker' },
      { type: 'action', kind: 'openQuery' }, { type: 'action', kind: 'openQuery', markerId: 1, path: '/etc/passwd' },
      { type: 'openDataset', uri: 'file:///x' }, { type: 'ready', state: null, html: '<b>' },
    ];
    for (const bad of variants) assert.equal(parseTimelineViewMessage(bad), undefined, JSON.stringify(bad));
  });

  it('never throws and returns only allowlisted types on arbitrary input', function () {
    fc.assert(fc.property(fc.anything(), fc.constantFrom('ready', 'requestWindow', 'selectMarker', 'action', 'openDataset', 'other'), (payload, type) => {
      const values = [payload, { type, ...(typeof payload === 'object' && payload !== null ? payload : { v: payload }) }];
      for (const v of values) {
        const m = parseTimelineViewMessage(v);
        if (m) assert.ok(['ready', 'requestWindow', 'selectMarker', 'action', 'openDataset'].includes(m.type));
      }
    }));
  });

  it('reads a saved view state back, and refuses states it did not write', function () {
    assert.deepEqual(parseTimelineViewState(state), state);
    assert.equal(parseTimelineViewState({ ...state, version: 2 }), null);
    assert.equal(parseTimelineViewState({ ...state, groupBy: 'x' }), null);
    assert.equal(parseTimelineViewState({ ...state, laneOffset: -1 }), null);
    assert.equal(parseTimelineViewState('{}'), null);
    assert.deepEqual(parseTimelineViewState({ ...state, focus: { appId: 7, evil: 'x' } }), { ...state, focus: null });
  });

  it('keeps the key of the data a saved view belongs to, and names the same data by the same key', function () {
    const summary = { from: 1, to: 2, densityEvents: 3, markers: 4, findings: 0, stories: 0 };
    const key = timelineDataKey(summary);
    assert.equal(timelineDataKey({ ...summary, findings: 9, stories: 2 }), key, 'findings laid over later do not change the data');
    assert.notEqual(timelineDataKey({ ...summary, markers: 5 }), key);
    assert.deepEqual(parseTimelineViewState({ ...state, dataKey: key }), { ...state, dataKey: key });
    assert.deepEqual(parseTimelineViewState({ ...state, dataKey: 7 }), state, 'a malformed key is dropped, not trusted');
  });

  it('reads showTimeline arguments: known string fields, bounded record ids, times as epoch ms or ISO', function () {
    assert.deepEqual(parseShowTimelineArgs(undefined), {});
    assert.deepEqual(parseShowTimelineArgs({ appId: 'a', mailbox: '', actor: 5, label: 'x', findingId: 'F', storyId: 'S' }), { appId: 'a', findingId: 'F', storyId: 'S' });
    assert.deepEqual(parseShowTimelineArgs({ recordIds: ['r1', 2, '', 'r2'] }), { recordIds: ['r1', 'r2'] });
    assert.deepEqual(parseShowTimelineArgs({ from: '2024-03-04T00:00:00Z', to: 1_709_600_000_000 }), { from: Date.parse('2024-03-04T00:00:00Z'), to: 1_709_600_000_000 });
    assert.deepEqual(parseShowTimelineArgs({ from: 10, to: 5 }), { from: 10 });
    assert.deepEqual(parseShowTimelineArgs({ mailbox: 'x'.repeat(5000) }), {});
  });
});
