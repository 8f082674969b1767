// One run's findings joined to where their evidence records are: file and line of every evidence row,
// the story each finding belongs to. No vscode import: the diagnostics, hover, tree and code actions
// all read this, and it is testable anywhere.
import type { Finding, FindingsResult, Story } from '../../core/findings';
import type { Dataset } from '../../core/ingest';
import type { TableName } from '../../core/schema/types';

/** Where one evidence record of a finding is. */
export interface EvidenceLocation {
  readonly table: TableName;
  readonly row: number;
  readonly recordId: string;
  /** Index in the dataset's files. */
  readonly fileIndex: number;
  /** The file's name as the loader knows it (the SourceFile column). */
  readonly fileName: string;
  /** 1-based line where the record starts. */
  readonly line: number;
  /** 1-based position of this record in the finding's evidence, and how many records the evidence has. */
  readonly ordinal: number;
  readonly total: number;
}

/** An evidence record of a finding, and whether it carries a diagnostic (the first few of each finding do). */
export interface EvidenceMark {
  readonly finding: Finding;
  readonly location: EvidenceLocation;
  readonly diagnostic: boolean;
}

export interface SnapshotOptions {
  /** How many evidence records of one finding get a diagnostic (the rest are in the hover and the tree). */
  readonly maxDiagnosticsPerFinding: number;
}

export class FindingsSnapshot {
  private readonly byId = new Map<string, Finding>();
  private readonly storyByMember = new Map<string, Story>();
  private readonly marksByFile = new Map<number, Map<number, EvidenceMark[]>>();
  private readonly locationsById = new Map<string, EvidenceLocation[]>();

  constructor(
    readonly result: FindingsResult,
    readonly dataset: Dataset,
    readonly options: SnapshotOptions,
  ) {
    for (const f of result.findings) this.byId.set(f.id, f);
    for (const s of result.stories) {
      this.byId.set(s.id, s);
      for (const m of s.memberIds) this.storyByMember.set(m, s);
    }
    for (const f of result.findings) this.indexEvidence(f);
  }

  get findings(): readonly Finding[] {
    return this.result.findings;
  }

  get stories(): readonly Story[] {
    return this.result.stories;
  }

  /** A finding or a story, by id. */
  finding(id: string): Finding | undefined {
    return this.byId.get(id);
  }

  storyOf(findingId: string): Story | undefined {
    return this.storyByMember.get(findingId);
  }

  /** Findings of no story, highest severity first. */
  unchained(): Finding[] {
    return this.result.findings.filter((f) => !this.storyByMember.has(f.id));
  }

  /** Members of a story, in the order the engine sorted the findings (highest severity first). */
  members(story: Story): Finding[] {
    const ids = new Set(story.memberIds);
    return this.result.findings.filter((f) => ids.has(f.id));
  }

  /** Where each evidence record of a finding (or, for a story, of its members) is, in evidence order. */
  locations(findingId: string): readonly EvidenceLocation[] {
    const cached = this.locationsById.get(findingId);
    if (cached) return cached;
    const f = this.byId.get(findingId);
    if (!f) return [];
    const locations = locate(f, this.dataset);
    this.locationsById.set(findingId, locations);
    return locations;
  }

  /** The files that hold evidence (indexes into dataset.files). */
  files(): number[] {
    return [...this.marksByFile.keys()].sort((a, b) => a - b);
  }

  /** Every evidence mark in a file, by line. */
  marksIn(fileIndex: number): ReadonlyMap<number, readonly EvidenceMark[]> {
    return this.marksByFile.get(fileIndex) ?? new Map();
  }

  /** The evidence marks on a 1-based line of a file. */
  marksAt(fileIndex: number, line: number): readonly EvidenceMark[] {
    return this.marksByFile.get(fileIndex)?.get(line) ?? [];
  }

  /** The dataset's file index for a file name as the loader knows it, or -1. */
  fileIndexOf(name: string): number {
    return this.dataset.files.findIndex((f) => f.name === name);
  }

  private indexEvidence(f: Finding): void {
    const locations = this.locations(f.id);
    for (let i = 0; i < locations.length; i++) {
      const location = locations[i]!;
      let lines = this.marksByFile.get(location.fileIndex);
      if (!lines) this.marksByFile.set(location.fileIndex, (lines = new Map()));
      let marks = lines.get(location.line);
      if (!marks) lines.set(location.line, (marks = []));
      // One finding can cite two records that start on one line (a JSON document on one line): one mark.
      if (marks.some((m) => m.finding === f)) continue;
      marks.push({ finding: f, location, diagnostic: i < this.options.maxDiagnosticsPerFinding });
    }
  }
}

function locate(f: Finding, dataset: Dataset): EvidenceLocation[] {
  const total = f.evidence.reduce((n, e) => n + e.rows.length, 0);
  const out: EvidenceLocation[] = [];
  for (const e of f.evidence) {
    const rows = dataset.tables[e.table]?.numRows() ?? 0;
    for (let i = 0; i < e.rows.length; i++) {
      const row = e.rows[i]!;
      if (row < 0 || row >= rows) continue;
      const at = dataset.locate(e.table, row);
      out.push({
        table: e.table, row, recordId: e.ids[i] ?? '', fileIndex: at.file.index, fileName: at.file.name, line: at.line,
        ordinal: out.length + 1, total,
      });
    }
  }
  return out;
}
