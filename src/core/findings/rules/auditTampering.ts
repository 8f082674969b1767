/**
 * Rule 6: audit tampering. Mailbox auditing turned off or its action sets cut
 * below the recommended AuditAdmin / AuditDelegate sets (seed 000), audit
 * bypass, organisation-wide mailbox auditing or Unified Audit Log ingestion
 * disabled, audit log retention policies changed.
 */
import type { ColumnTable } from 'arquero';
import { filterRows, hasParam, numbers, operationKey, param, rowsWithOperation, strings, timeAt, values, type Selection } from '../columns';
import { identityLeaf, isSystemActor } from '../identities';
import {
  disableAuditBypass, enableMailboxAudit, enableOrganizationAudit, enableUnifiedAuditLog, restoreAuditActions, reviewRetentionPolicies,
} from '../remediation';
import { evidenceOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft, Remediation } from '../types';
import { failed, offHours, riskyAccount, sensitiveMailbox } from './commonReasons';

/** Seed 000's recommended action sets (what an investigation needs to see). */
export const recommendedAuditActions = {
  AuditAdmin: ['Update', 'Copy', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'FolderBind', 'SendAs', 'SendOnBehalf', 'Create'],
  AuditDelegate: ['Update', 'Move', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'FolderBind', 'SendAs', 'SendOnBehalf', 'Create'],
} as const;

const auditParameters = ['AuditEnabled', 'AuditAdmin', 'AuditDelegate', 'AuditOwner', 'AuditLogAgeLimit'];
const retentionCmdlets = ['New-UnifiedAuditLogRetentionPolicy', 'Set-UnifiedAuditLogRetentionPolicy', 'Remove-UnifiedAuditLogRetentionPolicy'];
const cmdlets = ['Set-Mailbox', 'Set-MailboxAuditBypassAssociation', 'Set-OrganizationConfig', 'Set-AdminAuditLogConfig', ...retentionCmdlets];

const query = `AuditLogs
| where Operation in~ ("Set-MailboxAuditBypassAssociation", "Set-OrganizationConfig", "Set-AdminAuditLogConfig", ${retentionCmdlets.map((c) => `"${c}"`).join(', ')})
    or (Operation =~ "Set-Mailbox" and (isnotempty(Parameters.AuditEnabled) or isnotempty(Parameters.AuditAdmin) or isnotempty(Parameters.AuditDelegate) or isnotempty(Parameters.AuditOwner) or isnotempty(Parameters.AuditLogAgeLimit)))
| project Time, Id, Operation, ResultStatus, UserId, UserType, ObjectId, Parameters, TargetMailbox`;

function select(t: ColumnTable): Int32Array {
  const ops = strings(t, 'Operation');
  const params = values(t, 'Parameters');
  return filterRows(rowsWithOperation(t, cmdlets), (r) => operationKey(ops[r] ?? '') !== 'set-mailbox' || auditParameters.some((p) => param(params[r], p) !== ''));
}

function isFalse(v: string): boolean {
  return /^\s*\$?false\s*$/i.test(v);
}
function isTrue(v: string): boolean {
  return /^\s*\$?true\s*$/i.test(v);
}

/** Actions an -AuditAdmin/-AuditDelegate/-AuditOwner value removes: the listed set's gaps, or an @{remove=...}. */
function removedActions(value: string, recommended: readonly string[]): string[] {
  const v = value.trim();
  const list = (s: string) => s.split(/[,;]/).map((x) => x.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
  const remove = /@\{[^}]*remove\s*=\s*([^;}]*)/i.exec(v);
  if (remove) return list(remove[1]!);
  if (/@\{/.test(v)) return [];
  const set = new Set(list(v).map((x) => x.toLowerCase()));
  if (set.has('none') || set.size === 0) return [...recommended, 'MailItemsAccessed'];
  // A full list is judged against the recommended set only (seed 000's own command omits MailItemsAccessed).
  return recommended.filter((a) => !set.has(a.toLowerCase()));
}

/** AuditLogAgeLimit "7.00:00:00" -> days. */
function days(v: string): number | null {
  const m = /^\s*(\d+)(?:\.(\d+):\d+:\d+)?\s*$/.exec(v) ?? /^\s*(\d+)\.\d/.exec(v);
  return m ? Number(m[1]) : null;
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.changes!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const ops = strings(t, 'Operation');
  const status = strings(t, 'ResultStatus');
  const actors = strings(t, 'UserId');
  const objects = strings(t, 'ObjectId');
  const targets = strings(t, 'TargetMailbox');
  const params = values(t, 'Parameters');
  const out: FindingDraft[] = [];
  for (const r of s.rows) {
    const op = operationKey(ops[r] ?? '');
    const bag = params[r];
    const actor = actors[r] ?? '';
    const time = timeAt(times, r);
    const reasons = new Reasons();
    const changes: string[] = [];
    const remediation: Remediation[] = [];
    let base = 0;
    let mailbox = '';
    const raise = (score: number, what: string, fix?: Remediation) => {
      base = Math.max(base, score);
      changes.push(what);
      if (fix) remediation.push(fix);
    };
    switch (op) {
      case 'set-mailbox': {
        mailbox = targets[r] || param(bag, 'Identity') || objects[r] || '';
        const shown = identityLeaf(mailbox);
        if (isFalse(param(bag, 'AuditEnabled'))) raise(70, 'mailbox auditing turned off (-AuditEnabled $false)', enableMailboxAudit(shown));
        for (const which of ['AuditAdmin', 'AuditDelegate', 'AuditOwner'] as const) {
          if (!hasParam(bag, which)) continue;
          const recommended = which === 'AuditOwner' ? [] : recommendedAuditActions[which];
          const removed = removedActions(param(bag, which), recommended);
          const cut = removed.filter((a) => recommended.some((x) => x.toLowerCase() === a.toLowerCase()) || /^mailitemsaccessed$/i.test(a));
          if (cut.length === 0) continue;
          const mia = cut.some((a) => /^mailitemsaccessed$/i.test(a));
          raise(which === 'AuditOwner' ? (mia ? 55 : 40) : mia ? 65 : 55, `-${which} no longer audits ${cut.join(', ')}`, restoreAuditActions(shown, which, cut));
        }
        const age = days(param(bag, 'AuditLogAgeLimit'));
        if (age !== null && age < 90) raise(50, `mailbox audit records kept only ${age} day(s) (-AuditLogAgeLimit)`);
        sensitiveMailbox(reasons, ctx, shown);
        break;
      }
      case 'set-mailboxauditbypassassociation':
        mailbox = param(bag, 'Identity') || objects[r] || '';
        if (isTrue(param(bag, 'AuditBypassEnabled'))) raise(70, `audit bypass turned on for ${identityLeaf(mailbox)}: none of its actions on any mailbox are audited`, disableAuditBypass(identityLeaf(mailbox)));
        break;
      case 'set-organizationconfig':
        if (isTrue(param(bag, 'AuditDisabled'))) raise(85, 'mailbox auditing turned off for the whole organisation (-AuditDisabled $true)', enableOrganizationAudit());
        break;
      case 'set-adminauditlogconfig':
        if (isFalse(param(bag, 'UnifiedAuditLogIngestionEnabled'))) raise(90, 'Unified Audit Log ingestion turned off', enableUnifiedAuditLog());
        if (isFalse(param(bag, 'AdminAuditLogEnabled'))) raise(70, 'admin audit logging turned off (-AdminAuditLogEnabled $false)');
        break;
      default: {
        const duration = param(bag, 'RetentionDuration');
        const short = /^(sevendays|onemonth|threemonths)$/i.test(duration.trim());
        const removed = op.startsWith('remove');
        raise(removed ? 55 : short ? 55 : 40, `audit log retention policy ${param(bag, 'Name') || param(bag, 'Identity')} ${removed ? 'removed' : op.startsWith('new') ? 'created' : 'changed'}${duration ? ` (retention ${duration})` : ''}`, reviewRetentionPolicies());
        if (short) reasons.add(0, `a short retention (${duration}) deletes audit records sooner`);
      }
    }
    if (base === 0) continue;
    for (const c of changes) reasons.add(0, c);
    failed(reasons, status[r] ?? '');
    offHours(reasons, ctx, time);
    if (!isSystemActor(actor)) riskyAccount(reasons, ctx, actor, time, 'actor');
    else reasons.add(-30, `made by the Exchange service itself (${actor})`);
    out.push({
      kind: op,
      title: changes.length === 1 ? capitalise(changes[0]!) + (mailbox && !changes[0]!.includes(identityLeaf(mailbox)) ? ` on ${identityLeaf(mailbox)}` : '') : `Audit settings weakened${mailbox ? ` on ${identityLeaf(mailbox)}` : ''}`,
      description: `${actor || 'Someone'} ran ${ops[r]}: ${changes.join('; ')}. Actions after this point may leave no audit record.`,
      stage: 'tampering',
      baseScore: base,
      reasons: reasons.list,
      evidence: [evidenceOf(s, [r])],
      start: time,
      end: time,
      mailbox: mailbox ? identityLeaf(mailbox) : '',
      actor,
      remediation,
      details: { operation: ops[r] ?? '', changes },
    });
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const auditTampering: Rule = {
  id: 'audit-tampering',
  title: 'Audit logging weakened',
  description: 'Mailbox audit disabled or reduced, audit bypass, organisation-wide auditing or Unified Audit Log ingestion off, retention policies changed.',
  techniques: [techniques.cloudLogs],
  references: [
    'https://attack.mitre.org/techniques/T1562/008/',
    'https://learn.microsoft.com/en-us/purview/audit-mailboxes',
    'https://learn.microsoft.com/en-us/powershell/module/exchange/set-mailboxauditbypassassociation',
  ],
  inputs: { changes: { table: 'AuditLogs', query, select } },
  detect,
};
