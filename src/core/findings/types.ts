/**
 * Findings: what a detection rule reports, and stories (findings chained per
 * actor / app / mailbox). Plain data, JSON-safe: the CLI prints it, the
 * extension shows it as diagnostics, the Findings / Stories tables hold it.
 */
import type { TableName } from '../schema/types';

export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** Where a finding sits in an attack chain: grant -> access -> collection -> tampering. */
export type Stage = 'grant' | 'access' | 'collection' | 'tampering' | 'persistence';

/** One reason that raised (points > 0) or lowered (points < 0) a finding's score. */
export interface ScoreReason {
  readonly points: number;
  readonly text: string;
}

export interface Technique {
  /** MITRE ATT&CK id, e.g. T1098.002. */
  readonly id: string;
  readonly name: string;
}

/** Records of one table that support a finding. */
export interface Evidence {
  readonly table: TableName;
  /** Audit record Ids, in time order (a record without an Id is named `#row` by its row). */
  readonly ids: readonly string[];
  /** Row numbers in the loaded table (for locating the record's file and line). */
  readonly rows: readonly number[];
}

/** A way to undo what the finding reports (PowerShell or a Graph call), identities quoted for PowerShell. */
export interface Remediation {
  readonly title: string;
  readonly powershell: string;
}

export interface Finding {
  /** Stable for the same data: rule id, kind, entities and first evidence record. */
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The score the severity comes from: the rule's base plus every reason's points. */
  readonly score: number;
  readonly baseScore: number;
  readonly reasons: readonly ScoreReason[];
  readonly techniques: readonly Technique[];
  readonly description: string;
  readonly stage: Stage;
  readonly evidence: readonly Evidence[];
  /** Epoch ms of the first and last evidence record (null when the records carry no time). */
  readonly start: number | null;
  readonly end: number | null;
  /** The mailbox acted on or read ('' when none or many: see details). */
  readonly mailbox: string;
  /** Who did it (UPN, system account, app). */
  readonly actor: string;
  /** The app involved (app id or name). */
  readonly app: string;
  /** Who or what received access, for grants. */
  readonly grantee: string;
  /** Other names of the entities involved (app object ids, service principal names): stories correlate on them. */
  readonly related: readonly string[];
  readonly remediation: readonly Remediation[];
  readonly references: readonly string[];
  /** Rule-specific facts (counts, folders, scopes) for hover and reports. */
  readonly details: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

/** A story: a finding whose members are other findings chained in time. */
export interface Story extends Finding {
  readonly memberIds: readonly string[];
  readonly stages: readonly Stage[];
}

/**
 * What a rule produces before the engine gives it an id, a severity and the
 * rule's metadata.
 */
export interface FindingDraft {
  /** Distinguishes findings of one rule over the same entities (e.g. 'FullAccess', 'consent'). */
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly stage: Stage;
  readonly baseScore: number;
  readonly reasons: readonly ScoreReason[];
  readonly evidence: readonly Evidence[];
  readonly start: number | null;
  readonly end: number | null;
  readonly mailbox?: string;
  readonly actor?: string;
  readonly app?: string;
  readonly grantee?: string;
  readonly related?: readonly string[];
  readonly remediation?: readonly Remediation[];
  /** Overrides the rule's techniques for this finding. */
  readonly techniques?: readonly Technique[];
  readonly details?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}
