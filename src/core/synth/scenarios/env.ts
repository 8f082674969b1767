import { ATTACKER_PLACES, type Place } from '../data/places';
import { ipIn } from '../tenant/people';
import type { Prng } from '../random/prng';
import { DAY, HOUR, localMidnight } from '../time/calendar';
import type { Person } from '../tenant/types';
import type { World } from '../world';

/** The attacker's side of the story: where they come from and when each step happens. */
export interface AttackEnv {
  readonly w: World;
  readonly prng: Prng;
  readonly place: Place;
  /** [0] stolen-credentials, [1] admin, [2] contractor, [3] cloud VPS of the apps. */
  readonly ips: readonly string[];
  readonly device: { readonly os: string; readonly browser: string; readonly userAgent: string };
  readonly victim: Person;
  readonly admin: Person;
  readonly ceo: Person;
  readonly cfo: Person;
  /** Instant of local `hour` (may be fractional) on attack day `k` (0..5), compressed into short windows. */
  at(k: number, hour: number): number;
}

const SPAN_DAYS = 6;

export function createAttackEnv(w: World): AttackEnv {
  const prng = w.prng.fork('attacks');
  const place = prng.pick(ATTACKER_PLACES);
  const ips = [0, 1, 2, 3].map(() => ipIn(prng.pick(place.prefixes), prng));
  const { plan, tz } = w;
  const finance = plan.people.filter((p) => p.role === 'staff' && p.user.department === 'Finance' && p.createdAt === w.setupStart);
  const victim = finance[finance.length - 1] ?? plan.people.find((p) => p.role === 'staff')!;
  const firstDay = localMidnight(w.setupEnd, tz) + DAY;
  const available = w.opts.end - firstDay - HOUR;
  const fits = w.opts.days >= 7 && available >= SPAN_DAYS * DAY;
  const origin = fits ? Math.max(firstDay, localMidnight(w.opts.end - (SPAN_DAYS + 1) * DAY, tz)) : w.setupEnd + HOUR;
  const scale = fits ? 1 : Math.max(0.01, (w.opts.end - origin - HOUR) / (SPAN_DAYS * DAY));
  return {
    w, prng, place, ips,
    device: { os: 'Windows 10', browser: 'Chrome 119.0.0', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36' },
    victim,
    admin: plan.admins[1]!,
    ceo: plan.executives[0]!,
    cfo: plan.executives[1]!,
    at(k: number, hour: number): number {
      return Math.floor((origin + (k * 24 + hour) * HOUR * scale) / 1000) * 1000;
    },
  };
}
