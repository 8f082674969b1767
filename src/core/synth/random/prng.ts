import { hashString, mixInts } from './hash';

const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Deterministic pseudo-random generator (sfc32, seeded through splitmix32).
 * `fork(label)` derives an independent generator from this one's seed and a
 * label without consuming state, so adding draws in one part of the
 * generator never shifts the numbers another part sees.
 */
export class Prng {
  readonly key: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: number) {
    this.key = key >>> 0;
    let s = this.key;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A generator for a seed given as a number or a string. */
  static from(seed: number | string): Prng {
    return new Prng(typeof seed === 'number' ? mixInts(seed, Math.floor(seed / 4294967296)) : hashString(seed));
  }

  fork(label: string | number): Prng {
    return new Prng(mixInts(this.key, typeof label === 'number' ? label : hashString(label)));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Integer in [min, max] inclusive. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Index chosen with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** Standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson deviate: Knuth's method for small means, a rounded normal for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Lower-case hex string of n digits. */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 8) s += hex8(this.uint32());
    return s.length === n ? s : s.slice(0, n);
  }

  /** A random (version 4) GUID in lower case. */
  guid(): string {
    return guidFromWords(this.uint32(), this.uint32(), this.uint32(), this.uint32());
  }
}

function hex8(n: number): string {
  return BYTE_HEX[(n >>> 24) & 255]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;
}

/** Formats four 32-bit words as a version-4 GUID. */
export function guidFromWords(w0: number, w1: number, w2: number, w3: number): string {
  const b = hex8(w1);
  const c = hex8(((w2 & 0x3fffffff) | 0x80000000) >>> 0);
  return `${hex8(w0)}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${c.slice(0, 4)}-${c.slice(4, 8)}${hex8(w3)}`;
}

/** A GUID that is a pure function of its integer inputs (no generator state). */
export function guidFromHash(...parts: number[]): string {
  const h = mixInts(...parts);
  return guidFromWords(h, mixInts(h, 1), mixInts(h, 2), mixInts(h, 3));
}
