import { strict as assert } from 'assert';
import { Prng, guidFromHash } from '../../../src/core/synth/random/prng';

describe('synth Prng', () => {
  it('repeats the same sequence for the same seed, and not for another', () => {
    const a = Prng.from(42);
    const b = Prng.from(42);
    const c = Prng.from(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    assert.deepEqual(Array.from({ length: 20 }, () => b.uint32()), sa);
    assert.notDeepEqual(Array.from({ length: 20 }, () => c.uint32()), sa);
    assert.deepEqual(Prng.from('seed-x').guid(), Prng.from('seed-x').guid());
  });

  it('forks without consuming state, and forks with different labels differ', () => {
    const a = Prng.from(1);
    const f1 = a.fork('x').uint32();
    a.uint32();
    assert.equal(a.fork('x').uint32(), f1);
    assert.notEqual(a.fork('y').uint32(), f1);
  });

  it('draws version-4 GUIDs and uniform floats', () => {
    const p = Prng.from(9);
    for (let i = 0; i < 200; i++) assert.match(p.guid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(guidFromHash(1, 2, 3), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(guidFromHash(1, 2, 3), guidFromHash(1, 2, 3));
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const f = p.float();
      assert.ok(f >= 0 && f < 1);
      sum += f;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.01, `mean ${sum / n}`);
  });

  it('draws Poisson counts with the asked mean (small and large)', () => {
    const p = Prng.from(5);
    for (const mean of [0.3, 4, 80]) {
      let sum = 0;
      const n = 20000;
      for (let i = 0; i < n; i++) sum += p.poisson(mean);
      assert.ok(Math.abs(sum / n - mean) < mean * 0.05 + 0.02, `mean ${mean}: got ${sum / n}`);
    }
  });
});
