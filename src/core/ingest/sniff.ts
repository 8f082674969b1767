/** Decides how to read a file from its first decoded bytes (never from its name). */

export type Layout = 'empty' | 'json-lines' | 'json-document' | 'csv';

export function sniffLayout(head: Buffer): Layout {
  let i = 0;
  for (;;) {
    if (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13) i++;
    else if (head[i] === 0xef && head[i + 1] === 0xbb && head[i + 2] === 0xbf) i += 3; // a second BOM
    else break;
  }
  if (i >= head.length) return 'empty';
  const c = head[i];
  if (c === 91 /* [ */) return 'json-document';
  if (c !== 123 /* { */) return 'csv';
  const nl = head.indexOf(10, i);
  if (nl < 0) return 'json-document';
  const first = head.toString('utf8', i, nl).trim();
  if (isJsonObject(first)) return 'json-lines';
  // A first line cut short (a damaged JSON lines file) is followed by whole records at the
  // start of their lines; a pretty-printed document opens with a lone "{" and indents the rest.
  if (first === '{') return 'json-document';
  let from = nl + 1;
  for (let n = 0; n < 5 && from < head.length; n++) {
    const end = head.indexOf(10, from);
    if (end < 0) break;
    if (head[from] === 123 && isJsonObject(head.toString('utf8', from, end).trim())) return 'json-lines';
    from = end + 1;
  }
  return 'json-document';
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object';
  } catch {
    return false;
  }
}
