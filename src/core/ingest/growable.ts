/** A typed array that grows as values are appended (doubling, so appends stay cheap). */
type Typed = Float64Array | Int32Array;

export class Growable<T extends Typed> {
  length = 0;

  constructor(public data: T, private readonly make: (size: number) => T) {}

  /** Room for `n` more values, exactly (a caller that knows how many are coming). */
  reserve(n: number): void {
    if (this.length + n > this.data.length) this.resize(this.length + n);
  }

  /** Room for `n` more as appends come: doubling, so that growing stays cheap. */
  private grow(n: number): void {
    if (this.length + n <= this.data.length) return;
    let size = Math.max(1024, this.data.length * 2);
    while (size < this.length + n) size *= 2;
    this.resize(size);
  }

  private resize(size: number): void {
    const next = this.make(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow(1);
    this.data[this.length++] = v;
  }

  /** Appends `base + from[i]` for the rows `keep` selects (all rows when it is null). */
  pushMany(from: ArrayLike<number>, base: number, keep: Uint8Array | null): void {
    this.grow(from.length);
    const data = this.data;
    let n = this.length;
    for (let i = 0; i < from.length; i++) if (keep === null || keep[i] === 1) data[n++] = base + from[i]!;
    this.length = n;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export function growableFloat64(): Growable<Float64Array> {
  return new Growable(new Float64Array(1024), (n) => new Float64Array(n));
}

export function growableInt32(): Growable<Int32Array> {
  return new Growable(new Int32Array(1024), (n) => new Int32Array(n));
}
