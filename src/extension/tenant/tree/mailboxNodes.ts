import { delegationsOn } from '../../../core/tenant/access/delegates';
import { accessToMailbox, type MailboxAccessEntry } from '../../../core/tenant/access/whoCanRead';
import { findApp, fold } from '../../../core/tenant/identity';
import { appMailboxRemediationScript } from '../../../core/tenant/inventory/accessRemediation';
import { mailboxAuditGap, remediationForGap } from '../../../core/tenant/inventory/auditCoverage';
import { removeDelegationScript, removeSendOnBehalfScript } from '../../../core/tenant/inventory/remediation';
import type { Delegation, Mailbox, TenantModel } from '../../../core/tenant/model';
import type { LoadedTenant } from '../tenantSource';
import { mailboxIcon, mailboxTooltipLines } from './sharedNodes';
import { childId, ERROR_COLOR, note, section, WARNING_COLOR, type TenantNode, type TooltipLine } from './tenantNode';

export function mailboxesRoots(loaded: LoadedTenant): TenantNode[] {
  const model = loaded.model;
  return [...model.mailboxes]
    .sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName))
    .map((m) => mailboxNode(model, m));
}

export function mailboxNode(model: TenantModel, m: Mailbox): TenantNode {
  const id = `mailbox:${fold(m.userPrincipalName)}`;
  const gap = mailboxAuditGap(m);
  const auditBad = !m.audit.auditEnabled || m.audit.auditBypassEnabled || model.organization.auditDisabled;
  const parts: string[] = [m.recipientTypeDetails];
  if (m.department) parts.push(m.department);
  if (auditBad) parts.push('not audited');
  else if (gap.problems.length) parts.push('audit gaps');
  return {
    id,
    kind: 'mailbox',
    label: m.userPrincipalName,
    description: parts.join(' · '),
    icon: mailboxIcon(m),
    iconColor: auditBad ? ERROR_COLOR : undefined,
    tooltip: { title: m.userPrincipalName, lines: mailboxTooltipLines(m) },
    mailbox: m.userPrincipalName,
    children: () => mailboxChildren(model, m, id),
  };
}

function mailboxChildren(model: TenantModel, m: Mailbox, id: string): TenantNode[] {
  const access = accessToMailbox(model, m);
  const out: TenantNode[] = [];
  const readers = childId(id, 'readers');
  out.push(section(id, 'readers', 'Who can read', () => access.readers.map((e, i) => entryNode(model, m, readers, 'reader', e, i)), access.readers.length, 'eye', true));
  const senders = childId(id, 'senders');
  if (access.senders.length) out.push(section(id, 'senders', 'Who can send as or on behalf', () => access.senders.map((e, i) => entryNode(model, m, senders, 'sender', e, i)), access.senders.length, 'send'));
  const other = childId(id, 'other');
  if (access.other.length) out.push(section(id, 'other', 'Other mailbox permissions', () => access.other.map((e, i) => entryNode(model, m, other, 'otherPermission', e, i)), access.other.length, 'lock'));
  out.push(auditSection(model, m, id));
  return out;
}

const principalIcons: Record<MailboxAccessEntry['kind'], string> = {
  app: 'plug', person: 'person', group: 'organization', owner: 'account', servicePrincipal: 'server-process',
};

function delegationFor(model: TenantModel, m: Mailbox, e: MailboxAccessEntry): Delegation | undefined {
  const right = e.via.startsWith('folder ') ? 'FolderPermission' : e.via.split(' ')[0];
  return delegationsOn(model, m).find((d) => fold(d.trustee) === fold(e.principal) && d.right === right
    && (d.right !== 'FolderPermission' || e.via.startsWith(`folder ${d.folder ?? '?'} `)));
}

function entryRemediation(model: TenantModel, m: Mailbox, e: MailboxAccessEntry): (() => string) | undefined {
  if (e.kind === 'owner') return undefined;
  if (e.kind === 'app') {
    const app = findApp(model, e.principal);
    return app ? () => appMailboxRemediationScript(model, app, m) : undefined;
  }
  if (e.via === 'SendOnBehalf (GrantSendOnBehalfTo)') return () => removeSendOnBehalfScript(m.userPrincipalName, e.principal);
  const d = delegationFor(model, m, e);
  return d ? () => removeDelegationScript(d) : undefined;
}

function entryNode(model: TenantModel, m: Mailbox, parentId: string, kind: 'reader' | 'sender' | 'otherPermission', e: MailboxAccessEntry, index: number): TenantNode {
  const flags: string[] = [];
  if (e.tenantWide) flags.push('tenant-wide');
  if (e.requiresSignedInUser) flags.push('with a signed-in user');
  if (e.automapping === false) flags.push('automapping off');
  const lines: TooltipLine[] = [
    { label: 'Principal', text: e.principal },
    { label: 'Through', text: e.via },
    { label: 'Rights', text: e.rights.length ? e.rights.join(', ') : 'none on items' },
  ];
  if (flags.length) lines.push({ label: 'Note', text: flags.join(', ') });
  if (e.grantedDateTime) lines.push({ label: 'Granted', text: `${e.grantedDateTime}${e.grantedBy ? ` by ${e.grantedBy}` : ''}` });
  if (e.note) lines.push({ label: 'Note', text: e.note });
  return {
    id: childId(parentId, `${index}:${e.kind}:${fold(e.principal)}`),
    kind,
    label: e.displayName || e.principal,
    description: [e.via, ...flags].join(' · '),
    icon: principalIcons[e.kind],
    iconColor: e.kind === 'owner' ? undefined : e.tenantWide ? ERROR_COLOR : e.readsContent ? WARNING_COLOR : undefined,
    tooltip: { title: `${e.displayName || e.principal} on ${m.userPrincipalName}`, lines },
    appId: e.kind === 'app' ? e.principal : undefined,
    mailbox: m.userPrincipalName,
    remediation: entryRemediation(model, m, e),
  };
}

function auditSection(model: TenantModel, m: Mailbox, id: string): TenantNode {
  const sid = childId(id, 'audit');
  const gap = mailboxAuditGap(m);
  const problems = gap.problems.length + (model.organization.auditDisabled ? 1 : 0);
  const list = (values: readonly string[]) => (values.length ? values.join(', ') : '(none)');
  return {
    id: sid, kind: 'section', label: 'Audit settings', description: problems ? `${problems} problem${problems === 1 ? '' : 's'}` : 'meets the recommendation',
    icon: problems ? 'warning' : 'pass', iconColor: problems ? WARNING_COLOR : undefined,
    mailbox: m.userPrincipalName,
    remediation: gap.problems.length ? () => remediationForGap(gap).join('\n') : undefined,
    children: () => [
      ...(model.organization.auditDisabled ? [note(sid, 'org', 'organisation-wide AuditDisabled is True: no mailbox is audited', { icon: 'error', iconColor: ERROR_COLOR })] : []),
      ...gap.problems.map((p, i) => ({ id: childId(sid, `problem/${i}`), kind: 'auditProblem' as const, label: p, icon: 'warning', iconColor: WARNING_COLOR })),
      setting(sid, 'AuditEnabled', String(m.audit.auditEnabled)),
      setting(sid, 'AuditBypassEnabled', String(m.audit.auditBypassEnabled)),
      setting(sid, 'AuditOwner', list(m.audit.auditOwner)),
      setting(sid, 'AuditDelegate', list(m.audit.auditDelegate)),
      setting(sid, 'AuditAdmin', list(m.audit.auditAdmin)),
    ],
  };
}

function setting(parentId: string, name: string, value: string): TenantNode {
  return { id: childId(parentId, name), kind: 'auditSetting', label: name, description: value, icon: 'settings',
    tooltip: { title: name, lines: [{ text: value }] } };
}
