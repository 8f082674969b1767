/**
 * Rule 5: eDiscovery collection. A compliance search can read every mailbox;
 * created -> started -> exported -> downloaded is mail leaving the tenant, and
 * it writes no MailItemsAccessed: the eDiscovery records are the only trace.
 */
import type { ColumnTable } from 'arquero';
import { numbers, operationKey, param, rowsWithOperation, strings, values, type Selection } from '../columns';
import { identityKey, isSystemActor } from '../identities';
import { removeComplianceSearch, revokeSessions } from '../remediation';
import { evidenceOf, sortByTime, spanOf, techniques, type Rule, type RuleContext } from '../rule';
import { Reasons } from '../severity';
import type { FindingDraft } from '../types';
import { offHours, riskyAccount } from './commonReasons';

const stepOf: Readonly<Record<string, number>> = {
  searchcreated: 1, 'new-compliancesearch': 1,
  searchstarted: 2, 'start-compliancesearch': 2,
  searchviewed: 3, searchpreviewed: 3, reviewsetsearchrun: 3, reviewsetdocumentviewed: 3,
  searchexported: 4, 'new-compliancesearchaction': 4,
  searchexportdownloaded: 5,
};
const operations = ['SearchCreated', 'SearchStarted', 'SearchViewed', 'SearchPreviewed', 'SearchExported', 'SearchExportDownloaded',
  'ReviewSetSearchRun', 'ReviewSetDocumentViewed', 'New-ComplianceSearch', 'Start-ComplianceSearch', 'New-ComplianceSearchAction'];
const stepNames = ['', 'created', 'started', 'viewed', 'exported', 'downloaded'];
const CHAIN_GAP = 7 * 24 * 3600 * 1000;

const query = `AuditLogs
| where Operation in~ (${operations.map((o) => `"${o}"`).join(', ')})
| project Time, Id, Operation, ResultStatus, UserId, UserType, ObjectId, Parameters, SearchQuery, ClientIp`;

function select(t: ColumnTable): Int32Array {
  return rowsWithOperation(t, operations);
}

/** What attackers search a tenant's mail for: credentials, payments, MFA. */
const sensitiveTerms = /\b(passwords?|passwd|credentials?|login|mfa|2fa|otp|token|secret|wire|bank|iban|swift|invoices?|payments?|payroll|remittance)\b/i;

/** The search's query (the SearchQuery column; a Query parameter otherwise), if a record of the chain has it. */
function searchQuery(rows: readonly number[], queries: ArrayLike<string | null>, params: ArrayLike<unknown>): string {
  for (const r of rows) {
    const q = queries[r] || param(params[r], 'Query');
    if (q) return q;
  }
  return '';
}

/** The search a record is about: the ObjectId without the action suffix Exchange appends ("x_Export"). */
function searchName(objectId: string, bag: unknown): string {
  const named = param(bag, 'SearchName') || param(bag, 'Name') || param(bag, 'Identity');
  const raw = named || objectId;
  return raw.replace(/_(export|preview|purge)$/i, '').trim();
}

function detect(sel: Readonly<Record<string, Selection>>, ctx: RuleContext): FindingDraft[] {
  const s = sel.discovery!;
  const t = s.source;
  const times = numbers(t, 'Time');
  const ops = strings(t, 'Operation');
  const status = strings(t, 'ResultStatus');
  const actors = strings(t, 'UserId');
  const objects = strings(t, 'ObjectId');
  const params = values(t, 'Parameters');
  const queries = strings(t, 'SearchQuery');
  // One chain per actor and search, split when a week passes without activity.
  const chains = new Map<string, number[][]>();
  for (const r of sortByTime(times, s.rows)) {
    if (/^(failed|false)$/i.test(status[r] ?? '')) continue;
    const op = operationKey(ops[r] ?? '');
    if (op === 'new-compliancesearchaction' && !/export/i.test(JSON.stringify(params[r] ?? '') + (objects[r] ?? ''))) continue;
    const actor = actors[r] ?? '';
    const key = `${identityKey(actor)}|${identityKey(searchName(objects[r] ?? '', params[r]))}`;
    let list = chains.get(key);
    if (!list) chains.set(key, (list = []));
    const last = list[list.length - 1];
    const lastTime = last ? times[last[last.length - 1]!] : null;
    const now = times[r];
    if (last && typeof lastTime === 'number' && typeof now === 'number' && now - lastTime <= CHAIN_GAP) last.push(r);
    else list.push([r]);
  }
  const out: FindingDraft[] = [];
  for (const list of chains.values()) {
    for (const rows of list) {
      const r0 = rows[0]!;
      const actor = actors[r0] ?? '';
      const name = searchName(objects[r0] ?? '', params[r0]);
      const steps = new Set(rows.map((r) => stepOf[operationKey(ops[r] ?? '')] ?? 0));
      const furthest = Math.max(...steps);
      const reasons = new Reasons();
      reasons.add(0, `steps seen: ${[...steps].sort().map((n) => stepNames[n]).filter(Boolean).join(' -> ')}`);
      let base = 30;
      if (furthest >= 3) base = 40;
      if (steps.has(4)) base = 65;
      if (steps.has(5)) {
        base = 65;
        reasons.add(15, 'the export was downloaded: the mail has left the tenant');
      }
      const searched = searchQuery(rows, queries, params);
      if (searched) {
        const term = sensitiveTerms.exec(searched);
        if (term) reasons.add(10, `the query asks for "${term[0]}", as account takeovers do: ${searched}`);
        else reasons.add(0, `the query: ${searched}`);
      }
      const { start, end } = spanOf(times, rows);
      offHours(reasons, ctx, start);
      if (isSystemActor(actor)) reasons.add(-30, `run by ${actor}`);
      else riskyAccount(reasons, ctx, actor, start, 'actor');
      out.push({
        kind: 'ediscovery',
        title: `eDiscovery search ${name || '(unnamed)'} by ${actor}: ${stepNames[furthest] || 'activity'}`,
        description: `${actor} ran compliance search ${name || '(unnamed)'} (${[...steps].sort().map((n) => stepNames[n]).filter(Boolean).join(', ')}). A compliance search can reach every mailbox, and reading or exporting its results writes no MailItemsAccessed record: these eDiscovery records are the only trace.${searched ? ` The search's query: ${searched}` : ''}`,
        stage: 'collection',
        baseScore: base,
        reasons: reasons.list,
        evidence: [evidenceOf(s, rows)],
        start,
        end,
        actor,
        related: name ? [name] : [],
        remediation: [...(name ? [removeComplianceSearch(name)] : []), ...(actor && !isSystemActor(actor) ? [revokeSessions(actor)] : [])],
        details: { search: name, ...(searched ? { query: searched } : {}), steps: [...steps].sort().map((n) => stepNames[n] ?? '').filter(Boolean), records: rows.length },
      });
    }
  }
  return out;
}

export const ediscoveryCollection: Rule = {
  id: 'ediscovery-collection',
  title: 'eDiscovery search and export',
  description: 'Compliance searches created, run, exported and downloaded (Discovery records and compliance search cmdlets): mail collection that leaves no MailItemsAccessed.',
  techniques: [techniques.remoteEmail],
  references: [
    'https://attack.mitre.org/techniques/T1114/002/',
    'https://learn.microsoft.com/en-us/purview/ediscovery-search-for-activities-in-the-audit-log',
  ],
  inputs: { discovery: { table: 'AuditLogs', query, select } },
  detect,
};
