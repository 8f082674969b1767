import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FirstSeen } from '../../../src/core/ingest/firstSeen';

describe('ingest: FirstSeen (the Ids a load has seen)', () => {
  it('answers as a Map of first values would, through growth and colliding hashes (property)', () => {
    // Few distinct short Ids repeat often; long random ones make the table grow past its first size.
    const id = fc.oneof(fc.constantFrom('', 'a', 'b', 'A', 'é', '\u0000'), fc.string({ maxLength: 3 }), fc.uuid());
    fc.assert(fc.property(fc.array(fc.tuple(id, fc.oneof(fc.integer(), fc.constant(Number.NaN))), { maxLength: 400 }), (ops) => {
      const seen = new FirstSeen();
      const model = new Map<string, number>();
      for (const [key, value] of ops) {
        const got = seen.firstOrAdd(key, value);
        assert.deepEqual(got, model.get(key));
        if (!model.has(key)) model.set(key, value);
      }
    }));
  });

  it('keeps 200,000 Ids apart', () => {
    const seen = new FirstSeen();
    for (let i = 0; i < 200_000; i++) assert.equal(seen.firstOrAdd(`id-${i}`, i), undefined);
    for (let i = 0; i < 200_000; i += 997) assert.equal(seen.firstOrAdd(`id-${i}`, -1), i);
  });
});
