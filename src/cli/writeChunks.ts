import { createWriteStream } from 'node:fs';

/** Writes text chunks to a file with backpressure; reports the bytes written so far; returns the total. */
export async function writeChunks(file: string, chunks: Iterable<string>, onBytes: (n: number) => void = () => {}): Promise<number> {
  const stream = createWriteStream(file);
  let bytes = 0;
  for (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    onBytes(bytes);
    if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return bytes;
}
