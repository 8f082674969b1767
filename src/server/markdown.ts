/**
 * Markdown for hovers and completion documentation. Values come from audit data (attacker-controlled):
 * they are shown only inside code spans, cut to a sane length, with line breaks flattened.
 */

const MAX_VALUE = 120;

/** `text` as an inline code span that no backtick in the text can close early. */
export function mdCode(text: string): string {
  let t = text.replace(/[\r\n\t]+/g, ' ');
  if (t.length > MAX_VALUE) t = `${t.slice(0, MAX_VALUE - 1)}…`;
  const longestRun = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t === '' ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Plain text with the markdown characters that could change its rendering escaped (names, catalogue text). */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
