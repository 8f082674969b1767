/** Bench child: the floor. Reads the file in the same 1 MB chunks, splits lines, JSON.parses each, keeps nothing. */
import { createReadStream } from 'node:fs';

async function main(): Promise<void> {
  const start = performance.now();
  let records = 0;
  for (const f of process.argv.slice(2)) {
    let carry: Buffer | null = null;
    for await (let chunk of createReadStream(f, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      if (carry) {
        chunk = Buffer.concat([carry, chunk]);
        carry = null;
      }
      let pos = 0;
      for (;;) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) break;
        if (nl > pos) {
          JSON.parse(chunk.toString('utf8', pos, nl));
          records++;
        }
        pos = nl + 1;
      }
      if (pos < chunk.length) carry = chunk.subarray(pos);
    }
    if (carry && carry.length) {
      JSON.parse(carry.toString('utf8'));
      records++;
    }
  }
  process.stdout.write(`${JSON.stringify({ records, ms: performance.now() - start })}\n`);
}
void main();
