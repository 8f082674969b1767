/** Appends pages of records to a JSON lines file, after cutting off anything past the last complete page. */
import { promises as fsp } from 'node:fs';

/** Truncates (or creates) the file to `bytes`, the end of the last page the state recorded. */
export async function resetTo(file: string, bytes: number): Promise<void> {
  const handle = await fsp.open(file, 'a');
  try {
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
}

/** Appends records one per line; returns the bytes written. */
export async function appendRecords(file: string, records: readonly unknown[]): Promise<number> {
  if (records.length === 0) return 0;
  const text = `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
  const buf = Buffer.from(text, 'utf8');
  await fsp.appendFile(file, buf);
  return buf.length;
}
