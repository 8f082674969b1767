import { MS_APPS } from '../data/apps';
import { DAY, HOUR, localMidnight } from '../time/calendar';
import type { World } from '../world';
import { appPlace } from './streams';

/** Benign apps' token requests: one service principal sign-in per app per day, as their work starts. */
export function generateAppSignIns(w: World): void {
  const prng = w.prng.fork('app-signins');
  for (const a of w.plan.apps) {
    if (a.readsPerMailboxPerDay <= 0) continue;
    const { place, ip } = appPlace(w, a);
    const resource = a.reach.kind === 'esp-fullaccess' ? MS_APPS.exchangeOnline : MS_APPS.graph;
    for (let day = localMidnight(w.setupEnd, w.tz); day < w.opts.end; day += DAY) {
      const t = Math.floor((day + a.activeHours[0] * HOUR + prng.int(20 * 60_000)) / 1000) * 1000;
      if (t < w.setupEnd || t >= w.opts.end) continue;
      w.log.servicePrincipalSignIn({
        time: t, app: { appId: a.app.appId, displayName: a.app.displayName, servicePrincipalId: a.app.servicePrincipalId },
        resource, ip, place, correlationId: prng.guid(), credentialKeyId: prng.guid(),
      });
    }
  }
}
