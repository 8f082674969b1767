import * as assert from 'node:assert/strict';
import { LocalClock, parseOffset } from '../../../src/core/findings/localTime';
import { Reasons, severityOfScore, totalScore } from '../../../src/core/findings/severity';
import { resolveSettings } from '../../../src/core/findings';
import { at, tables } from './support/tables';
import { findingsOf } from './support/run';

describe('findings scoring', () => {
  it('maps scores to severities at the thresholds', () => {
    assert.deepEqual([0, 24, 25, 49, 50, 69, 70, 89, 90, 100].map(severityOfScore), [
      'informational', 'informational', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical',
    ]);
  });

  it('adds reasons to the base and clamps to 0..100', () => {
    const r = new Reasons().add(30, 'up').add(-10, 'down').when(false, 50, 'not added').add(0, 'context');
    assert.deepEqual(r.list.map((x) => x.text), ['up', 'down', 'context']);
    assert.equal(totalScore(40, r.list), 60);
    assert.equal(totalScore(90, [{ points: 40, text: '' }]), 100);
    assert.equal(totalScore(10, [{ points: -40, text: '' }]), 0);
  });

  it('scores down findings before the baseline cut-off, with the reason', () => {
    const grant = { Operation: 'Add-MailboxPermission', UserId: 'admin@contoso.com', TargetMailbox: 'a@contoso.com', Grantee: 'b@contoso.com', AccessRights: 'FullAccess', Automapping: true };
    const t = tables({ AuditLogs: [{ ...grant, Id: 'early', Time: at('2024-03-04T10:00:00') }, { ...grant, Id: 'late', Time: at('2024-03-06T10:00:00') }] });
    const fs = findingsOf('delegation-granted', t, { settings: { baselineUntil: '2024-03-05T00:00:00Z', vipMailboxes: ['a@contoso.com'] } });
    const early = fs.find((f) => f.evidence[0]!.ids[0] === 'early')!;
    const late = fs.find((f) => f.evidence[0]!.ids[0] === 'late')!;
    assert.equal(late.score, 50);
    assert.equal(early.score, 10);
    assert.match(early.reasons.at(-1)!.text, /before the baseline cut-off 2024-03-05T00:00:00.000Z/);
  });
});

describe('findings settings and local time', () => {
  it('fills defaults, merges nested settings and rejects unknown time zones', () => {
    const s = resolveSettings({ burst: { itemThreshold: 10 }, timeZone: 'Not/AZone' });
    assert.equal(s.burst.itemThreshold, 10);
    assert.equal(s.burst.windowMinutes, 60);
    assert.equal(s.timeZone, 'UTC');
    assert.equal(resolveSettings({ timeZone: 'Europe/Paris' }).timeZone, 'Europe/Paris');
    assert.equal(resolveSettings({ baselineUntil: '2024-03-05T00:00:00Z' }).baselineUntil, Date.parse('2024-03-05T00:00:00Z'));
  });

  it('parses fixed offsets', () => {
    assert.equal(parseOffset('+02:00'), 120);
    assert.equal(parseOffset('UTC-5'), -300);
    assert.equal(parseOffset('-0530'), -330);
    assert.equal(parseOffset('UTC'), 0);
    assert.equal(parseOffset('Europe/Paris'), undefined);
  });

  it('tells business hours, nights and weekends in the configured zone', () => {
    const hours = { start: 8, end: 18, days: [1, 2, 3, 4, 5] };
    const utc = new LocalClock('UTC', hours);
    const pst = new LocalClock('-08:00', hours);
    const paris = new LocalClock('Europe/Paris', hours);
    const t = at('2024-03-05T17:30:00'); // Tuesday
    assert.equal(utc.period(t), 'business');
    assert.equal(pst.period(t), 'business');
    assert.equal(paris.period(t), 'night');
    assert.equal(pst.period(at('2024-03-05T03:00:00')), 'night');
    assert.equal(pst.period(at('2024-03-09T19:00:00')), 'weekend');
    assert.equal(paris.describe(t), 'Tue 18h Europe/Paris');
    // Across the daylight-saving change in Paris (31 March 2024): 07:30 UTC is 09:30 local, a business hour.
    assert.equal(paris.period(at('2024-04-02T07:30:00')), 'business');
    assert.equal(paris.period(at('2024-03-26T07:30:00')), 'business');
    assert.equal(paris.period(at('2024-03-26T06:30:00')), 'night');
  });
});
