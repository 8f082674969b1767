/**
 * Rule 9: suspicious inbox rules: forwarding or redirecting mail, deleting it,
 * moving it to folders nobody looks at, very short or symbol-only names, or
 * rules changed by someone other than the owner. Rules created together by one
 * actor on one mailbox make one finding.
 */
import type { ColumnTable } from 'arquero';
import { numbers, operationKey, param, rowsWithOperation, strings, values, type Selection } from '../columns';
import { identityKey, isSystemActor } from '../identities';
import { removeInboxRule, revokeSessions } from '../remediation';
import { evidenceOf, sortByTime, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft, Remediation } from '../types';
import { offHours, sensitiveMailbox } from './commonReasons';

const cmdlets = ['New-InboxRule', 'Set-InboxRule', 'Enable-InboxRule', 'UpdateInboxRules'];

const query = `AuditLogs
| where Operation in~ ("New-InboxRule", "Set-InboxRule", "Enable-InboxRule", "UpdateInboxRules")
| project Time, Id, Operation, ResultStatus, UserId, UserType, ObjectId, Parameters, OperationProperties, MailboxOwnerUPN, LogonType, ClientIp`;

function select(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, cmdlets);
}

/** Folders people rarely open (English and the French names seen in exports). */
const obscureFolders = /^(rss feeds|rss subscriptions|rss|conversation history|historique des conversations|notes|junk e-?mail|courrier ind[ée]sirable|deleted items|[ée]l[ée]ments supprim[ée]s|archive|outbox|bo[iî]te d'envoi|sync issues|probl[èe]mes de synchronisation|scheduled)$/i;
const lureWords = /\b(invoice|payment|wire|bank|transfer|swift|remittance|ach|password|security|phish|hack|compromise|urgent|paypal|docusign|facture|paiement|virement)\b/i;
const GROUP_GAP = 24 * 3600 * 1000;

interface RuleFlags {
  readonly forwardTo: string[];
  readonly deletes: boolean;
  readonly obscureFolder: string;
  readonly markAsRead: boolean;
  readonly shortName: boolean;
  readonly lure: string;
  readonly otherMailbox: boolean;
}

function addresses(v: string): string[] {
  return v.split(/[;,]/).map((x) => x.trim().replace(/^["'[]|["'\]]$/g, '').replace(/^smtp:/i, '')).filter(Boolean);
}

function flagsOf(bag: unknown, name: string, otherMailbox: boolean): RuleFlags {
  const forwardTo = ['ForwardTo', 'ForwardAsAttachmentTo', 'RedirectTo'].flatMap((p) => addresses(param(bag, p)));
  const folder = param(bag, 'MoveToFolder').replace(/^.*[\\:]/, '').trim();
  const words = ['SubjectContainsWords', 'BodyContainsWords', 'SubjectOrBodyContainsWords', 'FromAddressContainsWords'].map((p) => param(bag, p)).join(' ');
  const n = name.trim();
  return {
    forwardTo,
    deletes: /^\$?true$/i.test(param(bag, 'DeleteMessage')) || /^\$?true$/i.test(param(bag, 'SoftDeleteMessage')),
    obscureFolder: obscureFolders.test(folder) ? folder : '',
    markAsRead: /^\$?true$/i.test(param(bag, 'MarkAsRead')),
    shortName: n !== '' && (n.length <= 2 || !/[\p{L}\p{N}]{2}/u.test(n)),
    lure: lureWords.exec(words)?.[0] ?? '',
    otherMailbox,
  };
}

/**
 * An Outlook rule change (UpdateInboxRules) as the parameters of the equivalent cmdlet: its
 * OperationProperties hold RuleName, RuleCondition and RuleActions, a JSON list of
 * {ActionType, Recipients, ...}.
 */
function outlookRule(props: unknown): Record<string, string> {
  let actions: unknown = param(props, 'RuleActions');
  try {
    actions = JSON.parse(actions as string);
  } catch {
    actions = [];
  }
  const forward: string[] = [];
  let deletes = false;
  let folder = '';
  for (const a of Array.isArray(actions) ? actions : []) {
    if (!a || typeof a !== 'object') continue;
    const o = a as Record<string, unknown>;
    const type = String(o.ActionType ?? '');
    if (/forward|redirect/i.test(type) && Array.isArray(o.Recipients)) forward.push(...o.Recipients.map(String));
    if (/delete/i.test(type)) deletes = true;
    if (/move/i.test(type)) folder = String(o.FolderName ?? o.Folder ?? o.FolderPath ?? '');
  }
  return {
    ForwardTo: forward.join(';'), DeleteMessage: deletes ? 'True' : '', MoveToFolder: folder,
    SubjectOrBodyContainsWords: param(props, 'RuleCondition'), Name: param(props, 'RuleName'),
  };
}

function suspicious(f: RuleFlags): boolean {
  return f.forwardTo.length > 0 || f.deletes || f.obscureFolder !== '' || f.shortName || f.otherMailbox || f.lure !== '';
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.rules!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const ops = strings(t, 'Operation');
  const actors = strings(t, 'UserId');
  const owners = strings(t, 'MailboxOwnerUPN');
  const objects = strings(t, 'ObjectId');
  const logon = strings(t, 'LogonType');
  const params = values(t, 'Parameters');
  const properties = values(t, 'OperationProperties');
  const status = strings(t, 'ResultStatus');

  interface Hit { row: number; mailbox: string; name: string; flags: RuleFlags }
  const groups = new Map<string, Hit[][]>();
  for (const r of sortByTime(times, s.rows)) {
    if (/^(failed|false)$/i.test(status[r] ?? '')) continue;
    const actor = actors[r] ?? '';
    if (isSystemActor(actor)) continue;
    const op = operationKey(ops[r] ?? '');
    const bag = op === 'updateinboxrules' ? outlookRule(properties[r]) : params[r];
    let mailbox: string;
    let name: string;
    let other: boolean;
    if (op === 'updateinboxrules') {
      mailbox = owners[r] || actor;
      name = param(bag, 'Name');
      other = identityKey(mailbox) !== identityKey(actor) || /^(delegated|admin|delegatedadmin)$/i.test(logon[r] ?? '');
    } else {
      mailbox = param(bag, 'Mailbox') || actor;
      const object = objects[r] ?? '';
      name = param(bag, 'Name') || param(bag, 'Identity').replace(/^.*\\/, '') || object.slice(object.lastIndexOf('\\') + 1);
      other = param(bag, 'Mailbox') !== '' && identityKey(param(bag, 'Mailbox')) !== identityKey(actor);
    }
    const flags = flagsOf(bag, name, other);
    if (!suspicious(flags)) continue;
    const key = `${identityKey(actor)}|${identityKey(mailbox)}`;
    let clusters = groups.get(key);
    if (!clusters) groups.set(key, (clusters = []));
    const last = clusters[clusters.length - 1];
    const lastTime = last ? times[last[last.length - 1]!.row] : null;
    const now = times[r];
    if (last && (typeof lastTime !== 'number' || typeof now !== 'number' || now - lastTime <= GROUP_GAP)) last.push({ row: r, mailbox, name, flags });
    else clusters.push([{ row: r, mailbox, name, flags }]);
  }

  const out: FindingDraft[] = [];
  for (const clusters of groups.values()) {
    for (const hits of clusters) {
      const rows = hits.map((h) => h.row);
      const actor = actors[rows[0]!] ?? '';
      const mailbox = hits[0]!.mailbox;
      const { start, end } = spanOf(times, rows);
      const reasons = new Reasons();
      const forwards = [...new Set(hits.flatMap((h) => h.flags.forwardTo))];
      const external = forwards.filter((a) => ctx.facts.isExternal(a) === true);
      if (external.length) reasons.add(30, `forwards or redirects mail outside the tenant (${external.slice(0, 5).join(', ')})`);
      else if (forwards.length) reasons.add(15, `forwards or redirects mail (${forwards.slice(0, 5).join(', ')})`);
      if (hits.some((h) => h.flags.deletes)) reasons.add(15, 'deletes the matching mail');
      const folders = [...new Set(hits.map((h) => h.flags.obscureFolder).filter(Boolean))];
      if (folders.length) reasons.add(15, `moves mail to a folder rarely looked at (${folders.join(', ')})`);
      if (hits.some((h) => h.flags.markAsRead)) reasons.add(5, 'marks the matching mail as read');
      const names = [...new Set(hits.map((h) => h.name).filter(Boolean))];
      if (hits.some((h) => h.flags.shortName)) reasons.add(15, `very short or symbol-only rule name(s) (${names.filter((n) => n.length <= 2 || !/[\p{L}\p{N}]{2}/u.test(n)).slice(0, 10).map((n) => JSON.stringify(n)).join(', ')})`);
      const lures = [...new Set(hits.map((h) => h.flags.lure).filter(Boolean))];
      if (lures.length) reasons.add(10, `matches words attackers watch for (${lures.join(', ')})`);
      if (hits.some((h) => h.flags.otherMailbox)) reasons.add(15, `${actor} changed rules of another mailbox (${mailbox})`);
      if (hits.length >= 5) reasons.add(10, `${hits.length} rule changes in ${Math.max(1, Math.round(((end ?? 0) - (start ?? 0)) / 60000))} min`);
      sensitiveMailbox(reasons, ctx, mailbox);
      offHours(reasons, ctx, start, 5);
      const froms = [...new Set(rows.map((r) => param(params[r], 'From')).filter(Boolean))];
      const remediation: Remediation[] = names.map((n) => removeInboxRule(mailbox, n));
      remediation.push(revokeSessions(actor));
      out.push({
        kind: forwards.length ? 'forward' : 'hide',
        title: `${hits.length === 1 ? 'Suspicious inbox rule' : `${hits.length} suspicious inbox rule changes`} by ${actor}${identityKey(mailbox) !== identityKey(actor) ? ` on ${mailbox}` : ''}`,
        description: `${actor} ${hits.length === 1 ? 'created or changed an inbox rule' : `created or changed ${hits.length} inbox rules`} on ${mailbox}${names.length ? ` (names: ${names.slice(0, 20).map((n) => JSON.stringify(n)).join(', ')})` : ''}${froms.length ? `, for mail from ${froms.slice(0, 5).join(', ')}` : ''}. Attackers use rules to hide replies and alerts or to copy mail out.`,
        stage: 'persistence',
        baseScore: 35,
        reasons: reasons.list,
        evidence: [evidenceOf(s, rows)],
        start,
        end,
        mailbox,
        actor,
        remediation,
        techniques: forwards.length ? [techniques.forwardingRule, techniques.hidingRule] : [techniques.hidingRule],
        details: { rules: hits.length, names: names.slice(0, 50), ...(froms.length ? { from: froms.slice(0, 20) } : {}), ...(forwards.length ? { forwardTo: forwards } : {}), ...(folders.length ? { folders } : {}) },
      });
    }
  }
  return out;
}

export const suspiciousInboxRule: Rule = {
  id: 'suspicious-inbox-rule',
  title: 'Suspicious inbox rule',
  description: 'New-InboxRule / Set-InboxRule / UpdateInboxRules that forward, redirect or delete mail, move it to rarely opened folders, carry very short or symbol-only names, or touch another person\'s mailbox.',
  techniques: [techniques.hidingRule, techniques.forwardingRule],
  references: [
    'https://attack.mitre.org/techniques/T1564/008/',
    'https://attack.mitre.org/techniques/T1114/003/',
    'https://learn.microsoft.com/en-us/defender-office-365/detect-and-remediate-outlook-rules-forms-attack',
  ],
  inputs: { rules: { table: 'AuditLogs', query, select } },
  detect,
};
