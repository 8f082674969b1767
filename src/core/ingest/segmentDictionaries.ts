/**
 * The dictionaries of interned string columns that one encoder (a load worker) keeps across the
 * segments of one file. A chunk then carries only the values its segment added, and the loader
 * interns each distinct value once per worker instead of once per segment: at 1M records the
 * per-segment dictionaries cost the loader's thread ~1.2 s of interning (measured), mostly on
 * columns with thousands of values (UserId, MailboxOwnerUPN, MailboxGuid, ClientIp).
 *
 * A chunk's additions join the kept dictionaries only once the chunk has been handed over
 * (commit): a segment that failed, or a chunk that could not be sent, leaves them as they were,
 * so the loader, which applies additions in the order it merges that worker's chunks (file order,
 * which is also the order the worker encoded them), always holds the entries the codes refer to.
 */

/** Entries a column's kept dictionary holds at most; past that, a segment's new values stay its own. */
const MAX_KEPT = 1 << 16;

interface Proposal {
  readonly known: Map<string, number>;
  readonly added: readonly string[];
  readonly base: number;
}

let localStreams = 0;

export class SegmentDictionaries {
  private readonly columns = new Map<string, Map<string, number>>();
  private proposals: Proposal[] = [];

  /**
   * `id` names the stream the chunks belong to (unique among the chunks one loader merges for a
   * file). Without one, a fresh id: chunks of such dictionaries are read as streams of their own.
   */
  constructor(readonly id: string = `local-${++localStreams}`) {}

  /** The kept dictionary of a column (value -> code), shared by the segments of the stream. */
  column(key: string): ReadonlyMap<string, number> {
    let known = this.columns.get(key);
    if (!known) {
      known = new Map();
      this.columns.set(key, known);
    }
    return known;
  }

  /** A finished segment's new values for a column, its codes counting on from `base`. */
  propose(key: string, added: readonly string[], base: number): void {
    if (added.length > 0) this.proposals.push({ known: this.columns.get(key)!, added, base });
  }

  /** The last segment's chunk was handed over: its new values join the kept dictionaries. */
  commit(): void {
    for (const { known, added, base } of this.proposals) {
      if (known.size !== base || base + added.length > MAX_KEPT) continue;
      for (let i = 0; i < added.length; i++) known.set(added[i]!, base + i);
    }
    this.proposals = [];
  }

  /** The last segment's chunk never reached the loader: its new values are forgotten. */
  discard(): void {
    this.proposals = [];
  }
}
