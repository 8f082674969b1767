/**
 * The JavaScript side of the WebAssembly line scanner (assembly/ualScanner.ts, compiled by
 * scripts/build.mjs into ualScannerWasm.ts): its memory regions, the segment copied in, the keys
 * it knows, and its tokens.
 */
import { ualScannerWasm } from './ualScannerWasm';

interface ScannerExports {
  readonly memory: WebAssembly.Memory;
  layout(tokensAt: number, tokenCapacity: number, keysAt: number, slots: number, checksAt: number, checks: number): void;
  addKey(offset: number, length: number, id: number, role: number): number;
  scanLine(start: number, end: number): number;
  valueLayout(tableAt: number, slots: number, arenaAt: number, arenaCapacity: number): void;
}

/** Words per token, and their meaning (see the scanner). */
export const TOKEN_WORDS = 8;
export const T_KEY_ID = 0;
export const T_KEY_START = 1;
export const T_KEY_END = 2;
export const T_VALUE_START = 3;
export const T_VALUE_END = 4;
export const T_KIND = 5;
export const T_AUX = 6;

export const KIND_MASK = 7;
export const KIND_STRING = 1;
export const KIND_NUMBER = 2;
export const KIND_TRUE = 3;
export const KIND_FALSE = 4;
export const KIND_NULL = 5;
export const KIND_OBJECT = 6;
export const KIND_ARRAY = 7;
export const FLAG_ESCAPED = 8;
export const FLAG_NON_ASCII = 16;
export const FLAG_CANONICAL = 32;
export const FLAG_SMALL_INT = 64;

export const ROLE_FOLDERS = 1;
export const ROLE_INTERNED = 2;
/** Keys that feed no column in any spelling: checked, but given no token. */
export const ROLE_IGNORED = 4;
/** Keys whose nested values repeat (OperationProperties): interned by their text. */
export const ROLE_SHARED = 8;

const PAGE = 65536;
const MAX_TOKENS = 4096;
/** Key table slots (a power of two, twice the keys the lane registers at most). */
const KEY_SLOTS = 8192;
export const MAX_KEYS = KEY_SLOTS / 2;
const CHECKS = 4096;
const KEY_ARENA = 256 * 1024;
/** Interned values: slots (a power of two; at most half are used) and the arena of their bytes. */
const VALUE_SLOTS = 1 << 18;
const VALUE_ARENA = 16 << 20;

// Regions, from page 1 (page 0 is left to the module's own data).
const TOKENS_AT = PAGE;
const KEYS_AT = TOKENS_AT + MAX_TOKENS * TOKEN_WORDS * 4;
const CHECKS_AT = KEYS_AT + KEY_SLOTS * 16;
const ARENA_AT = CHECKS_AT + CHECKS * 8;
const VALUES_AT = ARENA_AT + KEY_ARENA;
const VALUE_ARENA_AT = VALUES_AT + VALUE_SLOTS * 16;
const INPUT_AT = VALUE_ARENA_AT + VALUE_ARENA;

let compiled: WebAssembly.Module | null | undefined;

function scannerModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(ualScannerWasm, 'base64'));
    } catch {
      compiled = null; // no WebAssembly SIMD here: lines are parsed as text
    }
  }
  return compiled;
}

export class UalScanner {
  /** The scanner's memory as a Buffer (renewed when it grows), and its tokens. */
  bytes: Buffer;
  tokens: Int32Array;
  private arenaUsed = 0;
  /** The segment whose bytes are in the input region, and where they start. */
  segment: Buffer | null = null;
  readonly inputAt = INPUT_AT;

  private constructor(private readonly exports: ScannerExports) {
    exports.layout(TOKENS_AT, MAX_TOKENS, KEYS_AT, KEY_SLOTS, CHECKS_AT, CHECKS);
    const have = exports.memory.buffer.byteLength;
    if (INPUT_AT > have) exports.memory.grow(Math.ceil((INPUT_AT - have) / PAGE));
    exports.valueLayout(VALUES_AT, VALUE_SLOTS, VALUE_ARENA_AT, VALUE_ARENA);
    this.bytes = Buffer.alloc(0);
    this.tokens = new Int32Array(0);
    this.views();
  }

  static create(): UalScanner | null {
    const module = scannerModule();
    if (module === null) return null;
    try {
      const instance = new WebAssembly.Instance(module, { env: { abort: () => { throw new Error('scanner abort'); } } });
      return new UalScanner(instance.exports as unknown as ScannerExports);
    } catch {
      return null;
    }
  }

  private views(): void {
    const buffer = this.exports.memory.buffer;
    this.bytes = Buffer.from(buffer);
    this.tokens = new Int32Array(buffer, TOKENS_AT, MAX_TOKENS * TOKEN_WORDS);
  }

  /** Copies a segment in (its lines are then scanned by their offsets in it). */
  load(segment: Buffer): void {
    const need = INPUT_AT + segment.length;
    const have = this.exports.memory.buffer.byteLength;
    if (need > have) {
      this.exports.memory.grow(Math.ceil((need - have) / PAGE));
      this.views();
    }
    this.bytes.set(segment, INPUT_AT);
    this.segment = segment;
  }

  /** Tokens of the segment's line [start, end): how many, or -1 when the line is left to JSON.parse. */
  scanLine(start: number, end: number): number {
    return this.exports.scanLine(INPUT_AT + start, INPUT_AT + end);
  }

  /** Registers key bytes [start, end) of the scanner's memory as key `id`; false when no room is left. */
  addKey(start: number, end: number, id: number, role: number): boolean {
    const length = end - start;
    if (id >= MAX_KEYS || this.arenaUsed + length > KEY_ARENA) return false;
    const at = ARENA_AT + this.arenaUsed;
    this.bytes.copy(this.bytes, at, start, end);
    if (this.exports.addKey(at, length, id, role) === 0) return false;
    this.arenaUsed += length;
    return true;
  }
}
