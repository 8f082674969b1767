import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LAYOUT, panView, setWindow, timeAt, xOf, zoomView, type View } from '../../../media/timeline/geometry';
import { ticks } from '../../../media/timeline/timeAxis';

const T0 = Date.UTC(2024, 2, 4);
const view = (from: number, to: number): View => ({ from, to, groupBy: 'actor', laneOffset: 0, focusOnly: false, selected: null });
const size = { width: 1200, height: 600 };

describe('timeline webview geometry and time axis', function () {
  it('maps times to x and back', function () {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 60_000, max: 10 ** 10 }), fc.double({ min: 0, max: 1, noNaN: true }), (offset, span, ratio) => {
      const v = view(T0 + offset, T0 + offset + span);
      const t = v.from + ratio * span;
      assert.ok(Math.abs(timeAt(v, size, xOf(v, size, t)) - t) < 1e-3 * span);
    }));
    assert.equal(xOf(view(T0, T0 + 1000_000), size, T0), LAYOUT.labelWidth);
  });

  it('zooms around an anchor that stays where it is on screen, within the span limits', function () {
    const v = view(T0, T0 + 86_400_000);
    const anchor = T0 + 21_600_000;
    const x = xOf(v, size, anchor);
    zoomView(v, 0.25, anchor);
    assert.equal(v.to - v.from, 21_600_000);
    assert.ok(Math.abs(xOf(v, size, anchor) - x) < 1e-6);
    for (let i = 0; i < 40; i++) zoomView(v, 0.1, anchor);
    assert.equal(v.to - v.from, LAYOUT.minSpanMs);
    panView(v, -1e15);
    assert.equal(v.from, 0, 'the view does not pan before the epoch');
    setWindow(v, T0, T0 + 10);
    assert.equal(v.to - v.from, LAYOUT.minSpanMs);
  });

  it('picks ticks far enough apart, on round UTC times, labelling day boundaries', function () {
    const day = ticks(T0 - 3_600_000, T0 + 20 * 3_600_000, 1000);
    assert.ok(day.length >= 4 && day.length <= 12);
    for (let i = 1; i < day.length; i++) assert.ok(((day[i]!.time - day[i - 1]!.time) / (21 * 3_600_000)) * 1000 >= 90);
    const midnight = day.find((t) => t.time === T0)!;
    assert.ok(midnight.major);
    assert.equal(midnight.label, '03-04 00:00');
    const month = ticks(T0, T0 + 30 * 86_400_000, 1000);
    assert.ok(month.length >= 3);
    for (const t of month) {
      assert.equal(t.time % 86_400_000, 0, 'on UTC midnights');
      assert.equal(t.label, new Date(t.time).toISOString().slice(0, 10));
    }
    assert.deepEqual(ticks(T0, T0, 1000), []);
  });
});
