/** Reads the first bytes of a chunk stream without losing them. */

export async function peekChunks(
  source: AsyncIterable<Buffer>, want: number,
): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < want) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    taken.push(r.value);
    size += r.value.length;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    for (const t of taken) yield t;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head: Buffer.concat(taken), rest: rest() };
}
