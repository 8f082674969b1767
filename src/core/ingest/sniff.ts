/** Decides how to read a file from its first decoded bytes (never from its name). */

export type Layout = 'empty' | 'json-lines' | 'json-document' | 'csv';

export function sniffLayout(head: Buffer): Layout {
  let i = 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  if (i >= head.length) return 'empty';
  const c = head[i];
  if (c === 91 /* [ */) return 'json-document';
  if (c !== 123 /* { */) return 'csv';
  const nl = head.indexOf(10, i);
  if (nl < 0) return 'json-document';
  const first = head.toString('utf8', i, nl).trim();
  try {
    const v = JSON.parse(first);
    return v !== null && typeof v === 'object' ? 'json-lines' : 'json-document';
  } catch {
    return 'json-document';
  }
}
