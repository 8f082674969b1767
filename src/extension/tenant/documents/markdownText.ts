// Markdown built from audit data, which is attacker-controlled: every value goes through these helpers,
// so names like `[x](command:...)`, `<img onerror=...>` or a line starting with `#` show as text.

const markdownSpecial = /[\\`*_{}[\]()#+\-.!|<>&~"'=:]/g;
const lineBreaks = /[\r\n\u0085\u2028\u2029]+/g;
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** One line of literal text inside Markdown: special characters become entities or escapes, breaks become spaces. */
export function mdText(value: string): string {
  return value
    .replace(lineBreaks, ' ')
    .replace(controls, '')
    .replace(markdownSpecial, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A fenced code block that no backtick run inside `code` can close. */
export function mdCodeBlock(code: string, language = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}

/** A table cell: escaped text; pipes are already escaped by mdText. */
export function mdCell(value: string): string {
  return mdText(value) || ' ';
}
