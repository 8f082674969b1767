/**
 * The built-in hunting notebook ("exo-audit: New Investigation Notebook"): Markdown and EXQ
 * sections for seed 003's five collection procedures (TRR0019.EXO.A-E), seed 004's suspicious
 * delegation patterns, seed 000's non-owner access report, seed 002's ActiveSync sign-ins by
 * location, and app access across both permission systems (Entra ID and Exchange RBAC).
 * Plain data: every query is checked by the tests against a synthetic tenant and Kusto's parser.
 */
import { DEFAULT_CODE_LANGUAGE, type CellData, type NotebookData } from './types';

export interface HuntingQuery {
  /** Stable id (tests and reports refer to it). */
  readonly id: string;
  /** What the query answers, shown as a comment line above it. */
  readonly question: string;
  readonly query: string;
  /**
   * True when the query is a detection: on a tenant where the section's procedure happened it
   * returns rows (the tests check this on the synthetic tenant with attacks). False for
   * inventories and reports that list whatever is there.
   */
  readonly findsAttack: boolean;
}

export interface HuntingSection {
  readonly id: string;
  readonly title: string;
  /** Markdown under the section title. */
  readonly text: string;
  readonly queries: readonly HuntingQuery[];
}

const intro = `# exo-audit investigation notebook

Hunting queries for mailbox access in Exchange Online. Load audit exports first
(**exo-audit: Open Audit Export(s)**), then run a cell (or **Run All**). Each cell runs against the loaded
tables \`AuditLogs\`, \`SignIns\` and \`DirectoryAudits\`; after **Run Findings** the \`Findings\` and
\`Stories\` tables can be queried too. Queries are EXQ, a subset of KQL: they also run in Sentinel
(use **Export to KQL**).

Sections: procedures A–E of TRR0019 (collection from Exchange Online), a delegation review, non-owner
mailbox access, mobile (ActiveSync) sign-ins by location, and app access across Entra ID and Exchange RBAC.`;

export const huntingSections: readonly HuntingSection[] = [
  {
    id: 'valid-credentials',
    title: 'Procedure A — Valid credentials (TRR0019.EXO.A)',
    text: `An attacker with a user's password or token reads the mailbox like its owner. Look for sign-ins
from a country that is new for the user (a small share of their successful sign-ins), failures just
before them, and mail read from the same addresses.`,
    queries: [
      {
        id: 'new-country-sign-ins',
        question: 'Sign-ins from a country that is rare for the user (under a fifth of their successful sign-ins).',
        findsAttack: true,
        query: `let signInsPerUser = SignIns
| where ErrorCode == 0 and isnotempty(UserPrincipalName)
| summarize Total = count() by UserPrincipalName;
SignIns
| where isnotempty(UserPrincipalName)
| summarize SignIns = countif(ErrorCode == 0), Failures = countif(ErrorCode != 0), FirstSeen = min(Time), LastSeen = max(Time), IPs = make_set(IpAddress), Apps = make_set(AppDisplayName) by UserPrincipalName, Country, City
| join kind=inner signInsPerUser on UserPrincipalName
| where SignIns > 0 and SignIns * 5 <= Total
| project UserPrincipalName, Country, City, FirstSeen, LastSeen, SignIns, Failures, Total, IPs, Apps
| order by FirstSeen asc`,
      },
      {
        id: 'mail-read-from-new-places',
        question: 'Mail read (MailItemsAccessed) from the addresses of those sign-ins.',
        findsAttack: true,
        query: `let signInsPerUser = SignIns
| where ErrorCode == 0 and isnotempty(UserPrincipalName)
| summarize Total = count() by UserPrincipalName;
let newPlaces = SignIns
| where ErrorCode == 0 and isnotempty(UserPrincipalName)
| summarize PlaceSignIns = count() by UserPrincipalName, Country, City
| join kind=inner signInsPerUser on UserPrincipalName
| where PlaceSignIns * 5 <= Total
| join kind=inner (SignIns | where ErrorCode == 0 | distinct UserPrincipalName, Country, City, IpAddress) on UserPrincipalName, Country, City
| project SignedIn = UserPrincipalName, Country, City, IpAddress;
AuditLogs
| where Operation == "MailItemsAccessed"
| join kind=inner newPlaces on $left.ClientIp == $right.IpAddress
| summarize Reads = count(), Items = sum(ItemCount), First = min(Time), Last = max(Time) by SignedIn, UserId, MailboxOwnerUPN, LogonType, ClientIp, Country, City
| order by First asc`,
      },
    ],
  },
  {
    id: 'api-access-as-app',
    title: 'Procedure B — API access as an application (TRR0019.EXO.B)',
    text: `An app with a secret and a mail permission reads mailboxes without any user. The permission
comes from Entra ID (admin consent, app role assignment) or from Exchange RBAC for Applications
(New-ManagementRoleAssignment, widened later with Set-ManagementRoleAssignment or Set-ManagementScope).
Entra ID never shows the Exchange grants.`,
    queries: [
      {
        id: 'apps-reading-mail',
        question: 'Apps that read mail, by how many mailboxes they reached (AppOnly: records where the app acted on its own).',
        findsAttack: true,
        query: `AuditLogs
| where Operation == "MailItemsAccessed" and isnotempty(AppId)
| summarize Reads = count(), Items = sum(ItemCount), Mailboxes = dcount(MailboxOwnerUPN), AppOnly = countif(ClientAppId == AppId), Throttled = countif(IsThrottled == true), First = min(Time), Last = max(Time), IPs = make_set(ClientIp) by AppId
| order by Mailboxes desc`,
      },
      {
        id: 'entra-consent-and-app-roles',
        question: 'Entra ID: consents, app role and delegated permission grants, and new app credentials.',
        findsAttack: true,
        query: `DirectoryAudits
| where Operation in~ ("Consent to application", "Add app role assignment to service principal", "Add delegated permission grant", "Add service principal credentials", "Update application – Certificates and secrets management")
| mv-expand p = ModifiedProperties
| extend Name = tostring(p.Name), Value = tostring(p.NewValue)
| summarize Permission = max(iff(Name == "AppRole.Value" or Name == "DelegatedPermissionGrant.Scope", Value, "")), AdminConsent = max(iff(Name == "ConsentContext.IsAdminConsent", Value, "")), App = max(iff(Name == "ServicePrincipal.DisplayName", Value, "")) by Id, Time, Operation, InitiatedByUser, InitiatedByIp, TargetName
| project Time, Operation, InitiatedByUser, InitiatedByIp, Target = TargetName, App, Permission, AdminConsent
| order by Time asc`,
      },
      {
        id: 'exchange-rbac-for-apps',
        question: 'Exchange RBAC for Applications: service principals, role assignments, scopes and access policies.',
        findsAttack: true,
        query: `AuditLogs
| where Operation in~ ("New-ServicePrincipal", "Remove-ServicePrincipal", "New-ManagementRoleAssignment", "Set-ManagementRoleAssignment", "Remove-ManagementRoleAssignment", "New-ManagementScope", "Set-ManagementScope", "New-ApplicationAccessPolicy", "Set-ApplicationAccessPolicy", "Remove-ApplicationAccessPolicy")
| project Time, Operation, UserId, Grantee, Role = AccessRights, ScopeOrTarget = TargetMailbox, Parameters, ClientIp, ResultStatus
| order by Time asc`,
      },
    ],
  },
  {
    id: 'ediscovery',
    title: 'Procedure C — eDiscovery (TRR0019.EXO.C)',
    text: `A compliance search can reach every mailbox; its export is downloaded outside the tenant.
**No MailItemsAccessed is written** for eDiscovery review or export: these records are the only trace.`,
    queries: [
      {
        id: 'ediscovery-chain',
        question: 'The search -> export -> download chain, in time order (opens on the timeline).',
        findsAttack: true,
        query: `AuditLogs
| where Operation in~ ("New-ComplianceSearch", "SearchCreated", "Start-ComplianceSearch", "SearchStarted", "SearchViewed", "SearchPreviewed", "New-ComplianceSearchAction", "SearchExported", "SearchExportDownloaded", "ReviewSetSearchRun", "ReviewSetDocumentViewed")
| project Time, Id, Operation, UserId, Search = ObjectId, ClientIp, Parameters
| order by Time asc
| render timeline`,
      },
      {
        id: 'ediscovery-by-actor',
        question: 'Who ran searches and exports, and whether their exports were downloaded.',
        findsAttack: true,
        query: `AuditLogs
| where Operation in~ ("SearchCreated", "SearchStarted", "SearchExported", "SearchExportDownloaded", "New-ComplianceSearch", "New-ComplianceSearchAction")
| summarize Searches = countif(Operation in~ ("SearchCreated", "New-ComplianceSearch")), Exports = countif(Operation in~ ("SearchExported", "New-ComplianceSearchAction")), Downloads = countif(Operation =~ "SearchExportDownloaded"), First = min(Time), Last = max(Time), Names = make_set(ObjectId), IPs = make_set(ClientIp) by UserId
| order by Downloads desc, Exports desc`,
      },
    ],
  },
  {
    id: 'delegation',
    title: 'Procedure D — Mailbox delegation (TRR0019.EXO.D)',
    text: `An attacker with Exchange admin rights gives an account they control FullAccess on a target
mailbox (Add-MailboxPermission), then reads it with a **Delegated** logon.`,
    queries: [
      {
        id: 'grant-then-delegated-reads',
        question: 'FullAccess grants followed by delegated reads of that mailbox by the grantee.',
        findsAttack: true,
        query: `AuditLogs
| where Operation == "Add-MailboxPermission" and AccessRights has "FullAccess"
| project GrantTime = Time, GrantedBy = UserId, Mailbox = tolower(TargetMailbox), Delegate = tolower(Grantee), Automapping, GrantIp = ClientIp
| join kind=inner (
    AuditLogs
    | where Operation == "MailItemsAccessed" and LogonType == "Delegated"
    | summarize Reads = count(), Items = sum(ItemCount), FirstRead = min(Time), LastRead = max(Time), IPs = make_set(ClientIp) by Mailbox = tolower(MailboxOwnerUPN), Delegate = tolower(UserId)
  ) on Mailbox, Delegate
| where LastRead >= GrantTime
| extend FirstReadAfter = FirstRead - GrantTime
| project GrantTime, GrantedBy, GrantIp, Mailbox, Delegate, Automapping, FirstRead, FirstReadAfter, LastRead, Reads, Items, IPs
| order by GrantTime desc`,
      },
    ],
  },
  {
    id: 'export',
    title: 'Procedure E — Export mailbox (TRR0019.EXO.E)',
    text: `Bulk collection (Graph exportItems, a sync client, a script) shows as hours with many
MailItemsAccessed records for one mailbox and one actor, often Sync access. Over 1,000 records in 24 hours
and Exchange stops writing them for that mailbox (IsThrottled = True): an audit blind spot.`,
    queries: [
      {
        id: 'bulk-access-hours',
        question: 'Hours with more than 100 MailItemsAccessed records for one mailbox and actor, or throttled.',
        findsAttack: true,
        query: `AuditLogs
| where Operation == "MailItemsAccessed"
| extend Actor = iff(isnotempty(AppId) and AppId == ClientAppId, AppId, UserId)
| summarize Records = count(), Items = sum(ItemCount), Syncs = countif(MailAccessType == "Sync"), Throttled = countif(IsThrottled == true), IPs = make_set(ClientIp) by MailboxOwnerUPN, Actor, Hour = bin(Time, 1h)
| where Records > 100 or Throttled > 0
| order by Records desc`,
      },
      {
        id: 'throttled-mailboxes-per-hour',
        question: 'MailItemsAccessed per hour for mailboxes that hit the throttle.',
        findsAttack: true,
        query: `let throttled = AuditLogs
| where Operation == "MailItemsAccessed" and IsThrottled == true
| distinct MailboxOwnerUPN;
AuditLogs
| where Operation == "MailItemsAccessed"
| join kind=inner throttled on MailboxOwnerUPN
| summarize Records = count() by Hour = bin(Time, 1h), MailboxOwnerUPN
| order by Hour asc
| render timechart`,
      },
    ],
  },
  {
    id: 'delegation-review',
    title: 'Delegation review — suspicious grants',
    text: `Mailbox permission grants with the patterns that deserve a second look: the grantee is a
contractor or external account, the account was created in the week before the grant, AutoMapping was
turned off (the mailbox stays out of the grantee's Outlook list), or the grant was made at night or at
the weekend (UTC). More signals, higher in the list.`,
    queries: [
      {
        id: 'suspicious-grants',
        question: 'Grants with at least one suspicious signal.',
        findsAttack: true,
        query: `let created = DirectoryAudits
| where Operation == "Add user"
| summarize Created = min(Time) by Account = tolower(TargetName);
AuditLogs
| where Operation in~ ("Add-MailboxPermission", "Add-RecipientPermission", "Add-MailboxFolderPermission", "Set-Mailbox") and isnotempty(Grantee)
| extend Account = tolower(Grantee), Hour = hourofday(Time), Day = dayofweek(Time)
| join kind=leftouter created on Account
| extend External = Account contains "#ext#" or Account has "ext" or Account has "contractor" or Account has "vendor",
         RecentlyCreated = isnotnull(Created) and Time - Created between (0d .. 7d),
         HiddenFromOutlook = isnotnull(Automapping) and Automapping == false,
         OffHours = Hour < 7 or Hour >= 19 or Day == 0d or Day == 6d
| extend Signals = toint(External) + toint(RecentlyCreated) + toint(HiddenFromOutlook) + toint(OffHours)
| where Signals > 0
| project Time, Operation, GrantedBy = UserId, Mailbox = TargetMailbox, Grantee, AccessRights, Signals, External, RecentlyCreated, HiddenFromOutlook, OffHours, AccountCreated = Created, ClientIp
| order by Signals desc, Time asc`,
      },
      {
        id: 'grants-by-admin',
        question: 'Every permission grant, by the admin who made it.',
        findsAttack: false,
        query: `AuditLogs
| where Operation in~ ("Add-MailboxPermission", "Add-RecipientPermission", "Add-MailboxFolderPermission")
| summarize Grants = count(), Mailboxes = dcount(TargetMailbox), Grantees = make_set(Grantee), First = min(Time), Last = max(Time), IPs = make_set(ClientIp) by UserId
| order by Grants desc`,
      },
    ],
  },
  {
    id: 'non-owner-access',
    title: 'Non-owner mailbox access',
    text: `Who opened mailboxes that are not theirs: records with an Admin, Delegated or DelegatedAdmin logon,
by mailbox and actor (the "non-owner mailbox access" report). This needs mailbox auditing of admin
and delegate actions (Set-Mailbox -AuditAdmin / -AuditDelegate).`,
    queries: [
      {
        id: 'non-owner-by-mailbox-actor',
        question: 'Non-owner access by mailbox and actor.',
        findsAttack: true,
        query: `AuditLogs
| where LogonType in ("Admin", "Delegated", "DelegatedAdmin")
| summarize Records = count(), Items = sum(ItemCount), Operations = make_set(Operation), First = min(Time), Last = max(Time), IPs = make_set(ClientIp) by MailboxOwnerUPN, UserId, LogonType
| order by Records desc`,
      },
      {
        id: 'non-owner-per-mailbox',
        question: 'Non-owner records per mailbox.',
        findsAttack: true,
        query: `AuditLogs
| where LogonType in ("Admin", "Delegated", "DelegatedAdmin")
| summarize Records = count() by MailboxOwnerUPN
| top 20 by Records
| render barchart`,
      },
    ],
  },
  {
    id: 'activesync-locations',
    title: 'Mobile (Exchange ActiveSync) sign-ins by location',
    text: `Who reads mail on phones with Exchange ActiveSync (the default mail apps on iOS and Android), and
from where. A city that appears for one user only deserves a look.`,
    queries: [
      {
        id: 'activesync-by-location-chart',
        question: 'ActiveSync sign-ins by country, city and user.',
        findsAttack: false,
        query: `SignIns
| where ClientAppUsed == "Exchange ActiveSync"
| summarize SignIns = count() by Country, City, UserPrincipalName
| render columnchart`,
      },
      {
        id: 'activesync-by-location-table',
        question: 'ActiveSync sign-ins per location, with users and the last sign-in.',
        findsAttack: false,
        query: `SignIns
| where ClientAppUsed == "Exchange ActiveSync"
| summarize SignIns = count(), Users = dcount(UserPrincipalName), UserList = make_set(UserPrincipalName), Failures = countif(ErrorCode != 0), Last = max(Time) by Country, City
| order by SignIns desc`,
      },
    ],
  },
  {
    id: 'app-access',
    title: 'App access across both permission systems',
    text: `No single Microsoft console shows both: Entra ID app roles (Mail.Read, full_access_as_app,
IMAP.AccessAsApp, ...) and Exchange RBAC for Applications role assignments (limited by a management
scope, or not). One row per app: its grants in each system and how much mail it read.`,
    queries: [
      {
        id: 'app-grants-both-systems',
        question: 'Per app: Entra ID app roles, Exchange RBAC roles with their scopes, and mail read.',
        findsAttack: true,
        query: `let entra = DirectoryAudits
| where Operation == "Add app role assignment to service principal"
| project Id, Time, Props = ModifiedProperties
| union (AuditLogs | where Operation == "Add app role assignment to service principal" | project Id, Time, Props = ModifiedProperties)
| mv-expand p = Props
| extend Name = tostring(p.Name), Value = tostring(p.NewValue)
| summarize AppId = max(iff(Name == "ServicePrincipal.AppId", Value, "")), Grant = max(iff(Name == "AppRole.Value", Value, "")), App = max(iff(Name == "ServicePrincipal.DisplayName", Value, "")) by Id, Time
| extend System = "Entra ID";
let exchange = AuditLogs
| where Operation in~ ("New-ManagementRoleAssignment", "Set-ManagementRoleAssignment")
| extend AppId = iff(isnotempty(tostring(Parameters.App)), tostring(Parameters.App), extract("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", 0, Grantee))
| project Id, Time, AppId, Grant = strcat(Operation, ": ", AccessRights, " (scope ", TargetMailbox, ")"), App = tostring(Parameters.Name), System = "Exchange RBAC";
entra
| union exchange
| where isnotempty(AppId)
| summarize Systems = make_set(System), Grants = make_set(Grant), Names = make_set(App), FirstGrant = min(Time), LastGrant = max(Time) by AppId
| join kind=leftouter (AuditLogs | where Operation == "MailItemsAccessed" and isnotempty(AppId) | summarize Reads = count(), Mailboxes = dcount(MailboxOwnerUPN), LastRead = max(Time) by AppId) on AppId
| project AppId, Names, Systems, Grants, FirstGrant, LastGrant, Reads, Mailboxes, LastRead
| order by Mailboxes desc`,
      },
      {
        id: 'app-permission-changes',
        question: 'Every permission change of either system, in time order.',
        findsAttack: true,
        query: `DirectoryAudits
| where Operation in~ ("Consent to application", "Add app role assignment to service principal", "Remove app role assignment from service principal", "Add delegated permission grant", "Add service principal credentials")
| project Time, System = "Entra ID", Operation, Actor = InitiatedByUser, Target = TargetName, Detail = TargetId
| union (AuditLogs
    | where Operation in~ ("New-ManagementRoleAssignment", "Set-ManagementRoleAssignment", "Remove-ManagementRoleAssignment", "New-ManagementScope", "Set-ManagementScope", "New-ApplicationAccessPolicy", "Remove-ApplicationAccessPolicy")
    | project Time, System = "Exchange RBAC", Operation, Actor = UserId, Target = Grantee, Detail = strcat(AccessRights, " ", TargetMailbox))
| order by Time asc`,
      },
    ],
  },
  {
    id: 'findings',
    title: 'Findings and stories',
    text: `The detections of **Run Findings** as tables: \`Findings\` (one row per detection, with its score and
reasons) and \`Stories\` (findings chained per actor, app or mailbox: grant -> access -> collection ->
tampering). A notebook cell that names them runs the findings first when they have not been run.`,
    queries: [
      {
        id: 'stories-by-score',
        question: 'Stories, highest score first.',
        findsAttack: true,
        query: `Stories
| project StartTime, EndTime, Severity, Score, Title, Actor, Mailbox, App, Stages, MemberCount
| order by Score desc`,
      },
      {
        id: 'findings-by-actor',
        question: 'Findings per actor: how many, the highest severity, and which rules.',
        findsAttack: true,
        query: `Findings
| summarize Findings = count(), Highest = max(SeverityRank), Rules = make_set(RuleId), First = min(StartTime), Last = max(EndTime) by Actor
| order by Highest desc, Findings desc`,
      },
    ],
  },
];

function markdownCell(source: string): CellData {
  return { kind: 'markdown', language: 'markdown', source };
}

function queryCell(q: HuntingQuery): CellData {
  return { kind: 'code', language: DEFAULT_CODE_LANGUAGE, source: `// ${q.question}\n${q.query}`, metadata: { huntingQuery: q.id } };
}

/** Every hunting query, in notebook order. */
export function huntingQueries(): HuntingQuery[] {
  return huntingSections.flatMap((s) => s.queries);
}

/** The notebook: an introduction, then per section its title and text and one cell per query. */
export function huntingNotebook(): NotebookData {
  const cells: CellData[] = [markdownCell(intro)];
  for (const s of huntingSections) {
    cells.push(markdownCell(`## ${s.title}\n\n${s.text}`));
    for (const q of s.queries) cells.push(queryCell(q));
  }
  return { cells, metadata: { exoAudit: { notebook: 'hunting', version: 1 } } };
}
