import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { orderByTime } from '../../../src/core/timeline';

function reference(times: readonly number[]): number[] {
  return times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
}

describe('timeline time order', function () {
  it('orders indices by time, ties by index, over spans small and huge (packed keys need a coarser resolution)', function () {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }),
      fc.constantFrom(1, 1000, 86_400_000, 3e10, 1e12),
      (steps, scale) => {
        const times = steps.map((s) => 1.7e12 + s * scale + (s % 3));
        assert.deepEqual([...orderByTime(times)], reference(times));
      },
    ));
  });

  it('orders a million events', function () {
    const n = 1_000_000;
    const times = new Float64Array(n);
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      times[i] = 1.7e12 + (x % (90 * 86_400_000));
    }
    const order = orderByTime(times);
    for (let i = 1; i < n; i++) assert.ok(times[order[i - 1]!]! <= times[order[i]!]!);
    assert.equal(new Set(order).size, n);
  });
});
