import { isValidTimeZone } from './localTime';

/**
 * Settings of the findings engine: thresholds, allowlists and the working week.
 * Every field is optional on input; `resolveSettings` fills the defaults.
 */

export interface BusinessHours {
  /** First business hour (0-23, local time). */
  readonly start: number;
  /** Hour business ends (1-24, exclusive). */
  readonly end: number;
  /** Working days, 0 = Sunday .. 6 = Saturday. */
  readonly days: readonly number[];
}

export interface BurstSettings {
  /** Sliding window length. */
  readonly windowMinutes: number;
  /** Items accessed within one window (per actor x mailbox x app) that make a burst. */
  readonly itemThreshold: number;
  /** How many items one Sync record counts for (a Sync reads a whole folder). */
  readonly syncItemWeight: number;
}

export interface ThrottleSettings {
  /** MailItemsAccessed records for one mailbox within 24 h that count as approaching the 1000-record limit. */
  readonly nearLimitRecords: number;
}

export interface SignInSettings {
  /** ClientAppUsed values that are mailbox protocols or legacy authentication. */
  readonly mailboxClients: readonly string[];
  /** Earlier events a user needs before an address or country can be called new for them. */
  readonly minHistoryEvents: number;
  /** Days of earlier history a user needs. */
  readonly minHistoryDays: number;
  /** How long after a sign-in mailbox access is joined to it. */
  readonly accessJoinMinutes: number;
}

export interface ExportSettings {
  /** Distinct folders one app must Sync in one mailbox within the burst window to count as an export. */
  readonly minSyncFolders: number;
}

export interface FindingsSettings {
  /** Time zone business hours are judged in: an IANA name or a fixed offset such as "+02:00" (default UTC). */
  readonly timeZone: string;
  readonly businessHours: BusinessHours;
  /** App ids (or display names) whose mail access is expected; Microsoft's own mail clients are always known. */
  readonly knownApps: readonly string[];
  /** Mailboxes (UPN / SMTP) that raise a finding's severity: executives, legal, HR. */
  readonly vipMailboxes: readonly string[];
  /** Departments whose mailboxes count as sensitive (matched case-insensitively against the tenant model). */
  readonly sensitiveDepartments: readonly string[];
  /** The tenant's own mail domains; inferred from the data and the tenant model when empty. */
  readonly tenantDomains: readonly string[];
  /** A grantee account created within this many days before a grant counts as new. */
  readonly recentAccountDays: number;
  /** This many accounts created within one hour are a provisioning batch, not a fresh account. */
  readonly provisioningBatch: number;
  /**
   * Epoch ms (or ISO time) up to which changes are the known baseline (e.g. the tenant's
   * provisioning before the incident window): findings that end by then are scored down.
   */
  readonly baselineUntil: number | null;
  readonly burst: BurstSettings;
  readonly throttle: ThrottleSettings;
  readonly signIn: SignInSettings;
  readonly export: ExportSettings;
  /** Findings further apart than this are not chained into one story. */
  readonly storyWindowDays: number;
  /** Rule ids not to run. */
  readonly disabledRules: readonly string[];
}

export type FindingsSettingsInput = {
  readonly [K in Exclude<keyof FindingsSettings, 'baselineUntil'>]?: FindingsSettings[K] extends readonly unknown[] ? FindingsSettings[K]
    : FindingsSettings[K] extends object ? Partial<FindingsSettings[K]> : FindingsSettings[K];
} & { readonly baselineUntil?: number | string | null };

/** Microsoft first-party clients that read mail as part of normal use (app id -> name). */
export const microsoftMailClients: Readonly<Record<string, string>> = {
  '00000002-0000-0ff1-ce00-000000000000': 'Office 365 Exchange Online',
  '00000003-0000-0000-c000-000000000000': 'Microsoft Graph',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft Office',
  '5d661950-3475-41cd-a2c3-d671a3162bc1': 'Microsoft Outlook',
  '27922004-5251-4030-b22d-91ecd9a37ea4': 'Outlook Mobile',
  '9199bf20-a13f-4107-85dc-02114787ef48': 'One Outlook Web',
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Microsoft Teams',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Microsoft Teams Web Client',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'OfficeHome',
  '00000006-0000-0ff1-ce00-000000000000': 'Microsoft Office 365 Portal',
};

export const defaultSettings: FindingsSettings = {
  timeZone: 'UTC',
  businessHours: { start: 7, end: 19, days: [1, 2, 3, 4, 5] },
  knownApps: [],
  vipMailboxes: [],
  sensitiveDepartments: ['Finance', 'Accounting', 'Legal', 'Human Resources', 'HR', 'Executive', 'Payroll', 'Treasury'],
  tenantDomains: [],
  recentAccountDays: 7,
  provisioningBatch: 10,
  baselineUntil: null,
  burst: { windowMinutes: 60, itemThreshold: 500, syncItemWeight: 100 },
  throttle: { nearLimitRecords: 800 },
  signIn: {
    mailboxClients: [
      'Exchange ActiveSync', 'IMAP4', 'POP3', 'Authenticated SMTP', 'Exchange Web Services', 'MAPI Over HTTP',
      'Outlook Anywhere (RPC over HTTP)', 'Other clients', 'Exchange Online PowerShell', 'AutoDiscover', 'Offline Address Book',
    ],
    minHistoryEvents: 10,
    minHistoryDays: 3,
    accessJoinMinutes: 120,
  },
  export: { minSyncFolders: 5 },
  storyWindowDays: 14,
  disabledRules: [],
};

/** Fills every missing setting with its default (nested objects merged key by key). */
export function resolveSettings(input: FindingsSettingsInput = {}): FindingsSettings {
  const d = defaultSettings;
  return {
    timeZone: input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : d.timeZone,
    businessHours: { ...d.businessHours, ...input.businessHours },
    knownApps: input.knownApps ?? d.knownApps,
    vipMailboxes: input.vipMailboxes ?? d.vipMailboxes,
    sensitiveDepartments: input.sensitiveDepartments ?? d.sensitiveDepartments,
    tenantDomains: input.tenantDomains ?? d.tenantDomains,
    recentAccountDays: input.recentAccountDays ?? d.recentAccountDays,
    provisioningBatch: input.provisioningBatch ?? d.provisioningBatch,
    baselineUntil: baseline(input.baselineUntil),
    burst: { ...d.burst, ...input.burst },
    throttle: { ...d.throttle, ...input.throttle },
    signIn: { ...d.signIn, ...input.signIn },
    export: { ...d.export, ...input.export },
    storyWindowDays: input.storyWindowDays ?? d.storyWindowDays,
    disabledRules: input.disabledRules ?? d.disabledRules,
  };
}

function baseline(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}
