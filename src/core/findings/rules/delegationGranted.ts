/**
 * Rule 1: a human (or an Exchange service principal) was given access to
 * someone else's mailbox: FullAccess / ReadPermission, SendAs, SendOnBehalf,
 * or rights on a mailbox folder.
 */
import type { ColumnTable } from 'arquero';
import { filterRows, numbers, operationKey, param, rowsWithOperation, strings, timeAt, values, type Selection } from '../columns';
import { fold, identityLeaf, isSystemActor, isSystemGrantee, isSystemMailbox, mailboxOfFolderIdentity } from '../identities';
import {
  removeFolderPermission, removeMailboxPermission, removeRecipientPermission, removeSendOnBehalf,
} from '../remediation';
import { mergeEvidence, refsAsEvidence, type RecordRef } from '../creations';
import { evidenceOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft, Remediation } from '../types';
import { failed, offHours, riskyAccount, sensitiveMailbox } from './commonReasons';

const mailboxCmdlets = ['Add-MailboxPermission', 'Add-RecipientPermission', 'Add-MailboxFolderPermission', 'Set-MailboxFolderPermission'];
const folderAudits = ['AddFolderPermissions', 'ModifyFolderPermissions', 'UpdateFolderPermissions'];
const folderAuditKeys = new Set(folderAudits.map(operationKey));

const query = `AuditLogs
| where Operation in~ ("Add-MailboxPermission", "Add-RecipientPermission", "Add-MailboxFolderPermission", "Set-MailboxFolderPermission", "AddFolderPermissions", "ModifyFolderPermissions", "UpdateFolderPermissions")
    or (Operation =~ "Set-Mailbox" and isnotempty(Grantee) and not(tostring(Parameters.GrantSendOnBehalfTo) startswith "@{remove"))
| where isnotempty(Grantee)
| project Time, Id, Operation, ResultStatus, UserId, UserType, ClientInfoString, TargetMailbox, Grantee, AccessRights, Automapping, Parameters, Item, MailboxOwnerUPN`;

function select(t: ColumnTable): Int32Array {
  const grantees = strings(t, 'Grantee');
  const ops = strings(t, 'Operation');
  const params = values(t, 'Parameters');
  const grants = rowsWithOperation(t, [...mailboxCmdlets, ...folderAudits, 'Set-Mailbox']);
  return filterRows(grants, (r) => {
    if (!grantees[r]) return false;
    if (operationKey(ops[r] ?? '') !== 'set-mailbox') return true;
    return !/^@\{\s*remove/i.test(param(params[r], 'GrantSendOnBehalfTo'));
  });
}

type RightKind = 'FullAccess' | 'SendAs' | 'SendOnBehalf' | 'ReadPermission' | 'Folder';

function rightKind(operation: string, rights: string): RightKind {
  const op = operationKey(operation);
  if (op === 'add-recipientpermission') return 'SendAs';
  if (op === 'set-mailbox') return 'SendOnBehalf';
  if (op.includes('folderpermission')) return 'Folder';
  if (/fullaccess/i.test(rights)) return 'FullAccess';
  return 'ReadPermission';
}

const baseScores: Record<RightKind, number> = { FullAccess: 35, SendAs: 30, SendOnBehalf: 25, ReadPermission: 30, Folder: 25 };

const meanings: Record<RightKind, string> = {
  FullAccess: 'FullAccess lets the grantee open the mailbox and read, change and delete everything in it; it survives a password reset of the owner.',
  SendAs: 'SendAs lets the grantee send mail that appears to come from the mailbox itself, with no trace of the sender.',
  SendOnBehalf: 'SendOnBehalf lets the grantee send mail on behalf of the mailbox owner.',
  ReadPermission: 'The grantee received rights on the mailbox object.',
  Folder: 'Folder permissions let the grantee open one folder of the mailbox.',
};

/** Folder role names that read item contents, and the free/busy-only ones. */
const readingFolderRights = /owner|publishingeditor|editor|publishingauthor|author|nonEditingAuthor|reviewer|readitems|readany/i;
const freeBusyOnly = /^(availabilityonly|limiteddetails|freebusy\w*|none)(,\s*(availabilityonly|limiteddetails|freebusy\w*|visible))*$/i;

function folderOf(operation: string, bag: unknown, item: unknown): string {
  if (folderAuditKeys.has(operationKey(operation))) {
    const parent = item && typeof item === 'object' ? (item as Record<string, unknown>).ParentFolder : undefined;
    const path = parent && typeof parent === 'object' ? (parent as Record<string, unknown>).Path ?? (parent as Record<string, unknown>).Name : undefined;
    return typeof path === 'string' ? path.replace(/^\\+/, '') : '';
  }
  const id = param(bag, 'Identity');
  const at = id.indexOf(':\\');
  return at >= 0 ? id.slice(at + 2) : '';
}

function remediationFor(kind: RightKind, mailbox: string, grantees: string[], rights: string, folderIdentity: string): Remediation[] {
  return grantees.map((g) => {
    switch (kind) {
      case 'SendAs': return removeRecipientPermission(mailbox, g);
      case 'SendOnBehalf': return removeSendOnBehalf(mailbox, g);
      case 'Folder': return removeFolderPermission(folderIdentity, g);
      default: return removeMailboxPermission(mailbox, g, rights || kind);
    }
  });
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.grants!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const ops = strings(t, 'Operation');
  const status = strings(t, 'ResultStatus');
  const actors = strings(t, 'UserId');
  const userTypes = strings(t, 'UserType');
  const clientInfo = strings(t, 'ClientInfoString');
  const targets = strings(t, 'TargetMailbox');
  const owners = strings(t, 'MailboxOwnerUPN');
  const grantees = strings(t, 'Grantee');
  const rightsCol = strings(t, 'AccessRights');
  const automap = values(t, 'Automapping');
  const params = values(t, 'Parameters');
  const items = values(t, 'Item');
  const out: FindingDraft[] = [];

  for (const r of s.rows) {
    const op = ops[r] ?? '';
    const actor = actors[r] ?? '';
    const mailbox = mailboxOfFolderIdentity(targets[r] || owners[r] || '');
    const granteeText = grantees[r] ?? '';
    const granteeList = granteeText.split(',').map((g) => g.trim()).filter(Boolean);
    // Exchange's own provisioning (e.g. Discovery Management on DiscoverySearchMailbox) and group-mailbox placeholders.
    if (isSystemActor(actor) && (isSystemMailbox(mailbox) || granteeList.every(isSystemGrantee))) continue;
    if (/action=configuregroupmailbox/i.test(clientInfo[r] ?? '')) continue;
    const people = granteeList.filter((g) => !/^(owner|member)@local$/i.test(identityLeaf(g)));
    if (people.length === 0) continue;

    const rights = rightsCol[r] ?? '';
    const kind = rightKind(op, rights);
    const time = timeAt(times, r);
    const folder = kind === 'Folder' ? folderOf(op, params[r], items[r]) : '';
    const reasons = new Reasons();
    const context: RecordRef[] = [];
    let base = baseScores[kind];
    if (kind === 'Folder') {
      if (freeBusyOnly.test(rights.replace(/\s+/g, ''))) base = 10;
      else if (readingFolderRights.test(rights) && /^(inbox|top of information store|)$/i.test(folder)) base = 35;
      reasons.add(0, `rights ${rights || '(not recorded)'} on folder ${folder || '(root)'}`);
    }
    if (people.some((g) => fold(g) === 'default' || fold(g) === 'anonymous')) reasons.add(15, 'granted to everyone (Default/Anonymous)');
    failed(reasons, status[r] ?? '');
    for (const g of people) {
      riskyAccount(reasons, ctx, g, time, 'grantee', context);
      if (ctx.facts.isExchangeServicePrincipal(g)) reasons.add(20, `the grantee ${g} is an Exchange service principal: an app can now read this mailbox over IMAP/POP/EWS`);
      if (fold(g) === fold(actor)) reasons.add(15, 'the actor granted the access to themselves');
      if (mailbox && ctx.facts.isStandingDelegate(mailbox, g)) reasons.add(-20, `the tenant model already lists ${g} as a delegate of ${mailbox}`);
    }
    if (kind === 'FullAccess' && automap[r] === false) reasons.add(15, 'Automapping is off: the mailbox will not appear in the grantee\'s Outlook, hiding the access');
    offHours(reasons, ctx, time);
    sensitiveMailbox(reasons, ctx, mailbox);
    if (/^(application|serviceprincipal)$/i.test(userTypes[r] ?? '')) reasons.add(10, 'the grant was made by an application, not a person');
    if (isSystemActor(actor)) reasons.add(-20, `made by the Exchange service itself (${actor})`);

    const label = kind === 'Folder' ? `${rights || 'folder rights'} on ${mailbox}:\\${folder}` : `${kind === 'ReadPermission' ? rights || kind : kind} on ${mailbox}`;
    const folderIdentity = `${mailbox}:\\${folder}`;
    out.push({
      kind,
      title: `${label} granted to ${people.join(', ')}`,
      description: `${actor || 'Someone'} ran ${op}: ${people.join(', ')} received ${label}. ${meanings[kind]}`,
      stage: 'grant',
      baseScore: base,
      reasons: reasons.list,
      evidence: mergeEvidence([evidenceOf(s, [r]), ...refsAsEvidence(context)]),
      start: time,
      end: time,
      mailbox,
      actor,
      grantee: people.join(','),
      remediation: remediationFor(kind, mailbox, people, kind === 'ReadPermission' ? rights : kind === 'FullAccess' ? 'FullAccess' : rights, folderIdentity),
      details: { operation: op, rights, ...(kind === 'FullAccess' ? { automapping: automap[r] === null ? 'unknown' : String(automap[r]) } : {}), ...(folder ? { folder } : {}) },
    });
  }
  return out;
}

export const delegationGranted: Rule = {
  id: 'delegation-granted',
  title: 'Mailbox delegation granted',
  description: 'Add-MailboxPermission, Add-RecipientPermission, Set-Mailbox -GrantSendOnBehalfTo and folder permission changes that give another identity access to a mailbox.',
  techniques: [techniques.delegate],
  references: [
    'https://attack.mitre.org/techniques/T1098/002/',
    'https://learn.microsoft.com/en-us/powershell/module/exchange/add-mailboxpermission',
    'https://learn.microsoft.com/en-us/exchange/recipients-in-exchange-online/manage-permissions-for-recipients',
  ],
  inputs: { grants: { table: 'AuditLogs', query, select } },
  detect,
};
