import * as assert from 'node:assert/strict';
import { DiagnosticsScheduler } from '../../src/server/diagnostics';

describe('DiagnosticsScheduler', () => {
  it('publishes a burst of changes to one document once, and settles', async () => {
    const published: string[] = [];
    const s = new DiagnosticsScheduler(5, (uri) => published.push(uri));
    s.schedule('a');
    s.schedule('a');
    s.schedule('b');
    s.schedule('a');
    await s.settled();
    assert.deepEqual(published.sort(), ['a', 'b']);
  });

  it('settles at once when nothing is pending, and after a cancel', async () => {
    const published: string[] = [];
    const s = new DiagnosticsScheduler(60_000, (uri) => published.push(uri));
    await s.settled();
    s.schedule('a');
    const settled = s.settled();
    s.cancel('a');
    await settled;
    assert.deepEqual(published, []);
  });
});
