/** Putting untrusted text into Markdown so that it shows as the same text and nothing else. */

/**
 * Characters that Markdown (CommonMark + GitHub tables) would read inline as emphasis, code, links,
 * images, HTML, entities or a cell break. Each is backslash-escaped, which CommonMark allows for any
 * ASCII punctuation. (Bare URLs still become links in GitHub's renderer; they show their own text.)
 */
const inlineSpecial = /[\\`*_{}[\]()<>!|~&]/g;

/** One table cell: every special character escaped, line breaks as <br>, nothing else changed. */
export function escapeTableCell(text: string): string {
  return text
    .replace(inlineSpecial, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

/** A line of running text (headings, notes) with the same escaping and line breaks as spaces. */
export function escapeInline(text: string): string {
  return text.replace(inlineSpecial, (c) => `\\${c}`).replace(/\s*(\r\n|\r|\n)\s*/g, ' ');
}

/** A fenced code block whose fence is longer than any backtick run inside (so the text cannot end it). */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\r\n|\r/g, '\n').replace(/\n*$/, '')}\n${fence}`;
}

/** A GitHub Markdown table; every header and cell escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (header.length === 0) return '';
  const line = (cells: readonly string[]) => `| ${header.map((_, i) => escapeTableCell(cells[i] ?? '')).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
