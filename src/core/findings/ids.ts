/** Stable short ids: the same data gives the same finding id on every run (suppressions rely on it). */

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 16 hex digits from two differently seeded FNV-1a hashes. */
export function stableHash(text: string): string {
  return fnv1a(text, 0x811c9dc5).toString(16).padStart(8, '0') + fnv1a(text, 0x5bd1e995).toString(16).padStart(8, '0');
}

/** Hands out ids from a key, adding -2, -3, ... when two findings share one. */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly prefix: string) {}

  next(key: string): string {
    const base = `${this.prefix}-${stableHash(key)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
