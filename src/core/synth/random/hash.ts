/**
 * Small integer hashes. The dense activity generator derives every per-slot
 * random number from (seed, stream, hour) with these instead of a sequential
 * generator, so two passes over the same slots see the same numbers.
 */

/** Final avalanche of murmur3: a well-mixed 32-bit value from a 32-bit input. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes integers into one 32-bit hash. */
export function mixInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ fmix32(p | 0), 0x01000193) >>> 0;
    h = fmix32(h + 0x7f4a7c15);
  }
  return h;
}

/** 32-bit hash of a string (FNV-1a, then avalanched). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** Uniform float in [0, 1) from integers. */
export function hashFloat(...parts: number[]): number {
  return mixInts(...parts) / 4294967296;
}

/** mixInts for exactly three integers, without an argument array (hot path). */
export function mix3(a: number, b: number, c: number): number {
  let h = 0x9e3779b9;
  h = Math.imul(h ^ fmix32(a | 0), 0x01000193) >>> 0;
  h = fmix32(h + 0x7f4a7c15);
  h = Math.imul(h ^ fmix32(b | 0), 0x01000193) >>> 0;
  h = fmix32(h + 0x7f4a7c15);
  h = Math.imul(h ^ fmix32(c | 0), 0x01000193) >>> 0;
  return fmix32(h + 0x7f4a7c15);
}
