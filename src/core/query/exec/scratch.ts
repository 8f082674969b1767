/**
 * Integer arrays a query needs only while it runs (rows kept by where, group codes), handed back
 * when it ends and reused by the next query. On a loaded dataset of a million rows each query
 * would otherwise allocate tens of megabytes of array buffers, and V8 answers that much new
 * off-heap memory with a full garbage collection of the whole (large) heap every few queries.
 * Nothing taken from here may end up in a query's result: results copy the rows they keep.
 */

/** Buffers kept for reuse between queries, at most this many bytes. */
const maxKeptBytes = 96 << 20;
const kept: ArrayBuffer[] = [];
let keptBytes = 0;

function take(bytes: number): ArrayBuffer {
  // The smallest kept buffer that fits and is not more than twice the size asked for.
  let best = -1;
  for (let i = 0; i < kept.length; i++) {
    const size = kept[i]!.byteLength;
    if (size >= bytes && size <= 2 * bytes && (best < 0 || size < kept[best]!.byteLength)) best = i;
  }
  if (best < 0) return new ArrayBuffer(bytes);
  const [buffer] = kept.splice(best, 1);
  keptBytes -= buffer!.byteLength;
  return buffer!;
}

/** Small arrays are cheap to allocate: only these sizes come from kept buffers. */
const minPooledBytes = 1 << 16;

export class Scratch {
  private readonly taken: ArrayBuffer[] = [];

  /** A zeroed Int32Array of n elements. */
  int32(n: number): Int32Array {
    return new Int32Array(this.buffer(n * 4), 0, n);
  }

  /** A zeroed Float64Array of n elements. */
  float64(n: number): Float64Array {
    return new Float64Array(this.buffer(n * 8), 0, n);
  }

  private buffer(bytes: number): ArrayBuffer {
    if (bytes < minPooledBytes) return new ArrayBuffer(bytes);
    const buffer = take(bytes);
    new Uint8Array(buffer, 0, bytes).fill(0);
    this.taken.push(buffer);
    return buffer;
  }

  /** Hands every buffer back (the query has ended and its result holds none of them). */
  release(): void {
    for (const buffer of this.taken) {
      if (keptBytes + buffer.byteLength > maxKeptBytes) continue;
      kept.push(buffer);
      keptBytes += buffer.byteLength;
    }
    this.taken.length = 0;
  }
}
