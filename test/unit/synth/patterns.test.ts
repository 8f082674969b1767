import { strict as assert } from 'assert';
import { Prng } from '../../../src/core/synth/random/prng';
import { ADMIN_GRANT_PATTERN, patternMultiplier, scheduleByPattern } from '../../../src/core/synth/time/patterns';
import { HOUR, hourClass, isWeekend, localTime } from '../../../src/core/synth/time/calendar';
import { ATTACK_OPTIONS, collect, op } from './fixtures';

const MONDAY = Date.parse('2024-03-04T00:00:00Z');

describe('synth time patterns (seed 004)', () => {
  it('multiplies business hours by 2.0, nights by 2.5 and weekends by 2.0 for admin grants', () => {
    const p = ADMIN_GRANT_PATTERN;
    assert.deepEqual([p.basePerHour, p.businessHours, p.night, p.weekend], [3, 2.0, 2.5, 2.0]);
    assert.equal(patternMultiplier(p, MONDAY + 10 * HOUR, 0), 2.0);
    assert.equal(patternMultiplier(p, MONDAY + 2 * HOUR, 0), 2.5);
    assert.equal(patternMultiplier(p, MONDAY + 20 * HOUR, 0), 1);
    assert.equal(patternMultiplier(p, MONDAY + 5 * 24 * HOUR + 12 * HOUR, 0), 2.0); // Saturday noon
    assert.equal(patternMultiplier(p, MONDAY + 5 * 24 * HOUR + 23 * HOUR, 0), 5.0); // Saturday night
    // Local time: 10:00 UTC is 02:00 in UTC-8, a night hour.
    assert.equal(patternMultiplier(p, MONDAY + 10 * HOUR, -480), 2.5);
  });

  it('schedules events whose hourly rates measurably follow the multipliers', () => {
    const users = ADMIN_GRANT_PATTERN.perUsers * 20; // 60 events per neutral hour
    const from = MONDAY;
    const to = MONDAY + 28 * 24 * HOUR;
    const times = scheduleByPattern(ADMIN_GRANT_PATTERN, users, from, to, 0, Prng.from(77));
    const events = new Map<string, number>();
    const hours = new Map<string, number>();
    const classOf = (t: number): string => {
      const lt = localTime(t, 0);
      return `${isWeekend(lt.weekday) ? 'weekend' : 'weekday'}-${hourClass(lt)}`;
    };
    for (let h = from; h < to; h += HOUR) hours.set(classOf(h), (hours.get(classOf(h)) ?? 0) + 1);
    for (const t of times) events.set(classOf(t), (events.get(classOf(t)) ?? 0) + 1);
    const rate = (k: string): number => (events.get(k) ?? 0) / hours.get(k)!;
    const neutral = rate('weekday-other');
    assert.ok(Math.abs(neutral / 60 - 1) < 0.05, `neutral rate ${neutral}`);
    const ratio = (k: string, expected: number): void => {
      const r = rate(k) / neutral;
      assert.ok(Math.abs(r / expected - 1) < 0.06, `${k}: ratio ${r.toFixed(3)}, expected ${expected}`);
    };
    ratio('weekday-business', 2.0);
    ratio('weekday-night', 2.5);
    ratio('weekend-other', 2.0);
    ratio('weekend-night', 5.0);
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]!), 'times are sorted');
    assert.ok(times.every((t) => t % 1000 === 0), 'whole seconds');
  });

  it('puts the generator\'s benign grants at night more often, per hour, than in neutral evening hours', () => {
    const { byTable, tenant } = collect(ATTACK_OPTIONS);
    const counts = { night: 0, other: 0 };
    for (const r of byTable.AuditLogs) {
      if (op(r) !== 'Add-MailboxPermission' && op(r) !== 'Add-RecipientPermission') continue;
      if (r.time < tenant.setupEnd) continue;
      const lt = localTime(r.time, tenant.tzOffsetMinutes);
      if (isWeekend(lt.weekday)) continue;
      const c = hourClass(lt);
      if (c === 'night') counts.night++;
      else if (c === 'other') counts.other++;
    }
    // 8 night hours vs 6 neutral hours a weekday: per-hour rates.
    assert.ok(counts.night / 8 >= counts.other / 6, JSON.stringify(counts));
  });
});
