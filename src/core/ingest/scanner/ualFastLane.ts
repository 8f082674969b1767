/**
 * The fast lane of JSON-lines loads: a Unified Audit Log record (AuditData, one object per line, as
 * the Management Activity API, Search-UnifiedAuditLog and the IR collectors write it) handed to the
 * normaliser from the scanner's tokens, without JSON.parse building the record's objects. A
 * MailItemsAccessed record has ~60 strings and ~10 objects, of which the row keeps a dozen values,
 * and its Folders were parsed only to be written back as the same JSON text.
 *
 * The scanner checks the whole line is JSON (a line JSON.parse would refuse is never taken); the
 * lane gives the normaliser the values JSON.parse would give, key by key. It takes a record only
 * when that is sure to give the same row as the parse; otherwise read() returns false and the
 * caller parses the line (RecordRows.json): a key twice or in two spellings, a key with an escape,
 * a record that is not the hot UAL shape (CreationTime and Operation or RecordType, as classifyJson
 * decides). Two values skip the parse:
 *  - Folders, when its text is what JSON.stringify writes for it (no blanks, no escapes it would
 *    not write, integers only, no repeated or numeric keys, no keys toDynamic rewrites): the text
 *    is kept as the column's JSON text, and ItemCount is counted by the scanner;
 *  - OperationProperties, whose few distinct texts (MailAccessType x IsThrottled) are parsed once.
 */
import type { ColumnDef } from '../../schema/types';
import { JsonText } from '../columnChunk';
import type { FieldTarget } from '../fieldMap';
import type { RowNormalizer } from '../rowNormalizer';
import {
  FLAG_CANONICAL, FLAG_ESCAPED, FLAG_NON_ASCII, FLAG_SMALL_INT, KIND_ARRAY, KIND_FALSE, KIND_MASK, KIND_NULL, KIND_NUMBER,
  KIND_OBJECT, KIND_STRING, KIND_TRUE, MAX_KEYS, ROLE_FOLDERS, ROLE_INTERNED, ROLE_IGNORED, ROLE_SHARED, T_AUX, T_KEY_END, T_KEY_ID, T_KEY_START, T_KIND,
  T_VALUE_END, T_VALUE_START, TOKEN_WORDS, UalScanner,
} from './ualScanner';


const enum Role {
  Plain,
  /** CreationTime, Operation, RecordType: the keys that make a record the hot UAL shape. */
  Time,
  Operation,
  /** The Folders column's own key: its text may be kept as it is. */
  Folders,
  /** A column whose few distinct texts are parsed once and shared (its values are only read). */
  Shared,
  /** Keys feeding columns through a path (AppAccessContext.AADSessionId): parsed only when still wanted. */
  Path,
}

class KeyEntry {
  constructor(
    readonly key: string,
    /** Index of the key's lower-case spelling (two spellings of one key send the record to the parse). */
    readonly lowerId: number,
    readonly targets: readonly FieldTarget[] | null,
    readonly extra: boolean,
    readonly role: Role,
    /** Keys feeding only interned string columns: the scanner interns their strings (see UalFastLane.values). */
    readonly interned: boolean,
  ) {}
}

/** Node's Buffer slices without toString's encoding dispatch. */
interface SliceReader {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

interface LaneColumns {
  readonly folders: number;
  readonly itemCount: number;
  readonly operationProperties: number;
  readonly interned: ReadonlySet<number>;
}

export class UalFastLane {
  private readonly entries: KeyEntry[] = [];
  private readonly lowerIds = new Map<string, number>();
  private stamps = new Int32Array(64);
  private recordNo = 0;
  /**
   * The value of each id the scanner interned: a string, or a parsed (frozen) nested value. Made
   * from the first token that carries the id and is read (a record the lane gives up on may carry
   * an id it never reads).
   */
  private readonly values: unknown[] = [];
  /** Per record: Folders' kept text (null: none) and its FolderItems, and the path-keyed values left for the end. */
  private foldersText: string | null = null;
  private foldersItems = 0;
  private readonly deferred: number[] = [];
  private readonly deferredEntries: KeyEntry[] = [];
  private deferredCount = 0;

  /** The AuditLogs normaliser of the reader whose segment is loaded (see load). */
  private n: RowNormalizer;

  private constructor(private readonly scanner: UalScanner, n: RowNormalizer, private readonly columns: LaneColumns) {
    this.n = n;
  }

  /**
   * The thread's lane (one per thread: what it learns, keys and repeated values, serves every
   * segment the thread reads), for AuditLogs normalisers like `n`; null where WebAssembly with SIMD
   * is not available.
   */
  static forThread(n: RowNormalizer, isInterned: (c: ColumnDef) => boolean): UalFastLane | null {
    if (threadLane === undefined) {
      const scanner = UalScanner.create();
      const at = (name: string): number => n.def.columns.findIndex((c) => c.name === name);
      threadLane = scanner === null ? null : new UalFastLane(scanner, n, {
        folders: at('Folders'), itemCount: at('ItemCount'), operationProperties: at('OperationProperties'),
        interned: new Set(n.def.columns.flatMap((c, i) => (isInterned(c) ? [i] : []))),
      });
    }
    return threadLane;
  }

  /** Copies the segment whose lines read() is given next into the scanner; its records go to normaliser `n`. */
  load(segment: Buffer, n: RowNormalizer): void {
    this.scanner.load(segment);
    this.n = n;
  }

  /**
   * Reads the record in bytes [start, end) of the loaded segment into the normaliser (begun afresh).
   * False when the lane does not take the record: the caller then parses its text.
   */
  read(segment: Buffer, start: number, end: number): boolean {
    const scanner = this.scanner;
    if (segment !== scanner.segment) return false;
    const count = scanner.scanLine(start, end);
    if (count <= 0) return false;
    const n = this.n;
    const tokens = scanner.tokens;
    n.begin();
    this.nextRecord();
    this.foldersText = null;
    this.deferredCount = 0;
    let sawTime = false;
    let sawOperation = false;
    for (let i = 0; i < count; i++) {
      const t = i * TOKEN_WORDS;
      const id = tokens[t + T_KEY_ID]!;
      const entry = id >= 0 ? this.entries[id]! : this.newKey(tokens[t + T_KEY_START]!, tokens[t + T_KEY_END]!);
      if (entry === null) return false;
      if (this.stamps[entry.lowerId] === this.recordNo) return false;
      this.stamps[entry.lowerId] = this.recordNo;
      if (entry.role === Role.Time) sawTime = true;
      else if (entry.role === Role.Operation) sawOperation = true;
      if (entry.targets === null && !entry.extra) continue;
      // A key new to the scanner had no role in this line's scan: its token carries no intern id.
      this.value(entry, t, id >= 0);
    }
    if (!sawTime || !sawOperation) return false;
    for (let i = 0; i < this.deferredCount; i++) {
      const entry = this.deferredEntries[i]!;
      if (n.wants(entry.targets!, 0)) n.put(entry.key, JSON.parse(this.text(this.deferred[i]!, true)), entry.targets!, 0);
    }
    return true;
  }

  /** After the normaliser's convert and the derivations: the values the lane kept aside. */
  complete(values: unknown[]): void {
    if (this.foldersText === null) return;
    values[this.columns.folders] = new JsonText(this.foldersText);
    values[this.columns.itemCount] = this.foldersItems;
  }

  private value(entry: KeyEntry, t: number, known: boolean): void {
    const tokens = this.scanner.tokens;
    const kind = tokens[t + T_KIND]!;
    let v: unknown;
    switch (kind & KIND_MASK) {
      case KIND_STRING: v = this.stringValue(entry.interned && known, t, kind); break;
      case KIND_NUMBER:
        v = (kind & FLAG_SMALL_INT) !== 0 ? tokens[t + T_AUX]! : Number(this.text(t, false));
        break;
      case KIND_TRUE: v = true; break;
      case KIND_FALSE: v = false; break;
      case KIND_NULL: v = null; break;
      case KIND_ARRAY:
      case KIND_OBJECT: {
        const nonAscii = (kind & FLAG_NON_ASCII) !== 0;
        if (entry.role === Role.Folders && (kind & FLAG_CANONICAL) !== 0) {
          this.foldersText = this.text(t, nonAscii);
          this.foldersItems = tokens[t + T_AUX]!;
          return;
        }
        if (entry.role === Role.Path) {
          this.deferred[this.deferredCount] = t;
          this.deferredEntries[this.deferredCount++] = entry;
          return;
        }
        v = entry.role === Role.Shared ? this.sharedValue(t, kind, known) : JSON.parse(this.text(t, nonAscii));
        break;
      }
      default: throw new Error(`scanner token of kind ${kind}`);
    }
    if (entry.targets !== null) this.n.put(entry.key, v, entry.targets, 0);
    else this.n.takeExtra(entry.key, v);
  }

  /** The value's text, as JSON (quotes and all). */
  private text(t: number, nonAscii: boolean): string {
    const tokens = this.scanner.tokens;
    const bytes = this.scanner.bytes as unknown as SliceReader;
    const start = tokens[t + T_VALUE_START]!;
    const end = tokens[t + T_VALUE_END]!;
    return nonAscii ? bytes.utf8Slice(start, end) : bytes.latin1Slice(start, end);
  }

  private stringValue(interned: boolean, t: number, kind: number): string {
    const tokens = this.scanner.tokens;
    if ((kind & FLAG_ESCAPED) !== 0) return JSON.parse(this.text(t, true)) as string;
    const id = interned ? tokens[t + T_AUX]! : -1;
    if (id >= 0) {
      const known = this.values[id];
      if (known !== undefined) return known as string;
    }
    const bytes = this.scanner.bytes as unknown as SliceReader;
    const start = tokens[t + T_VALUE_START]! + 1;
    const end = tokens[t + T_VALUE_END]! - 1;
    const v = (kind & FLAG_NON_ASCII) !== 0 ? bytes.utf8Slice(start, end) : bytes.latin1Slice(start, end);
    if (id >= 0) this.values[id] = v;
    return v;
  }

  /** A nested value of a Shared key: parsed once per distinct text (the scanner interns it), frozen, shared. */
  private sharedValue(t: number, kind: number, known: boolean): unknown {
    const id = known ? this.scanner.tokens[t + T_AUX]! : -1;
    if (id >= 0 && this.values[id] !== undefined) return this.values[id];
    const v = deepFreeze(JSON.parse(this.text(t, (kind & FLAG_NON_ASCII) !== 0)));
    if (id >= 0) this.values[id] = v;
    return v;
  }

  private nextRecord(): void {
    if (++this.recordNo === 0x7fffffff) {
      this.recordNo = 1;
      this.stamps.fill(0);
    }
  }

  /** A key the scanner does not know yet (bytes [start, end) of its memory), registered for the next lines. */
  private newKey(start: number, end: number): KeyEntry | null {
    const id = this.entries.length;
    if (id >= MAX_KEYS) return null;
    const bytes = this.scanner.bytes;
    let ascii = true;
    for (let i = start; i < end && ascii; i++) ascii = bytes[i]! < 128;
    const key = ascii ? (bytes as unknown as SliceReader).latin1Slice(start, end) : (bytes as unknown as SliceReader).utf8Slice(start, end);
    const lower = key.toLowerCase();
    let lowerId = this.lowerIds.get(lower);
    if (lowerId === undefined) {
      lowerId = this.lowerIds.size + 1;
      this.lowerIds.set(lower, lowerId);
      if (lowerId >= this.stamps.length) {
        const more = new Int32Array(this.stamps.length * 2);
        more.set(this.stamps);
        this.stamps = more;
      }
    }
    const n = this.n;
    const targets = n.mapOf('ual').lookup(key);
    const only = targets !== null && targets.length === 1 && targets[0]!.rest.length === 0 ? targets[0]!.column : -1;
    let role = Role.Plain;
    if (key === 'CreationTime') role = Role.Time;
    else if (key === 'Operation' || key === 'RecordType') role = Role.Operation;
    else if (only === this.columns.folders) role = Role.Folders;
    else if (only === this.columns.operationProperties) role = Role.Shared;
    else if (targets !== null && targets.some((t) => t.rest.length > 0)) role = Role.Path;
    const interned = targets !== null && targets.every((t) => t.rest.length === 0 && this.columns.interned.has(t.column));
    const extra = targets === null && n.isExtra(key);
    const entry = new KeyEntry(key, lowerId, targets, extra, role, interned);
    // A key that feeds nothing, in any spelling, needs no token: its repeats cannot change the row.
    const ignored = targets === null && !extra && role === Role.Plain;
    const scannerRole = (role === Role.Folders ? ROLE_FOLDERS : 0) | (interned ? ROLE_INTERNED : 0) | (ignored ? ROLE_IGNORED : 0)
      | (role === Role.Shared ? ROLE_SHARED : 0);
    if (!this.scanner.addKey(start, end, id, scannerRole)) return null;
    this.entries.push(entry);
    return entry;
  }
}

let threadLane: UalFastLane | null | undefined;

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}
