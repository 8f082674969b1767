/**
 * A .exq query file seen as a notebook: each blank-line-separated block is a cell (as in the query
 * language, where a blank line ends a query). A block made only of // comment lines is a Markdown
 * cell; writing puts a Markdown cell back as // lines. Blank lines inside a code cell split it
 * into two cells when the file is read again, just as they split the query.
 */
import { DEFAULT_CODE_LANGUAGE, type CellData, type NotebookData } from './types';

const blank = (line: string): boolean => line.trim() === '';
const commentLine = /^\s*\/\/ ?/;

/** The lines of each blank-line-separated block. */
function blocks(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (blank(line)) {
      if (current.length) out.push(current);
      current = [];
    } else {
      current.push(line.replace(/\s+$/, ''));
    }
  }
  if (current.length) out.push(current);
  return out;
}

export function parseExqText(text: string): NotebookData {
  const cells: CellData[] = blocks(text).map((lines) =>
    lines.every((l) => commentLine.test(l))
      ? { kind: 'markdown', language: 'markdown', source: lines.map((l) => l.replace(commentLine, '')).join('\n') }
      : { kind: 'code', language: DEFAULT_CODE_LANGUAGE, source: lines.join('\n') },
  );
  return { cells };
}

export function serializeExqText(data: NotebookData): string {
  const parts: string[] = [];
  for (const cell of data.cells) {
    const lines = cell.source.split(/\r\n|\r|\n/);
    while (lines.length && blank(lines[lines.length - 1]!)) lines.pop();
    while (lines.length && blank(lines[0]!)) lines.shift();
    if (!lines.length) continue;
    parts.push(cell.kind === 'markdown' ? lines.map((l) => (blank(l) ? '//' : `// ${l}`)).join('\n') : lines.join('\n'));
  }
  return parts.length ? parts.join('\n\n') + '\n' : '';
}
