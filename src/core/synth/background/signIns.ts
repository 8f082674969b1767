import { signInPerson } from '../actions/signIns';
import type { ClientKey } from '../data/clients';
import { DAY, HOUR, MINUTE, isWeekend, localMidnight, localTime } from '../time/calendar';
import type { Person } from '../tenant/types';
import type { World } from '../world';
import { localDay, personIp, personSessionId } from './sessions';

function desktopOrWeb(p: Person, day: number): ClientKey {
  return (p.index + day) % 5 < 3 ? 'desktop' : 'owa';
}

/** Benign interactive sign-ins: a start-of-day sign-in, phone sign-ins, the odd failure. */
export function generateBenignSignIns(w: World): void {
  const prng = w.prng.fork('benign-signins');
  const { tz } = w;
  const firstDay = localMidnight(w.setupEnd, tz);
  for (let dayStart = firstDay; dayStart < w.opts.end; dayStart += DAY) {
    const weekday = localTime(dayStart + 12 * HOUR, tz).weekday;
    const weekend = isWeekend(weekday);
    const day = localDay(dayStart + HOUR, tz);
    for (const p of w.plan.people) {
      if (p.role === 'guest') {
        if (!prng.chance(0.12)) continue;
      }
      const ready = p.createdAt + 30 * MINUTE;
      const attempts: { time: number; client: ClientKey }[] = [];
      if (!weekend) {
        attempts.push({ time: dayStart + 7.5 * HOUR + prng.int(2 * HOUR), client: p.role === 'guest' ? 'owa' : desktopOrWeb(p, day) });
        if (prng.chance(0.35)) attempts.push({ time: dayStart + 10 * HOUR + prng.int(7 * HOUR), client: 'owa' });
      }
      if (p.mobile && prng.chance(weekend ? 0.4 : 0.6)) {
        attempts.push({ time: dayStart + 17 * HOUR + prng.int(5 * HOUR), client: p.mobile === 'activesync' ? 'activeSync' : 'outlookMobile' });
      }
      for (const a of attempts) {
        const time = Math.floor(a.time / 1000) * 1000;
        if (time < ready || time < w.setupEnd || time >= w.opts.end) continue;
        const mobile = a.client === 'activeSync' || a.client === 'outlookMobile';
        const base = {
          client: a.client, ip: personIp(p, time, tz, a.client), place: p.place,
          sessionId: personSessionId(w.prng.key, p, day, mobile), mfa: a.client === 'owa' && prng.chance(0.3),
        };
        const r = prng.float();
        if (r < 0.03) signInPerson(w.log, prng, p, { ...base, time: time - 40_000 - prng.int(60_000), errorCode: 50126 });
        else if (r < 0.05) signInPerson(w.log, prng, p, { ...base, time: time - 20_000 - prng.int(30_000), errorCode: 50074 });
        signInPerson(w.log, prng, p, { ...base, time });
      }
    }
  }
}
