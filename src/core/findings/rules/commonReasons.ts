/** Reasons several rules share: off-hours, sensitive mailboxes, new / outside accounts, failures. */
import type { RecordRef } from '../creations';
import type { RuleContext } from '../rule';
import type { Reasons } from '../severity';

const DAY = 24 * 3600 * 1000;

export function offHours(r: Reasons, ctx: RuleContext, time: number | null, points = 10): void {
  if (time === null) return;
  const period = ctx.clock.period(time);
  if (period === 'night') r.add(points, `outside business hours (${ctx.clock.describe(time)})`);
  else if (period === 'weekend') r.add(points, `at the weekend (${ctx.clock.describe(time)})`);
}

export function sensitiveMailbox(r: Reasons, ctx: RuleContext, mailbox: string, points = 15): void {
  if (!mailbox) return;
  const why = ctx.facts.mailboxSensitivity(mailbox);
  if (why) r.add(points, `${mailbox} is ${why}`);
}

/**
 * Guest, external domain, contractor, account created shortly before `time`. The
 * creation records behind a "new account" reason go into `context` when given.
 */
export function riskyAccount(r: Reasons, ctx: RuleContext, identity: string, time: number | null, role: string, context?: RecordRef[]): void {
  if (!identity) return;
  const a = ctx.facts.account(identity);
  const external = ctx.facts.isExternal(identity);
  if (a.guest) r.add(25, `the ${role} ${identity} is a guest account`);
  else if (external === true) r.add(25, `the ${role} ${identity} is outside the tenant's domains`);
  if (a.contractor) r.add(15, `the ${role} ${identity} is a contractor`);
  if (a.createdMs !== null && time !== null) {
    const days = (time - a.createdMs) / DAY;
    if (days >= 0 && days <= ctx.settings.recentAccountDays) {
      const when = days < 1 ? 'less than a day' : `${Math.floor(days)} day(s)`;
      if (a.createdWith >= ctx.settings.provisioningBatch) r.add(0, `the ${role} account was created ${when} before, in a provisioning batch of ${a.createdWith} accounts`);
      else {
        r.add(20, `the ${role} account was created ${when} before`);
        context?.push(...ctx.facts.creationsBefore([identity], time, (ctx.settings.recentAccountDays + 1) * DAY, 'account'));
      }
    }
  }
}

export function failed(r: Reasons, status: string): boolean {
  if (/^(failed|failure|false)$/i.test(status.trim())) {
    r.add(-30, 'the operation failed: nothing was changed');
    return true;
  }
  return false;
}
