/**
 * Rule 7: mailbox export. An app synchronising many folders of one mailbox in
 * a short time (Graph exportItems and bulk EWS/Graph downloads look like this
 * in MailItemsAccessed), mail read by an app holding MailboxItem.ImportExport,
 * and the Exchange Server export cmdlets if they appear.
 */
import type { ColumnTable } from 'arquero';
import { filterRows, numbers, operationKey, param, rowsWithOperation, strings, timeAt, values, type Selection } from '../columns';
import { identityKey, isSystemActor } from '../identities';
import { disableServicePrincipal, revokeSessions } from '../remediation';
import { evidenceOf, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { offHours, sensitiveMailbox } from './commonReasons';
import { codesOf, flagsOf } from '../columnCodes';
import { callingApp, groupRows, rowsInTimeOrder, syncFlags, windowEpisodes } from './mailAccess';

const exportCmdlets = ['New-MailboxExportRequest', 'New-MailboxRestoreRequest'];

const query = `AuditLogs
| where (Operation =~ "MailItemsAccessed" and (isnotempty(AppId) or isnotempty(ClientAppId)))
    or Operation in~ ("New-MailboxExportRequest", "New-MailboxRestoreRequest")
| project Time, Id, Operation, UserId, UserType, MailboxOwnerUPN, AppId, ClientAppId, MailAccessType, Folders, ItemCount, Parameters, ClientIp`;

function mailAccessFlags(t: ColumnTable): (row: number) => boolean {
  const ops = codesOf(t, 'Operation');
  const isMail = flagsOf(ops, (v) => operationKey(v) === 'mailitemsaccessed');
  return (row) => isMail[ops.codes[row]!] === 1;
}

function select(t: ColumnTable): Int32Array {
  const apps = strings(t, 'AppId');
  const clientApps = strings(t, 'ClientAppId');
  const isMail = mailAccessFlags(t);
  return filterRows(rowsWithOperation(t, ['MailItemsAccessed', ...exportCmdlets]), (r) =>
    !isMail(r) || (apps[r] ?? '') !== '' || (clientApps[r] ?? '') !== '');
}

function folderPaths(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const f of v) if (f && typeof f === 'object' && typeof (f as Record<string, unknown>).Path === 'string') out.push((f as Record<string, unknown>).Path as string);
  return out;
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.access!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const ops = strings(t, 'Operation');
  const actors = strings(t, 'UserId');
  const userTypes = strings(t, 'UserType');
  const owners = strings(t, 'MailboxOwnerUPN');
  const folders = values(t, 'Folders');
  const params = values(t, 'Parameters');
  const out: FindingDraft[] = [];
  const appOf = callingApp(t, (app) => ctx.facts.isKnownApp(app));

  const isMail = mailAccessFlags(t);
  const isSync = syncFlags(t);
  const cmdletRows = filterRows(s.rows, (r) => !isMail(r));
  for (const r of cmdletRows) {
    const actor = actors[r] ?? '';
    if (isSystemActor(actor)) continue;
    const mailbox = param(params[r], 'Mailbox') || param(params[r], 'SourceMailbox') || param(params[r], 'Identity');
    const time = timeAt(times, r);
    const reasons = new Reasons();
    reasons.add(0, `${ops[r]} ${param(params[r], 'FilePath') ? `to ${param(params[r], 'FilePath')}` : ''}`.trim());
    sensitiveMailbox(reasons, ctx, mailbox);
    offHours(reasons, ctx, time);
    out.push({
      kind: 'exportCmdlet',
      title: `Mailbox export requested for ${mailbox || 'a mailbox'} by ${actor}`,
      description: `${actor} ran ${ops[r]}: a whole-mailbox export (Exchange Server cmdlet; not available in Exchange Online).`,
      stage: 'collection', baseScore: 65, reasons: reasons.list, evidence: [evidenceOf(s, [r])], start: time, end: time,
      mailbox, actor, remediation: [revokeSessions(actor)], details: { operation: ops[r] ?? '' },
    });
  }

  // Syncs by apps: many folders of one mailbox within the window.
  const syncs = rowsInTimeOrder(times, filterRows(s.rows, (r) => isSync(r) && isMail(r)));
  const appCol: string[] = new Array<string>(t.numRows());
  for (const r of syncs) appCol[r] = appOf(r);
  const m = codesOf(t, 'MailboxOwnerUPN', 'identity');
  const appNames: string[] = [];
  const appIndex = new Map<string, number>();
  const appCode = new Int32Array(t.numRows());
  for (const r of syncs) {
    const k = identityKey(appCol[r]!);
    let c = appIndex.get(k);
    if (c === undefined) {
      appIndex.set(k, (c = appNames.length));
      appNames.push(appCol[r]!);
    }
    appCode[r] = c;
  }
  const p = { codes: appCode, size: appNames.length };
  const windowMs = ctx.settings.burst.windowMinutes * 60_000;
  const minFolders = ctx.settings.export.minSyncFolders;
  for (const rows of groupRows(syncs, (r) => m.codes[r]! * p.size + p.codes[r]!, m.size * p.size)) {
    if (rows.length < minFolders) continue;
    // The owner's own mail client syncing every folder (a new Outlook profile) is not an export.
    const g0 = rows[0]!;
    if (ctx.facts.isKnownApp(appCol[g0]!) && rows.every((r) => identityKey(actors[r] ?? '') === identityKey(owners[r] ?? ''))) continue;
    for (const ep of windowEpisodes(rows, times, null, windowMs, minFolders)) {
      const paths = new Set<string>();
      for (const r of ep) for (const path of folderPaths(folders[r])) paths.add(path.toLowerCase());
      const folderCount = paths.size || ep.length;
      if (folderCount < minFolders) continue;
      const r0 = ep[0]!;
      const app = appCol[r0]!;
      const mailbox = owners[r0] ?? '';
      const actor = actors[r0] ?? '';
      const known = ctx.facts.isKnownApp(app);
      const appOnly = ep.some((r) => /^(application|serviceprincipal)$/i.test(userTypes[r] ?? '') || identityKey(actors[r] ?? '') === identityKey(app));
      const holdsExport = ctx.facts.permissionsOfApp([app]).some((v) => /^mailboxitem\.importexport/i.test(v));
      const { start, end } = spanOf(times, ep);
      const reasons = new Reasons();
      reasons.add(0, `${ep.length} folder Sync(s) covering ${folderCount} folder(s) within ${ctx.settings.burst.windowMinutes} min`);
      if (!known) reasons.add(15, `app ${app} is not in the known-apps allowlist`);
      else reasons.add(-25, `${ctx.facts.appName(app) || app} is a known mail client (a new profile syncs every folder)`);
      if (appOnly) reasons.add(10, 'app-only access: no user signed in');
      if (holdsExport) reasons.add(15, 'the app holds MailboxItem.ImportExport (the mailbox export API)');
      if (folderCount >= 2 * minFolders) reasons.add(10, 'twice the folder threshold or more');
      sensitiveMailbox(reasons, ctx, mailbox);
      offHours(reasons, ctx, start, 5);
      out.push({
        kind: 'bulkSync',
        title: `Mailbox ${mailbox} bulk-downloaded by ${known ? '' : 'app '}${ctx.facts.appName(app) || app}`,
        description: `${app} synchronised ${folderCount} folders of ${mailbox} between ${new Date(start ?? 0).toISOString()} and ${new Date(end ?? 0).toISOString()}: a whole-mailbox download, as the Graph exportItems API or a bulk EWS client leaves it.`,
        stage: 'collection',
        baseScore: 50,
        reasons: reasons.list,
        evidence: [evidenceOf(s, ep)],
        start,
        end,
        mailbox,
        actor,
        app,
        remediation: known ? [revokeSessions(actor)] : [disableServicePrincipal(app)],
        details: { syncs: ep.length, folders: [...paths].slice(0, 50), folderCount, appOnly },
      });
    }
  }
  return out;
}

export const mailboxExport: Rule = {
  id: 'mailbox-export',
  title: 'Mailbox exported or bulk-downloaded',
  description: 'An app synchronising many folders of one mailbox quickly (Graph exportItems, bulk EWS), apps holding MailboxItem.ImportExport, mailbox export cmdlets.',
  techniques: [techniques.remoteEmail],
  references: [
    'https://attack.mitre.org/techniques/T1114/002/',
    'https://learn.microsoft.com/en-us/graph/api/mailbox-exportitems',
  ],
  inputs: { access: { table: 'AuditLogs', query, select } },
  detect,
};
