// AssemblyScript, compiled to WebAssembly by scripts/wasm.mjs (src/core/ingest/scanner/ualScanner.ts is
// the JavaScript side). Checks that one line of a JSON-lines segment is a JSON object, and writes a token per
// top-level member: key, value span, value kind and what the loader needs to know about the value
// without building it. Strings are skipped 16 bytes at a time (SIMD).

// Token layout: TOKEN_WORDS i32 per member.
const TOKEN_WORDS: i32 = 8;
const T_KEY_ID: i32 = 0;
const T_KEY_START: i32 = 1;
const T_KEY_END: i32 = 2;
const T_VALUE_START: i32 = 3;
const T_VALUE_END: i32 = 4;
const T_KIND: i32 = 5;
const T_AUX: i32 = 6;

// Value kinds and flags (T_KIND).
const KIND_STRING: i32 = 1;
const KIND_NUMBER: i32 = 2;
const KIND_TRUE: i32 = 3;
const KIND_FALSE: i32 = 4;
const KIND_NULL: i32 = 5;
const KIND_OBJECT: i32 = 6;
const KIND_ARRAY: i32 = 7;
const FLAG_ESCAPED: i32 = 8;
const FLAG_NON_ASCII: i32 = 16;
const FLAG_CANONICAL: i32 = 32;
const FLAG_SMALL_INT: i32 = 64;

// Key roles (addKey).
const ROLE_FOLDERS: i32 = 1;
/** Keys feeding interned string columns: their strings are interned (T_AUX holds the id). */
const ROLE_INTERNED: i32 = 2;
const ROLE_IGNORED: i32 = 4;
/** Keys whose nested values repeat (OperationProperties): interned by their text. */
const ROLE_SHARED: i32 = 8;

// Intern tags: a string's content and a nested value's text are different values even with the same bytes.
const TAG_STRING: i32 = 1;
const TAG_JSON: i32 = 2;

const MAX_DEPTH: i32 = 64;
const MAX_CHECKED_KEYS: i32 = 32;

let tokens: usize = 0;
let maxTokens: i32 = 0;
let keyTable: usize = 0;
let keySlots: i32 = 0;
let checkStack: usize = 0;
let checkCapacity: i32 = 0;
let checkTop: i32 = 0;
let valueTable: usize = 0;
let valueSlots: i32 = 0;
let valueArena: usize = 0;
let valueArenaCapacity: i32 = 0;
let valueArenaUsed: i32 = 0;
let valueCount: i32 = 0;

// Set by the scans below.
let gNonAscii: bool = false;
let gEscaped: bool = false;
let gCanonical: bool = true;
let gTrack: bool = false;
let gItems: i32 = 0;
let gSmall: bool = false;
let gInt: i32 = 0;


export function layout(tokensAt: usize, tokenCapacity: i32, keysAt: usize, slots: i32, checksAt: usize, checks: i32): void {
  tokens = tokensAt;
  maxTokens = tokenCapacity;
  keyTable = keysAt;
  keySlots = slots;
  checkStack = checksAt;
  checkCapacity = checks;
  memory.fill(keyTable, 0, <usize>slots * 16);
}

/** A hash of bytes [p, end), eight at a time (keys and values are verified byte for byte where it matters). */
function hashOf(p: usize, end: usize): i32 {
  let h: u64 = <u64>(end - p) * 0x9e3779b97f4a7c15;
  while (p + 8 <= end) {
    h = (h ^ load<u64>(p)) * 0x100000001b3;
    h ^= h >> 29;
    p += 8;
  }
  let tail: u64 = 0;
  let shift: u64 = 0;
  while (p < end) {
    tail |= <u64>load<u8>(p) << shift;
    shift += 8;
    p++;
  }
  h = (h ^ tail) * 0x100000001b3;
  h ^= h >> 32;
  return <i32>h;
}

/** Whether bytes [a, a + n) and [b, b + n) are equal, eight at a time. */
function sameBytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  while (i + 8 <= n) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < n) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

/** Where interned values go: a table of `slots` slots (a power of two) and an arena of `arenaCapacity` bytes. */
export function valueLayout(tableAt: usize, slots: i32, arenaAt: usize, arenaCapacity: i32): void {
  valueTable = tableAt;
  valueSlots = slots;
  valueArena = arenaAt;
  valueArenaCapacity = arenaCapacity;
  valueArenaUsed = 0;
  valueCount = 0;
  memory.fill(valueTable, 0, <usize>slots * 16);
}

/**
 * The intern id of value bytes [p, end) with `tag`, or -1 when the table is full (at most half its
 * slots are used) or the arena is. Ids count up from 0 in the order values are first seen.
 */
function interned(p: usize, end: usize, tag: i32): i32 {
  const length = <i32>(end - p);
  const h = hashOf(p, end) ^ (tag * 0x27d4eb2d);
  const mask = valueSlots - 1;
  for (let n = 0; n < valueSlots; n++) {
    const slot = valueTable + (<usize>((h + n) & mask) << 4);
    const idTag = load<i32>(slot, 12);
    if (idTag == 0) {
      if (valueCount >= valueSlots >> 1 || valueArenaUsed + length > valueArenaCapacity) return -1;
      const at = valueArena + <usize>valueArenaUsed;
      memory.copy(at, p, <usize>length);
      valueArenaUsed += length;
      const id = valueCount++;
      store<i32>(slot, h);
      store<i32>(slot, <i32>at, 4);
      store<i32>(slot, length, 8);
      store<i32>(slot, (id + 1) | (tag << 28), 12);
      return id;
    }
    if (load<i32>(slot) == h && load<i32>(slot, 8) == length && (idTag >>> 28) == tag
      && sameBytes(<usize>load<i32>(slot, 4), p, <usize>length)) return (idTag & 0xfffffff) - 1;
  }
  return -1;
}

/** Registers key bytes [offset, offset + length) as key `id` with `role`; false when the table is full. */
export function addKey(offset: usize, length: i32, id: i32, role: i32): bool {
  const h = hashOf(offset, offset + <usize>length);
  const mask = keySlots - 1;
  for (let n = 0; n < keySlots; n++) {
    const slot = keyTable + (<usize>((h + n) & mask) << 4);
    if (load<i32>(slot, 8) == 0) {
      store<i32>(slot, h);
      store<i32>(slot, <i32>offset, 4);
      store<i32>(slot, length, 8);
      store<i32>(slot, id | (role << 24), 12);
      return true;
    }
  }
  return false;
}

/** The id | role << 24 of the key at [p, end), or -1. */
function keyOf(p: usize, end: usize, h: i32): i32 {
  const length = <i32>(end - p);
  const mask = keySlots - 1;
  for (let n = 0; n < keySlots; n++) {
    const slot = keyTable + (<usize>((h + n) & mask) << 4);
    const l = load<i32>(slot, 8);
    if (l == 0) return -1;
    if (l == length && load<i32>(slot) == h && sameBytes(<usize>load<i32>(slot, 4), p, <usize>length)) return load<i32>(slot, 12);
  }
  return -1;
}

function isWs(c: u32): bool {
  return c == 32 || c == 10 || c == 13 || c == 9;
}

function ws(p: usize, end: usize): usize {
  const from = p;
  while (p < end && isWs(<u32>load<u8>(p))) p++;
  if (p != from) gCanonical = false;
  return p;
}

/** The closing quote of the string whose text starts at p, or 0 when it is not valid JSON (p > 0 always). */
function stringEnd(p: usize, end: usize): usize {
  const quote = i8x16.splat(34);
  const backslash = i8x16.splat(92);
  const space = i8x16.splat(32);
  const zero = i8x16.splat(0);
  let high = v128.splat<i8>(0);
  let escaped = false;
  while (true) {
    while (p + 16 <= end) {
      const v = v128.load(p);
      high = v128.or(high, v);
      const stop = v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space));
      const bits = i8x16.bitmask(stop);
      if (bits != 0) {
        p += <usize>ctz<i32>(bits);
        break;
      }
      p += 16;
    }
    if (p >= end) return 0;
    const c = <u32>load<u8>(p);
    if (c == 34) break;
    if (c == 92) {
      escaped = true;
      if (p + 1 >= end) return 0;
      const e = <u32>load<u8>(p + 1);
      if (e == 117) {
        if (p + 6 > end) return 0;
        for (let i: usize = 2; i < 6; i++) if (!isHex(<u32>load<u8>(p + i))) return 0;
        gCanonical = false;
        p += 6;
        continue;
      }
      if (e == 47) gCanonical = false;
      else if (e != 34 && e != 92 && e != 98 && e != 102 && e != 110 && e != 114 && e != 116) return 0;
      p += 2;
      continue;
    }
    if (c < 32) return 0;
    if (c >= 128) gNonAscii = true;
    p++;
  }
  // High bytes in the 16-byte blocks (including bytes read past the quote: harmless, only a flag).
  if (i8x16.bitmask(i8x16.lt_s(high, zero)) != 0) gNonAscii = true;
  gEscaped = escaped;
  return p;
}

function isHex(c: u32): bool {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isDigit(c: u32): bool {
  return c >= 48 && c <= 57;
}

/** The end of the number at p, or 0. Sets gSmall / gInt for integers of up to 9 digits. */
function numberEnd(p: usize, end: usize): usize {
  let q = p;
  const negative = q < end && load<u8>(q) == 45;
  if (negative) q++;
  const intStart = q;
  if (q >= end) return 0;
  let v: i32 = 0;
  if (load<u8>(q) == 48) q++;
  else if (isDigit(<u32>load<u8>(q))) {
    while (q < end && isDigit(<u32>load<u8>(q))) {
      if (q - intStart < 9) v = v * 10 + <i32>(load<u8>(q) - 48);
      q++;
    }
  } else return 0;
  const digits = <i32>(q - intStart);
  if (digits > 15 || (negative && load<u8>(intStart) == 48)) gCanonical = false;
  let plain = true;
  if (q < end && load<u8>(q) == 46) {
    q++;
    if (q >= end || !isDigit(<u32>load<u8>(q))) return 0;
    while (q < end && isDigit(<u32>load<u8>(q))) q++;
    gCanonical = false;
    plain = false;
  }
  if (q < end && (load<u8>(q) == 101 || load<u8>(q) == 69)) {
    q++;
    if (q < end && (load<u8>(q) == 43 || load<u8>(q) == 45)) q++;
    if (q >= end || !isDigit(<u32>load<u8>(q))) return 0;
    while (q < end && isDigit(<u32>load<u8>(q))) q++;
    gCanonical = false;
    plain = false;
  }
  gSmall = plain && digits <= 9 && !(negative && v == 0);
  gInt = negative ? -v : v;
  return q;
}

function literalEnd(p: usize, end: usize, word: u64, length: usize): usize {
  if (p + length > end) return 0;
  for (let i: usize = 0; i < length; i++) if (<u64>load<u8>(p + i) != ((word >> (i * 8)) & 0xff)) return 0;
  return p + length;
}

const TRUE_WORD: u64 = 0x65757274;
const FALSE_WORD: u64 = 0x65736c6166;
const NULL_WORD: u64 = 0x6c6c756e;

/** Skips the JSON value at p, checking it: the position after it, or 0. */
function skipValue(p: usize, end: usize, depth: i32): usize {
  if (p >= end) return 0;
  const c = <u32>load<u8>(p);
  if (c == 34) {
    const close = stringEnd(p + 1, end);
    return close == 0 ? 0 : close + 1;
  }
  if (c == 123 || c == 91) {
    if (depth > MAX_DEPTH) return 0;
    return c == 123 ? skipObject(p, end, depth, false) : scanArray(p, end, depth, ARRAY_SKIP);
  }
  if (c == 116) return literalEnd(p, end, TRUE_WORD, 4);
  if (c == 102) return literalEnd(p, end, FALSE_WORD, 5);
  if (c == 110) return literalEnd(p, end, NULL_WORD, 4);
  return numberEnd(p, end);
}

/**
 * While tracking: whether key [start, end) of the object whose keys start at `mark` keeps the text
 * JSON.stringify's (not repeated, not numeric, no escape, ASCII).
 */
function checkedKey(start: usize, end: usize, mark: i32): bool {
  if (gEscaped || checkTop - mark >= MAX_CHECKED_KEYS || checkTop >= checkCapacity) return false;
  let digits = true;
  for (let i = start; i < end && digits; i++) digits = isDigit(<u32>load<u8>(i));
  if (digits) return false;
  for (let i = start; i < end; i++) if (load<u8>(i) >= 128) return false;
  const length = end - start;
  for (let k = mark; k < checkTop; k++) {
    const s = <usize>load<i32>(checkStack + (<usize>k << 3));
    const e = <usize>load<i32>(checkStack + (<usize>k << 3), 4);
    if (e - s == length && memory.compare(s, start, length) == 0) return false;
  }
  store<i32>(checkStack + (<usize>checkTop << 3), <i32>start);
  store<i32>(checkStack + (<usize>checkTop << 3), <i32>end, 4);
  checkTop++;
  return true;
}

function isKey(p: usize, end: usize, a: u64, b: u64, length: usize): bool {
  if (end - p != length) return false;
  for (let i: usize = 0; i < length; i++) {
    const want = i < 8 ? (a >> (i * 8)) & 0xff : (b >> ((i - 8) * 8)) & 0xff;
    if (<u64>load<u8>(p + i) != want) return false;
  }
  return true;
}

// "FolderItems", "NewValue", "OldValue", "newValue", "oldValue" as little-endian words.
const FOLDER_ITEMS_A: u64 = 0x74497265646c6f46;
const FOLDER_ITEMS_B: u64 = 0x736d65;
const NEW_VALUE: u64 = 0x65756c615677654e;
const OLD_VALUE: u64 = 0x65756c6156646c4f;
const NEW_VALUE_LOWER: u64 = 0x65756c615677656e;
const OLD_VALUE_LOWER: u64 = 0x65756c6156646c6f;

/**
 * An object at p. `folder`: an entry of Folders (depth 1), whose FolderItems are counted into
 * gItems and whose keys toDynamic rewrites make the text not kept (gCanonical false).
 */
function skipObject(p: usize, end: usize, depth: i32, folder: bool): usize {
  const mark = checkTop;
  let q = ws(p + 1, end);
  if (q < end && load<u8>(q) == 125) return q + 1;
  while (true) {
    if (q >= end || load<u8>(q) != 34) return endCheck(mark, 0);
    const close = stringEnd(q + 1, end);
    if (close == 0) return endCheck(mark, 0);
    const keyStart = q + 1;
    if (gTrack && !checkedKey(keyStart, close, mark)) gCanonical = false;
    q = ws(close + 1, end);
    if (q >= end || load<u8>(q) != 58) return endCheck(mark, 0);
    q = ws(q + 1, end);
    if (folder) {
      if (isKey(keyStart, close, NEW_VALUE, 0, 8) || isKey(keyStart, close, OLD_VALUE, 0, 8)
        || isKey(keyStart, close, NEW_VALUE_LOWER, 0, 8) || isKey(keyStart, close, OLD_VALUE_LOWER, 0, 8)) gCanonical = false;
      if (isKey(keyStart, close, FOLDER_ITEMS_A, FOLDER_ITEMS_B, 11) && q < end && load<u8>(q) == 91) {
        q = scanArray(q, end, depth + 1, ARRAY_COUNT);
      } else q = skipValue(q, end, depth + 1);
    } else q = skipValue(q, end, depth + 1);
    if (q == 0) return endCheck(mark, 0);
    q = ws(q, end);
    if (q >= end) return endCheck(mark, 0);
    const c = load<u8>(q);
    if (c == 44) {
      q = ws(q + 1, end);
      continue;
    }
    return endCheck(mark, c == 125 ? q + 1 : 0);
  }
}

function endCheck(mark: i32, result: usize): usize {
  checkTop = mark;
  return result;
}

// What scanArray does with an array's entries.
const ARRAY_SKIP: i32 = 0;
/** FolderItems: count the entries (into gItems). */
const ARRAY_COUNT: i32 = 1;
/** Folders: its object entries are Folders entries; their FolderItems are summed (into gItems). */
const ARRAY_FOLDERS: i32 = 2;

/** The array at p, checked: the position after it, or 0. */
function scanArray(p: usize, end: usize, depth: i32, mode: i32): usize {
  let q = ws(p + 1, end);
  let items: i32 = 0;
  if (q < end && load<u8>(q) == 93) {
    gItems = 0;
    return q + 1;
  }
  while (true) {
    if (mode == ARRAY_FOLDERS && q < end && load<u8>(q) == 123) {
      gItems = 0;
      q = skipObject(q, end, depth + 1, true);
      items += gItems;
    } else {
      q = skipValue(q, end, depth + 1);
      if (mode == ARRAY_COUNT) items++;
    }
    if (q == 0) return 0;
    q = ws(q, end);
    if (q >= end) return 0;
    const c = load<u8>(q);
    if (c == 44) {
      q = ws(q + 1, end);
      continue;
    }
    if (c != 93) return 0;
    gItems = items;
    return q + 1;
  }
}

/**
 * Writes token `n` for the member whose key is [keyStart, keyEnd) and whose value starts at p:
 * the position after the value, or 0 when it is not valid JSON.
 */
function memberToken(n: i32, idRole: i32, keyStart: usize, keyEnd: usize, p: usize, end: usize): usize {
  const role = idRole < 0 ? 0 : idRole >>> 24;
  const t = tokens + <usize>(n * TOKEN_WORDS * 4);
  store<i32>(t, idRole < 0 ? -1 : idRole & 0xffffff, T_KEY_ID << 2);
  store<i32>(t, <i32>keyStart, T_KEY_START << 2);
  store<i32>(t, <i32>keyEnd, T_KEY_END << 2);
  store<i32>(t, <i32>p, T_VALUE_START << 2);
  const c = <u32>load<u8>(p);
  let kind: i32 = 0;
  let aux: i32 = 0;
  gNonAscii = false;
  let after: usize = 0;
  if (c == 34) {
    const close = stringEnd(p + 1, end);
    if (close == 0) return 0;
    after = close + 1;
    kind = KIND_STRING | (gEscaped ? FLAG_ESCAPED : 0);
    if ((role & ROLE_INTERNED) != 0 && !gEscaped) aux = interned(p + 1, close, TAG_STRING);
  } else if (c == 91 && (role & ROLE_FOLDERS) != 0) {
    gTrack = true;
    gCanonical = true;
    checkTop = 0;
    after = scanArray(p, end, 1, ARRAY_FOLDERS);
    gTrack = false;
    if (after == 0) return 0;
    kind = KIND_ARRAY | (gCanonical ? FLAG_CANONICAL : 0);
    aux = gItems;
  } else if (c == 123 || c == 91) {
    after = c == 123 ? skipObject(p, end, 1, false) : scanArray(p, end, 1, ARRAY_SKIP);
    if (after == 0) return 0;
    kind = c == 123 ? KIND_OBJECT : KIND_ARRAY;
    if ((role & ROLE_SHARED) != 0) aux = interned(p, after, TAG_JSON);
  } else if (c == 116) {
    after = literalEnd(p, end, TRUE_WORD, 4);
    kind = KIND_TRUE;
  } else if (c == 102) {
    after = literalEnd(p, end, FALSE_WORD, 5);
    kind = KIND_FALSE;
  } else if (c == 110) {
    after = literalEnd(p, end, NULL_WORD, 4);
    kind = KIND_NULL;
  } else {
    gSmall = false;
    after = numberEnd(p, end);
    kind = KIND_NUMBER;
    if (gSmall) {
      kind |= FLAG_SMALL_INT;
      aux = gInt;
    }
  }
  if (after == 0) return 0;
  if (gNonAscii) kind |= FLAG_NON_ASCII;
  store<i32>(t, <i32>after, T_VALUE_END << 2);
  store<i32>(t, kind, T_KIND << 2);
  store<i32>(t, aux, T_AUX << 2);
  return after;
}

/**
 * Scans the line [start, end) (a JSON object, blanks trimmed): the number of members written as
 * tokens, or -1 when the line is not valid JSON, has a key with an escape, or more members than
 * the token table holds.
 */
export function scanLine(start: usize, end: usize): i32 {
  if (end - start < 2 || load<u8>(start) != 123 || load<u8>(end - 1) != 125) return -1;
  checkTop = 0;
  let p = ws(start + 1, end);
  let n: i32 = 0;
  if (load<u8>(p) == 125) return p == end - 1 ? 0 : -1;
  while (true) {
    if (p >= end || load<u8>(p) != 34 || n >= maxTokens) return -1;
    // Key: no escapes (a key with one is left to JSON.parse), hashed as addKey hashes.
    const keyStart = p + 1;
    const q = stringEnd(keyStart, end);
    if (q == 0 || gEscaped) return -1;
    const h = hashOf(keyStart, q);
    const keyEnd = q;
    const idRole = keyOf(keyStart, keyEnd, h);
    const role = idRole < 0 ? 0 : idRole >>> 24;
    p = ws(keyEnd + 1, end);
    if (p >= end || load<u8>(p) != 58) return -1;
    p = ws(p + 1, end);
    if (p >= end) return -1;
    // A key that feeds nothing is checked but gets no token.
    const after = (role & ROLE_IGNORED) != 0 ? skipValue(p, end, 1) : memberToken(n++, idRole, keyStart, keyEnd, p, end);
    if (after == 0) return -1;
    p = ws(after, end);
    if (p >= end) return -1;
    const sep = load<u8>(p);
    if (sep == 44) {
      p = ws(p + 1, end);
      continue;
    }
    return sep == 125 && p == end - 1 ? n : -1;
  }
}
