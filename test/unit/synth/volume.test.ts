import { strict as assert } from 'assert';
import { createSyntheticTenant } from '../../../src/core/synth';
import { resolveOptions } from '../../../src/core/synth/options';
import { withPort } from '../../../src/core/synth/records/context';

describe('synth volume', () => {
  it('produces exactly the asked number of AuditLogs records, in time order', () => {
    for (const records of [4000, 12345]) {
      const t = createSyntheticTenant({ seed: 4, users: 24, days: 5, records });
      let n = 0;
      let last = -Infinity;
      const ids = new Set<string>();
      for (const r of t.records()) {
        assert.ok(r.time >= last, 'records come in time order');
        last = r.time;
        if (r.table !== 'AuditLogs') continue;
        n++;
        ids.add(r.id);
      }
      assert.equal(n, records);
      assert.equal(ids.size, records, 'record Ids are unique');
      assert.equal(t.counts.AuditLogs, records);
    }
  });

  it('refuses a budget smaller than the sparse records, and one that would throttle benign mailboxes', () => {
    assert.throws(() => createSyntheticTenant({ seed: 4, users: 24, days: 5, records: 100 }), /at least/);
    assert.throws(() => createSyntheticTenant({ seed: 4, users: 16, days: 1, records: 200_000 }), /throttle/);
  });

  it('scales the MailItemsAccessed volume with mailVolume', () => {
    const base = createSyntheticTenant({ seed: 4, users: 24, days: 5, attacks: false });
    const double = createSyntheticTenant({ seed: 4, users: 24, days: 5, attacks: false, mailVolume: 2 });
    const mail = (t: typeof base): number => {
      let n = 0;
      for (const r of t.records()) if (r.record.Operation === 'MailItemsAccessed') n++;
      return n;
    };
    const a = mail(base);
    const b = mail(double);
    assert.ok(a > 1000, `${a}`);
    assert.ok(Math.abs(b / a - 2) < 0.01, `${a} -> ${b}`);
  });

  it('keeps MailItemsAccessed records around 1-1.5 KB of JSON', () => {
    const t = createSyntheticTenant({ seed: 4, users: 24, days: 5, records: 8000 });
    let bytes = 0;
    let n = 0;
    for (const r of t.records()) {
      if (r.record.Operation !== 'MailItemsAccessed') continue;
      bytes += JSON.stringify(r.record).length;
      n++;
    }
    const avg = bytes / n;
    assert.ok(avg > 900 && avg < 1600, `average ${avg}`);
  });

  it('sizes the tenant for a record budget when users are not given', () => {
    assert.equal(resolveOptions({}).users, 50);
    assert.equal(resolveOptions({ records: 1_000_000, days: 30 }).users, 834);
    assert.equal(resolveOptions({ records: 1_000_000, days: 30, users: 2000 }).users, 2000);
    assert.throws(() => resolveOptions({ users: 10 }), /users/);
    assert.throws(() => resolveOptions({ start: 'not a date' }), /start/);
  });

  it('spells client addresses with ports as Exchange does', () => {
    assert.equal(withPort('81.2.3.4', 5000), '81.2.3.4:5000');
    assert.equal(withPort('2a01:e0a:1::5', 5000), '[2a01:e0a:1::5]:5000');
  });
});
